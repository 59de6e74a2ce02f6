// Whole exports through a sink: one file in manifest order, train/eval files for a split, missing
// ids listed and not written, the bundle zip holding manifest.json, the same data and README.md,
// progress over every file, and cancel.
import { describe, expect, it } from 'vitest';
import { runExport, type ExportSink } from '../../../src/export/job';
import { renderLine } from '../../../src/export/renderers';
import { bundleReadme } from '../../../src/export/readme';
import { buildDataset, manifestToJson } from '../../../src/datasets/manifest';
import { summarizeTrace } from '../../../src/datasets/filters';
import type { DatasetManifest } from '../../../src/datasets/types';
import { toStoredTrace } from '../../../src/traces/derive';
import type { StoredTrace } from '../../../src/traces/types';
import { readZip } from './zip-reader';

const traces: StoredTrace[] = Array.from({ length: 50 }, (_, n) =>
  toStoredTrace(
    {
      trace_version: '1.0',
      prompt: `Prompt ${n} ✓`,
      steps: Array.from({ length: n % 3 }, (_, i) => ({ i, type: 'computation', content: `step ${i}` })),
      final_answer: `${n}`,
      meta: { category: n % 2 ? 'odd' : 'even' },
    },
    { id: `0190${n.toString(16).padStart(8, '0')}`, created_at: '2026-01-01T00:00:00.000Z', content_hash: String(n) },
  ),
);
const byId = new Map(traces.map((trace) => [trace.id, trace]));
const lookup = async (ids: string[]) => ids.map((id) => byId.get(id));

function manifest(split: boolean): DatasetManifest {
  const built = buildDataset(
    traces.map(summarizeTrace),
    { name: 'job', version: '1', filters: { meta: [] }, selection_strategy: 'random', seed: 3, limit: 30, split: split ? { eval_fraction: 0.3 } : null },
    { buildId: 'b', createdAt: '2026-02-01T00:00:00.000Z', appVersion: 'test' },
  );
  if (!built.ok) throw new Error('build failed');
  return built.value;
}

function collectingSink(): ExportSink & { files: Map<string, Uint8Array[]> } {
  const files = new Map<string, Uint8Array[]>();
  let current: Uint8Array[] | null = null;
  return {
    files,
    open(name) {
      current = [];
      files.set(name, current);
    },
    write(data) {
      current!.push(typeof data === 'string' ? new TextEncoder().encode(data) : data.slice());
    },
    close() {
      current = null;
    },
  };
}

function joined(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const text = (parts: Uint8Array[] | undefined) => new TextDecoder().decode(joined(parts ?? []));
const expected = (ids: readonly string[]) => ids.map((id) => renderLine('tunix_sft', byId.get(id)!)).join('');

describe('runExport', () => {
  it('writes one file of every manifest trace in order, in small chunks', async () => {
    const whole = manifest(false);
    const sink = collectingSink();
    const result = await runExport(whole, lookup, sink, { format: 'tunix_sft', chunkChars: 500, batchSize: 7 });
    expect(result.outputs).toEqual(['job-1.tunix_sft.jsonl']);
    expect(text(sink.files.get('job-1.tunix_sft.jsonl'))).toBe(expected(whole.trace_ids));
    expect(result.written).toBe(30);
    expect(result.missingIds).toEqual([]);
  });

  it('writes train.jsonl and eval.jsonl for a split, with progress over both', async () => {
    const split = manifest(true);
    const sink = collectingSink();
    const seen: number[] = [];
    const result = await runExport(split, lookup, sink, { format: 'tunix_sft', batchSize: 4, onProgress: (p) => seen.push(p.processed) });
    expect(result.outputs).toEqual(['train.jsonl', 'eval.jsonl']);
    expect(text(sink.files.get('train.jsonl'))).toBe(expected(split.split!.train_ids));
    expect(text(sink.files.get('eval.jsonl'))).toBe(expected(split.split!.eval_ids));
    expect(seen.at(-1)).toBe(30);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('lists ids the store lost instead of writing them', async () => {
    const whole = manifest(false);
    const gone = new Set([whole.trace_ids[2]!, whole.trace_ids[17]!]);
    const sink = collectingSink();
    const result = await runExport(whole, async (ids) => ids.map((id) => (gone.has(id) ? undefined : byId.get(id))), sink, { format: 'tunix_sft' });
    expect(result.missingIds).toEqual([...gone]);
    expect(result.written).toBe(28);
    expect(text(sink.files.get('job-1.tunix_sft.jsonl'))).toBe(expected(whole.trace_ids.filter((id) => !gone.has(id))));
  });

  it('bundles manifest.json, the split data and README.md in one zip', async () => {
    const split = manifest(true);
    const sink = collectingSink();
    const result = await runExport(split, lookup, sink, { format: 'prompt_completion', bundle: true, chunkChars: 300 });
    expect(result.outputs).toEqual(['job-1.prompt_completion.zip']);
    const entries = readZip(joined(sink.files.get('job-1.prompt_completion.zip')!));
    const decode = (k: number) => new TextDecoder().decode(entries[k]!.data);
    expect(entries.map((entry) => entry.name)).toEqual(['manifest.json', 'train.jsonl', 'eval.jsonl', 'README.md']);
    expect(decode(0)).toBe(manifestToJson(split));
    expect(decode(1)).toBe(split.split!.train_ids.map((id) => renderLine('prompt_completion', byId.get(id)!)).join(''));
    expect(decode(3)).toBe(bundleReadme(split, 'prompt_completion'));
  });

  it('stops with the signal reason when cancelled', async () => {
    const controller = new AbortController();
    const sink = collectingSink();
    const run = runExport(manifest(false), lookup, sink, {
      format: 'trace',
      batchSize: 5,
      signal: controller.signal,
      onProgress: (p) => p.processed >= 10 && controller.abort(new Error('cancelled by test')),
    });
    await expect(run).rejects.toThrow('cancelled by test');
  });
});
