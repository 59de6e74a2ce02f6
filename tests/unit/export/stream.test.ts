import { describe, expect, it } from 'vitest';
import { renderLine } from '../../../src/export/renderers';
import {
  exportChunks,
  pipeExport,
  sourceFromIds,
  type ExportProgress,
  type ExportSourceItem,
} from '../../../src/export/stream';
import { canonicalJson, parseCanonicalTrace, type CanonicalTrace } from '../../../src/traces/canonical';
import type { StoredTrace } from '../../../src/traces/types';
import { ADDITION, NO_STEPS, UNICODE } from './fixtures';

function numbered(n: number): StoredTrace {
  return { ...ADDITION, id: `id-${String(n).padStart(7, '0')}`, prompt: `What is ${n} + 3?` };
}

/** A lazy source of `count` traces in batches, counting how many batches were pulled. */
function countingSource(count: number, batchSize: number) {
  const pulled = { batches: 0 };
  async function* source(): AsyncGenerator<ExportSourceItem[]> {
    for (let start = 0; start < count; start += batchSize) {
      pulled.batches += 1;
      const batch: ExportSourceItem[] = [];
      for (let n = start; n < Math.min(count, start + batchSize); n++) batch.push({ id: `id-${n}`, trace: numbered(n) });
      yield batch;
    }
  }
  return { source: source(), pulled };
}

async function* fromBatches(batches: ExportSourceItem[][]): AsyncGenerator<ExportSourceItem[]> {
  for (const batch of batches) yield batch;
}

async function collect(chunks: AsyncGenerator<string, unknown>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe('exportChunks', () => {
  it('writes exactly the rendered lines of the present traces, in source order', async () => {
    const batches = [[{ id: ADDITION.id, trace: ADDITION }], [{ id: UNICODE.id, trace: UNICODE }, { id: NO_STEPS.id, trace: NO_STEPS }]];
    const options = { systemInstruction: 'S' };
    const text = (await collect(exportChunks(fromBatches(batches), 'tunix_sft', options))).join('');
    expect(text).toBe([ADDITION, UNICODE, NO_STEPS].map((trace) => renderLine('tunix_sft', trace, options)).join(''));
  });

  it('writes canonical records as the stored traces they hold, spliced or parsed', async () => {
    const canonical = (trace: StoredTrace): CanonicalTrace => ({ id: trace.id, created_at: trace.created_at, canonical: canonicalJson(trace) });
    // Integer-like meta keys cannot be spliced: that record goes through the parse.
    const numericMeta = { ...ADDITION, id: 'numeric', meta: { '2': 'b', '1': 'a' } };
    const traces = [ADDITION, UNICODE, NO_STEPS, numericMeta];
    const batches = [traces.map((trace) => ({ id: trace.id, trace: canonical(trace) })), [{ id: 'parsed', trace: { ...ADDITION, id: 'parsed' } }]];
    const asStored = (trace: StoredTrace) => parseCanonicalTrace(canonical(trace));
    for (const options of [{}, { systemInstruction: 'S' }]) {
      const text = (await collect(exportChunks(fromBatches(batches), 'tunix_sft', options))).join('');
      expect(text).toBe([...traces.map((trace) => renderLine('tunix_sft', asStored(trace), options)), renderLine('tunix_sft', { ...ADDITION, id: 'parsed' }, options)].join(''));
    }
  });

  it('reports ids without a trace, in manifest order, instead of shrinking silently', async () => {
    const batches = [
      [{ id: 'gone-1' }, { id: ADDITION.id, trace: ADDITION }],
      [{ id: 'gone-2', trace: undefined }, { id: NO_STEPS.id, trace: NO_STEPS }, { id: 'gone-3' }],
    ];
    const written: string[] = [];
    const summary = await pipeExport(exportChunks(fromBatches(batches), 'trace'), (chunk) => {
      written.push(chunk);
    });
    expect(summary.missingIds).toEqual(['gone-1', 'gone-2', 'gone-3']);
    expect(summary.written).toBe(2);
    expect(summary.format).toBe('trace');
    expect(summary.chars).toBe(written.join('').length);
    expect(written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line).id)).toEqual([ADDITION.id, NO_STEPS.id]);
  });

  it('cuts chunks once they reach the chunk size, never inside a line', async () => {
    const { source } = countingSource(500, 64);
    const chunks = await collect(exportChunks(source, 'prompt_completion', { chunkChars: 4_000 }));
    expect(chunks.length).toBeGreaterThan(5);
    const longestLine = Math.max(...chunks.join('').split('\n').map((line) => line.length + 1));
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.length).toBeGreaterThanOrEqual(4_000);
      expect(chunk.length).toBeLessThan(4_000 + longestLine);
      expect(chunk.endsWith('\n')).toBe(true);
    }
    expect(chunks.join('').split('\n').length - 1).toBe(500);
  });

  it('reads the source only as fast as chunks are taken (flat memory)', async () => {
    const { source, pulled } = countingSource(100_000, 100);
    const chunks = exportChunks(source, 'tunix_sft', { chunkChars: 20_000 });
    const first = await chunks.next();
    expect(first.done).toBe(false);
    // A line is about 300 characters, so 20,000 characters need one batch of 100 traces.
    expect(pulled.batches).toBeLessThanOrEqual(2);
    await chunks.return({ format: 'tunix_sft', written: 0, missingIds: [], chars: 0 });
    expect(pulled.batches).toBeLessThanOrEqual(2);
  });

  it('stops with the abort reason when cancelled between chunks and pulls no further batch', async () => {
    const controller = new AbortController();
    const { source, pulled } = countingSource(10_000, 100);
    const chunks = exportChunks(source, 'messages', { chunkChars: 1_000, signal: controller.signal });
    await chunks.next();
    const pulledAtAbort = pulled.batches;
    controller.abort(new Error('user cancelled'));
    await expect(chunks.next()).rejects.toThrow('user cancelled');
    expect(pulled.batches).toBe(pulledAtAbort);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const { source } = countingSource(10, 5);
    await expect(collect(exportChunks(source, 'trace', { signal: controller.signal }))).rejects.toThrow(/abort/i);
  });

  it('reports progress after each batch', async () => {
    const batches = [[{ id: 'a', trace: ADDITION }, { id: 'b' }], [{ id: 'c', trace: NO_STEPS }]];
    const seen: ExportProgress[] = [];
    await collect(exportChunks(fromBatches(batches), 'trace', { total: 3 }, (progress) => seen.push(progress)));
    expect(seen.map(({ processed, written, missing, total }) => ({ processed, written, missing, total }))).toEqual([
      { processed: 2, written: 1, missing: 1, total: 3 },
      { processed: 3, written: 2, missing: 1, total: 3 },
    ]);
    expect(seen[1]!.chars).toBe(renderLine('trace', ADDITION).length + renderLine('trace', NO_STEPS).length);
  });

  it('yields nothing for an empty source and still returns a summary', async () => {
    const chunks = exportChunks(fromBatches([]), 'trace');
    const step = await chunks.next();
    expect(step).toEqual({ done: true, value: { format: 'trace', written: 0, missingIds: [], chars: 0 } });
  });
});

describe('pipeExport', () => {
  it('renders the next chunk while the last is written, starting each write only after the one before', async () => {
    const { source, pulled } = countingSource(300, 50);
    let writing = false;
    let writes = 0;
    let pulledDuringWrites = 0;
    const summary = await pipeExport(exportChunks(source, 'trace', { chunkChars: 5_000 }), async () => {
      expect(writing).toBe(false);
      writing = true;
      writes++;
      const before = pulled.batches;
      await new Promise((resolve) => setTimeout(resolve, 1));
      pulledDuringWrites += pulled.batches - before;
      writing = false;
    });
    expect(writes).toBeGreaterThan(2);
    expect(pulledDuringWrites).toBeGreaterThan(0);
    expect(summary.written).toBe(300);
  });

  it('writes the chunks in order', async () => {
    const { source } = countingSource(300, 50);
    const written: string[] = [];
    await pipeExport(exportChunks(source, 'trace', { chunkChars: 5_000 }), async (chunk) => {
      await new Promise((resolve) => setTimeout(resolve, written.length % 2));
      written.push(chunk);
    });
    expect(written.join('')).toBe(Array.from({ length: 300 }, (_, n) => renderLine('trace', numbered(n))).join(''));
  });
});

describe('sourceFromIds', () => {
  it('looks ids up in slices and pairs each id with its trace or undefined', async () => {
    const stored = new Map([ADDITION, NO_STEPS].map((trace) => [trace.id, trace]));
    const slices: string[][] = [];
    const ids = [ADDITION.id, 'gone', NO_STEPS.id, 'gone-too', ADDITION.id];
    const source = sourceFromIds(
      ids,
      async (slice) => {
        slices.push(slice);
        return slice.map((id) => stored.get(id));
      },
      { batchSize: 2 },
    );
    const items: ExportSourceItem[] = [];
    for await (const batch of source) items.push(...batch);
    expect(slices).toEqual([[ADDITION.id, 'gone'], [NO_STEPS.id, 'gone-too'], [ADDITION.id]]);
    expect(items.map((item) => [item.id, item.trace?.id])).toEqual([
      [ADDITION.id, ADDITION.id],
      ['gone', undefined],
      [NO_STEPS.id, NO_STEPS.id],
      ['gone-too', undefined],
      [ADDITION.id, ADDITION.id],
    ]);
  });

  it('looks the next slice up while the current one is being written, one lookup at a time', async () => {
    const ids = Array.from({ length: 10 }, (_, n) => `id-${n}`);
    const events: string[] = [];
    let running = 0;
    const source = sourceFromIds(
      ids,
      async (slice) => {
        expect(running).toBe(0);
        running++;
        events.push(`lookup ${slice[0]}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        return slice.map((id) => ({ ...ADDITION, id }));
      },
      { batchSize: 4 },
    );
    for await (const batch of source) events.push(`batch ${batch[0]!.id}`);
    expect(events).toEqual(['lookup id-0', 'lookup id-4', 'batch id-0', 'lookup id-8', 'batch id-4', 'batch id-8']);
  });

  it('feeds exportChunks end to end, reporting the deleted ids', async () => {
    const stored = new Map([[UNICODE.id, UNICODE]]);
    const source = sourceFromIds(['deleted', UNICODE.id], async (slice) => slice.map((id) => stored.get(id)));
    const parts: string[] = [];
    const summary = await pipeExport(exportChunks(source, 'messages'), (chunk) => void parts.push(chunk));
    expect(parts.join('')).toBe(renderLine('messages', UNICODE));
    expect(summary.missingIds).toEqual(['deleted']);
  });
});
