// Public-format files through the import pipeline: detection per file, conversion, the same
// validation and store path as traces, per-line errors, explicit formats and JSON arrays.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTraces } from '../../../src/importer/pipeline';
import type { ImportOptions } from '../../../src/importer/types';
import { PUBLIC_FORMATS } from '../../../src/traces/convert';
import { fixtureTrace } from '../../fixtures/trace-fixtures';
import { MemorySink, textSource } from './memory-sink';

const FIXTURES = resolve(__dirname, '../../fixtures/convert');
const readFixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');
const expectedTraces = (name: string) =>
  readFixture(name)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
const skipInvalid: ImportOptions = { mode: 'skip_invalid', duplicates: 'skip' };

function storedRecords(sink: MemorySink) {
  return [...sink.traces.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(({ trace_version, prompt, steps, final_answer, meta }) => ({ trace_version, prompt, steps, final_answer, meta }));
}

describe.each(PUBLIC_FORMATS)('a %s file imported with format auto', (format) => {
  it('is detected, converted and stored as the expected traces', async () => {
    const sink = new MemorySink();
    const summary = await importTraces([textSource(`${format}.jsonl`, readFixture(`${format}.jsonl`))], skipInvalid, sink);
    const expected = expectedTraces(`${format}.expected.jsonl`);
    expect(summary).toMatchObject({ status: 'completed', invalid: 0, stored: expected.length });
    expect(summary.files[0]!.recordFormat).toBe(format);
    expect(storedRecords(sink)).toEqual(expected);
  });
});

describe('converted imports', () => {
  it('turns a GSM8K "#### 1,234" into the final answer 1234', async () => {
    const sink = new MemorySink();
    await importTraces([textSource('gsm8k.jsonl', readFixture('gsm8k.jsonl'))], skipInvalid, sink);
    const answers = storedRecords(sink).map((trace) => trace.final_answer);
    expect(answers).toContain('1234');
    expect(answers).not.toContain('1,234');
  });

  it('reports records that do not map with their line, and stores the rest', async () => {
    const lines = readFixture('gsm8k.jsonl').trim().split('\n');
    const bad = JSON.stringify({ question: 'How many?', answer: 'No final line here.' });
    const text = [lines[0], bad, '{not json', lines[1]].join('\n');
    const sink = new MemorySink();
    const summary = await importTraces([textSource('mixed.jsonl', text)], skipInvalid, sink);
    expect(summary).toMatchObject({ stored: 2, invalid: 2 });
    expect(summary.errors.map((e) => [e.line, e.path])).toEqual([
      [2, 'answer'],
      [3, ''],
    ]);
    expect(summary.errors[0]!.message).toContain('####');
  });

  it('detects each file on its own: a trace file and a chat file in one import', async () => {
    const traces = [0, 1, 2].map((n) => JSON.stringify(fixtureTrace(n))).join('\n');
    const sink = new MemorySink();
    const summary = await importTraces(
      [textSource('traces.jsonl', traces), textSource('chat.jsonl', readFixture('chat.jsonl'))],
      skipInvalid,
      sink,
    );
    expect(summary.files.map((f) => f.recordFormat)).toEqual(['trace', 'chat']);
    expect(summary.stored).toBe(6);
  });

  it('reads a file as the format the user forces, reporting records that do not fit', async () => {
    const sink = new MemorySink();
    const summary = await importTraces([textSource('alpaca.jsonl', readFixture('alpaca.jsonl'))], { ...skipInvalid, format: 'gsm8k' }, sink);
    expect(summary.files[0]!.recordFormat).toBe('gsm8k');
    expect(summary.stored).toBe(0);
    expect(summary.invalid).toBe(4);
    expect(summary.errors[0]).toMatchObject({ line: 1, path: 'question' });
  });

  it('a per-file format overrides the import-wide one', async () => {
    const sink = new MemorySink();
    const summary = await importTraces(
      [textSource('a.jsonl', readFixture('alpaca.jsonl')), textSource('p.jsonl', readFixture('prompt_completion.jsonl'))],
      { ...skipInvalid, format: 'trace', fileFormats: ['alpaca', 'auto'] },
      sink,
    );
    expect(summary.files.map((f) => f.recordFormat)).toEqual(['alpaca', 'prompt_completion']);
    expect(summary.invalid).toBe(0);
  });

  it('converts JSON arrays and files longer than the detection sample', async () => {
    const one = readFixture('prompt_completion.jsonl').trim().split('\n').map((line) => JSON.parse(line) as { prompt: string; completion: string });
    const many = Array.from({ length: 45 }, (_, n) => ({ ...one[n % one.length]!, prompt: `${one[n % one.length]!.prompt} #${n}` }));
    const sink = new MemorySink();
    const summary = await importTraces([textSource('many.json', JSON.stringify(many, null, 1), 64)], { ...skipInvalid, batchSize: 10 }, sink);
    expect(summary).toMatchObject({ status: 'completed', records: 45, stored: 45, invalid: 0 });
    expect(summary.files[0]).toMatchObject({ format: 'json', recordFormat: 'prompt_completion' });
  });

  it('all-or-nothing rejects a converted file with one bad record', async () => {
    const text = `${readFixture('alpaca.jsonl').trim()}\n${JSON.stringify({ instruction: '', output: 'x' })}`;
    const sink = new MemorySink();
    const summary = await importTraces([textSource('alpaca.jsonl', text)], { mode: 'all_or_nothing', duplicates: 'skip' }, sink);
    expect(summary.status).toBe('rejected');
    expect(sink.traces.size).toBe(0);
  });
});
