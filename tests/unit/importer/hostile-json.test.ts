// Imported files are hostile: a record in a public format with a prototype key or absurd nesting
// is refused with its path and line; an over-long JSONL line or JSON array element is reported
// without being held in memory, and the records around it still import.
import { describe, expect, it } from 'vitest';
import { importTraces } from '../../../src/importer/pipeline';
import { parseImportedRecord } from '../../../src/importer/record-parser';
import { RECORD_JSON_LIMITS } from '../../../src/shared/safe-json';
import { TRACE_LIMITS } from '../../../src/traces/validate';
import { fixtureTrace } from '../../fixtures/trace-fixtures';
import { MemorySink, textSource } from './memory-sink';

describe('parseImportedRecord on hostile records', () => {
  it('refuses prototype keys in a public-format record, naming the path', () => {
    const text = '{"instruction":"Add","input":"1 and 2","output":"3","extra":{"__proto__":{"admin":true}}}';
    expect(parseImportedRecord('alpaca', text, 7)).toEqual({ ok: false, errors: [{ path: 'extra.__proto__', message: 'forbidden key "__proto__"', line: 7 }] });
    const chat = '{"messages":[{"role":"user","content":"hi","constructor":{}}]}';
    expect(parseImportedRecord('chat', chat, 2)).toEqual({ ok: false, errors: [{ path: 'messages[0].constructor', message: 'forbidden key "constructor"', line: 2 }] });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses nesting deeper than the limit', () => {
    const text = `{"instruction":"x","input":"","output":"y","deep":${'['.repeat(200)}${']'.repeat(200)}}`;
    const parsed = parseImportedRecord('alpaca', text, 1);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]!.message).toBe(`nested deeper than ${RECORD_JSON_LIMITS.maxDepth} levels`);
  });

  it('refuses an oversized trace before parsing it', () => {
    const text = `{"prompt":"${'x'.repeat(TRACE_LIMITS.serializedBytes)}"}`;
    expect(parseImportedRecord('trace', text, 3)).toEqual({ ok: false, errors: [{ path: '', message: 'record is over 1,048,576 bytes serialized (the limit); not parsed', line: 3 }] });
  });
});

describe('importTraces with over-long records', () => {
  const good = (n: number) => JSON.stringify(fixtureTrace(n));
  const huge = `{"prompt":"${'x'.repeat(RECORD_JSON_LIMITS.maxChars + 10)}"}`;

  it('reports an over-long JSONL line with its length and imports the others', async () => {
    const sink = new MemorySink();
    const text = [good(1), huge, good(2)].join('\n');
    const summary = await importTraces([textSource('big.jsonl', text, 1 << 16)], { mode: 'skip_invalid', duplicates: 'skip' }, sink);
    expect(summary.stored).toBe(2);
    expect(summary.invalid).toBe(1);
    expect(summary.errors).toEqual([
      { file: 'big.jsonl', line: 2, path: '', message: `record is ${huge.length.toLocaleString('en-US')} characters long; at most ${RECORD_JSON_LIMITS.maxChars.toLocaleString('en-US')} are read` },
    ]);
  });

  it('stops a .json file at an over-long array element, keeping the records before it', async () => {
    const sink = new MemorySink();
    const text = `[${good(1)},\n${huge},\n${good(2)}]`;
    const summary = await importTraces([textSource('big.json', text, 1 << 16)], { mode: 'skip_invalid', duplicates: 'skip' }, sink);
    expect(summary.stored).toBe(1);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ file: 'big.json', line: 2, message: expect.stringMatching(/^the record starting here is longer than 4,194,304 characters/) });
  });
});
