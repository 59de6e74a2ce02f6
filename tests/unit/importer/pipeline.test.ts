// The streaming import pipeline against an in-memory sink: modes, duplicates, cancel, failure,
// JSON arrays and the re-import of this app's trace export format.
import { describe, expect, it } from 'vitest';
import { importTraces } from '../../../src/importer/pipeline';
import type { ImportProgress } from '../../../src/importer/types';
import { fixtureTrace, mixedJsonl } from '../../fixtures/trace-fixtures';
import { MemorySink, textSource } from './memory-sink';

const file = mixedJsonl(1_000, 5);
const withoutDuplicates = mixedJsonl(1_000, 0);

describe('importTraces', () => {
  it('skip-invalid stores the valid records and reports invalid lines and duplicates', async () => {
    const sink = new MemorySink();
    const progress: ImportProgress[] = [];
    const summary = await importTraces([textSource('mixed.jsonl', file.text, 777)], { mode: 'skip_invalid', duplicates: 'skip', batchSize: 100 }, sink, {
      onProgress: (p) => progress.push(p),
      progressIntervalMs: 0,
    });
    expect(summary.status).toBe('completed');
    expect(summary.stored).toBe(1_000);
    expect(summary.invalid).toBe(10);
    expect(summary.duplicate).toBe(5);
    expect(summary.records).toBe(1_015);
    expect(sink.traces.size).toBe(1_000);
    expect([...new Set(summary.errors.map((e) => e.line))]).toEqual(file.invalidLines);
    expect(summary.message).toBe('Stored 1,000 traces; 10 invalid records listed below; 5 duplicates skipped.');
    expect(progress.at(-1)).toMatchObject({ bytesRead: summary.files[0]!.bytes, stored: 1_000 });
    const ids = [...sink.traces.keys()];
    expect(ids).toEqual([...ids].sort());
  });

  it('keeps duplicates when asked, still counting them', async () => {
    const sink = new MemorySink();
    const summary = await importTraces([textSource('mixed.jsonl', file.text)], { mode: 'skip_invalid', duplicates: 'keep' }, sink);
    expect(summary.stored).toBe(1_005);
    expect(summary.duplicate).toBe(5);
  });

  it('all-or-nothing stores nothing when a record is invalid', async () => {
    const sink = new MemorySink();
    const summary = await importTraces([textSource('mixed.jsonl', file.text)], { mode: 'all_or_nothing', duplicates: 'skip' }, sink);
    expect(summary.status).toBe('rejected');
    expect(summary.stored).toBe(0);
    expect(summary.invalid).toBe(10);
    expect(sink.batches).toBe(0);
  });

  it('all-or-nothing stores everything when every record is valid', async () => {
    const sink = new MemorySink();
    const text = Array.from({ length: 250 }, (_, n) => JSON.stringify(fixtureTrace(n))).join('\n');
    const summary = await importTraces([textSource('ok.jsonl', text)], { mode: 'all_or_nothing', duplicates: 'skip', batchSize: 100 }, sink);
    expect(summary).toMatchObject({ status: 'completed', stored: 250, invalid: 0, records: 250 });
  });

  it('cancel keeps committed batches and says how many', async () => {
    const sink = new MemorySink();
    const controller = new AbortController();
    sink.afterWrite = () => sink.batches === 2 && controller.abort();
    const summary = await importTraces([textSource('mixed.jsonl', withoutDuplicates.text, 512)], { mode: 'skip_invalid', duplicates: 'skip', batchSize: 100 }, sink, {
      signal: controller.signal,
    });
    expect(summary.status).toBe('cancelled');
    expect(summary.stored).toBe(sink.traces.size);
    expect(summary.stored).toBeGreaterThanOrEqual(200);
    expect(summary.stored).toBeLessThan(1_000);
    expect(summary.message).toContain(`${summary.stored} traces stored before cancelling are kept`);
  });

  it('all-or-nothing cancel removes what it wrote', async () => {
    const sink = new MemorySink();
    const controller = new AbortController();
    sink.afterWrite = () => controller.abort();
    const text = Array.from({ length: 500 }, (_, n) => JSON.stringify(fixtureTrace(n))).join('\n');
    const summary = await importTraces([textSource('ok.jsonl', text)], { mode: 'all_or_nothing', duplicates: 'skip', batchSize: 100 }, sink, {
      signal: controller.signal,
    });
    expect(summary.status).toBe('cancelled');
    expect(sink.traces.size).toBe(0);
    expect(summary.message).toBe('Cancelled: nothing stored (all or nothing).');
  });

  it('a failing write stops the import, keeps earlier batches and names the failure', async () => {
    const sink = new MemorySink();
    sink.failOnBatch = 3;
    const summary = await importTraces([textSource('mixed.jsonl', withoutDuplicates.text)], { mode: 'skip_invalid', duplicates: 'skip', batchSize: 100 }, sink);
    expect(summary.status).toBe('failed');
    expect(summary.stored).toBe(200);
    expect(sink.traces.size).toBe(200);
    expect(summary.message).toContain('Storage is full (simulated)');
  });

  it('imports JSON arrays and {traces: [...]} objects', async () => {
    const traces = Array.from({ length: 30 }, (_, n) => fixtureTrace(n));
    const sink = new MemorySink();
    const summary = await importTraces(
      [textSource('a.json', JSON.stringify(traces, null, 2), 100), textSource('b.json', JSON.stringify({ traces: traces.map((t) => fixtureTrace(t.meta.index as number + 100)) }))],
      { mode: 'skip_invalid', duplicates: 'skip' },
      sink,
    );
    expect(summary).toMatchObject({ status: 'completed', stored: 60, invalid: 0 });
    expect(summary.files.map((f) => f.format)).toEqual(['json', 'json']);
  });

  it('reports a structural error of a JSON file with its line and keeps what came before', async () => {
    const sink = new MemorySink();
    const text = '[\n' + JSON.stringify(fixtureTrace(1)) + ',\n' + JSON.stringify(fixtureTrace(2)) + ',\n{"unterminated": ';
    const summary = await importTraces([textSource('broken.json', text)], { mode: 'skip_invalid', duplicates: 'skip' }, sink);
    expect(summary.stored).toBe(2);
    expect(summary.invalid).toBe(1);
    expect(summary.errors[0]).toMatchObject({ file: 'broken.json', path: '' });
    expect(summary.errors[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it("re-imports this app's exported trace format with the same ids and content", async () => {
    const exported = [0, 1, 2].map((n) => {
      const trace = fixtureTrace(n);
      return {
        id: `0190a5f2-0000-7000-8000-00000000000${n}`,
        prompts: trace.prompt,
        trace_steps: trace.steps,
        final_answer: trace.final_answer,
        metadata: trace.meta,
      };
    });
    const sink = new MemorySink();
    const summary = await importTraces([textSource('export.jsonl', exported.map((e) => JSON.stringify(e)).join('\n'))], { mode: 'skip_invalid', duplicates: 'skip' }, sink);
    expect(summary.errors).toEqual([]);
    expect(summary.stored).toBe(3);
    for (const [n, record] of exported.entries()) {
      const stored = sink.traces.get(record.id);
      expect(stored?.prompt).toBe(fixtureTrace(n).prompt);
      expect(stored?.steps).toEqual(fixtureTrace(n).steps);
      expect(stored?.final_answer).toBe(fixtureTrace(n).final_answer);
    }
  });

  it('validates, hashes and stores in-memory records (a RecordSource) like the same lines of text', async () => {
    const values: unknown[] = Array.from({ length: 250 }, (_, n) => fixtureTrace(n));
    values.splice(10, 0, { ...fixtureTrace(900), prompt: '' });
    values.splice(20, 0, fixtureTrace(3));
    const records = values.map((value) => ({ value, serializedBytes: JSON.stringify(value).length }));
    const fromRecords = new MemorySink();
    const source = { name: 'generated.jsonl', records: () => [records.slice(0, 100), records.slice(100)] };
    const summary = await importTraces([source], { mode: 'skip_invalid', duplicates: 'skip', batchSize: 64 }, fromRecords);
    const fromText = new MemorySink();
    const text = values.map((value) => JSON.stringify(value)).join('\n');
    const textSummary = await importTraces([textSource('generated.jsonl', text)], { mode: 'skip_invalid', duplicates: 'skip', batchSize: 64 }, fromText);
    expect(summary).toMatchObject({ status: 'completed', records: 252, stored: 250, invalid: 1, duplicate: 1 });
    expect(summary.errors).toEqual(textSummary.errors);
    expect(summary.errors[0]).toMatchObject({ line: 11, path: 'prompt' });
    const content = (sink: MemorySink) => [...sink.traces.values()].map(({ id: _id, created_at: _at, ...rest }) => rest);
    expect(content(fromRecords)).toEqual(content(fromText));
  });

  it('rejects an in-memory record over the size limit, by the size its source gives', async () => {
    const sink = new MemorySink();
    const source = { name: 'big.jsonl', records: () => [[{ value: fixtureTrace(1), serializedBytes: 2_000_000 }]] };
    const summary = await importTraces([source], { mode: 'skip_invalid', duplicates: 'skip' }, sink);
    expect(summary).toMatchObject({ stored: 0, invalid: 1 });
    expect(summary.errors[0]!.message).toMatch(/2,000,000 bytes serialized/);
  });
});
