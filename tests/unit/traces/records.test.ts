// parseTraceRecord: malformed JSON, validation issues with their line, the size limit on the raw
// text, and the `trace` export format (this app's and the reference system's) mapped back.
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../../src/traces/canonical';
import { EXPORTED_STEP_TYPE, parseTraceRecord } from '../../../src/traces/records';
import type { ReasoningTrace } from '../../../src/traces/types';

const EXPORT_ALLOWED = 'unknown field (allowed: id, prompts, trace_steps, final_answer, metadata)';
const ID = '0190a5f2-0000-7000-8000-00000000002a';

function trace(): ReasoningTrace {
  return {
    trace_version: '1.0',
    prompt: 'What is 6 × 7?',
    steps: [
      { i: 0, type: 'computation', content: '6 × 7 = 42' },
      { i: 1, type: 'conclusion', content: 'The answer is 42' },
    ],
    final_answer: '42',
    meta: { source: 'test', level: 3 },
  };
}

/** This app's `trace` export: steps and meta as they are. */
function appExport(record: ReasoningTrace = trace()) {
  return { id: ID, prompts: record.prompt, trace_steps: record.steps, final_answer: record.final_answer, metadata: record.meta };
}

/** The reference system's `trace` export: step contents only, metadata = created_at + trace_version + meta. */
function referenceExport(record: ReasoningTrace = trace()) {
  return {
    id: ID,
    prompts: record.prompt,
    trace_steps: record.steps.map((step) => step.content),
    final_answer: record.final_answer,
    metadata: { created_at: '2025-12-21T10:00:00+00:00', trace_version: record.trace_version, ...(record.meta ?? {}) },
  };
}

function errorsOf(text: string, line = 7) {
  const parsed = parseTraceRecord(text, line);
  return parsed.ok ? [] : parsed.errors;
}

describe('parseTraceRecord', () => {
  it('parses and validates a trace record', () => {
    expect(parseTraceRecord(JSON.stringify(trace()), 1)).toEqual({ ok: true, trace: trace() });
  });

  it.each(['{not json', '', '{"prompt": "x",}', '[1, 2'])('turns malformed JSON %j into one issue with the parser message', (text) => {
    let parserMessage = '';
    try {
      JSON.parse(text);
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(errorsOf(text, 12)).toEqual([{ path: '', message: `invalid JSON: ${parserMessage}`, line: 12 }]);
  });

  it('gives every validation issue the line', () => {
    const text = JSON.stringify({ ...trace(), prompt: '', extra: 1 });
    expect(errorsOf(text, 3)).toEqual([
      { path: 'prompt', message: 'must be 1–50,000 characters, got 0', line: 3 },
      { path: 'extra', message: 'unknown field (allowed: trace_version, prompt, steps, final_answer, meta)', line: 3 },
    ]);
  });

  it('rejects JSON that is not an object', () => {
    expect(errorsOf('[1,2,3]', 2)).toEqual([{ path: '', message: 'expected an object, got array', line: 2 }]);
    expect(errorsOf('null', 2)).toEqual([{ path: '', message: 'expected an object, got null', line: 2 }]);
  });

  describe('size of the raw text', () => {
    const LIMIT = 1_048_576;
    const sizeError = (bytes: number) => ({ path: '', message: `record is ${bytes.toLocaleString('en-US')} bytes serialized; at most 1,048,576 allowed`, line: 1 });

    const utf8 = (text: string) => new TextEncoder().encode(text).length;

    it('counts whitespace in the text: 1 MiB passes, one byte more fails', () => {
      const compact = JSON.stringify(trace());
      expect(errorsOf(compact + ' '.repeat(LIMIT - utf8(compact)), 1)).toEqual([]);
      expect(errorsOf(compact + ' '.repeat(LIMIT + 1 - utf8(compact)), 1)).toEqual([sizeError(LIMIT + 1)]);
    });

    it('counts UTF-8 bytes, not characters', () => {
      const compact = JSON.stringify({ ...trace(), meta: { note: '' } });
      const text = compact.replace('"note":""', `"note":"${'é'.repeat(Math.floor((LIMIT - utf8(compact)) / 2))}"`);
      expect(text.length).toBeLessThan(LIMIT * 0.6);
      expect(errorsOf(text + ' '.repeat(LIMIT - utf8(text)), 1)).toEqual([]);
      expect(errorsOf(text + ' '.repeat(LIMIT + 1 - utf8(text)), 1)).toEqual([sizeError(LIMIT + 1)]);
    });
  });
});

describe('parseTraceRecord: the trace export format', () => {
  it("maps this app's export back to the same trace, keeping the id", async () => {
    const parsed = parseTraceRecord(JSON.stringify(appExport()), 1);
    expect(parsed).toEqual({ ok: true, trace: trace(), originalId: ID });
    if (parsed.ok) expect(await contentHash(parsed.trace)).toBe(await contentHash(trace()));
  });

  it("maps the reference system's export: string steps, trace_version and created_at in metadata", () => {
    const source = { ...trace(), trace_version: '2.0' };
    const parsed = parseTraceRecord(JSON.stringify(referenceExport(source)), 1);
    expect(parsed).toEqual({
      ok: true,
      originalId: ID,
      trace: {
        trace_version: '2.0',
        prompt: source.prompt,
        steps: source.steps.map((step, i) => ({ i, type: EXPORTED_STEP_TYPE, content: step.content })),
        final_answer: source.final_answer,
        meta: { source: 'test', level: 3 },
      },
    });
  });

  it('gives a trace exported without meta no meta again, so its hash is unchanged', async () => {
    const { meta: _meta, ...withoutMeta } = trace();
    const parsed = parseTraceRecord(JSON.stringify({ ...referenceExport(withoutMeta), trace_steps: withoutMeta.steps }), 1);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect('meta' in parsed.trace).toBe(false);
    expect(await contentHash(parsed.trace)).toBe(await contentHash(withoutMeta));
  });

  it('uses trace_version 1.0 when metadata has none, and keeps null metadata as null meta', () => {
    const { metadata: _metadata, ...noMetadata } = appExport();
    const absent = parseTraceRecord(JSON.stringify(noMetadata), 1);
    expect(absent.ok && absent.trace).toEqual({ ...trace(), meta: undefined, trace_version: '1.0' });
    expect(absent.ok && 'meta' in absent.trace).toBe(false);
    const nullMeta = parseTraceRecord(JSON.stringify({ ...appExport(), metadata: null }), 1);
    expect(nullMeta.ok && nullMeta.trace.meta).toBeNull();
  });

  it('reports problems at the paths the exported record uses', () => {
    const record = {
      ...appExport(),
      prompts: '',
      trace_steps: [{ i: 0, type: 't', content: '' }],
      metadata: { trace_version: 5, list: [{ constructor: 1 }] },
    };
    expect(errorsOf(JSON.stringify(record), 4)).toEqual([
      { path: 'metadata.trace_version', message: 'expected string, got number', line: 4 },
      { path: 'prompts', message: 'must be 1–50,000 characters, got 0', line: 4 },
      { path: 'trace_steps[0].content', message: 'must be 1–20,000 characters, got 0', line: 4 },
      { path: 'metadata.list[0].constructor', message: 'forbidden key "constructor"', line: 4 },
    ]);
  });

  it('still rejects a __proto__ key in metadata once the export keys are taken out', () => {
    const text = JSON.stringify(referenceExport()).replace('"metadata":{', '"metadata":{"__proto__":{"polluted":true},');
    expect(errorsOf(text, 2)).toEqual([{ path: 'metadata.__proto__', message: 'forbidden key "__proto__"', line: 2 }]);
  });

  it('reports unknown fields and a non-string id of an exported record', () => {
    const record = { ...appExport(), id: 42, prompt: 'duplicate of prompts', extra: true };
    expect(errorsOf(JSON.stringify(record), 9)).toEqual([
      { path: 'prompt', message: EXPORT_ALLOWED, line: 9 },
      { path: 'extra', message: EXPORT_ALLOWED, line: 9 },
      { path: 'id', message: 'expected string, got number', line: 9 },
    ]);
  });

  it('needs trace_steps to be an array', () => {
    expect(errorsOf(JSON.stringify({ ...appExport(), trace_steps: 'one step' }), 1)).toEqual([
      { path: 'trace_steps', message: 'expected an array, got string', line: 1 },
    ]);
  });

  it('treats a record with prompts but no trace_steps as a plain trace', () => {
    const { trace_steps: _steps, ...partial } = appExport();
    expect(errorsOf(JSON.stringify(partial), 1).map((issue) => issue.path)).toEqual([
      'trace_version',
      'prompt',
      'steps',
      'id',
      'prompts',
      'metadata',
    ]);
  });
});
