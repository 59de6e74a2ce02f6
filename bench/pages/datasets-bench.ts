// Dataset benchmark page (driven by scripts/bench.mjs, `build` and `export`): stores ~1 KB traces
// straight through the trace store (not timed), then times a dataset build (meta filter +
// stratified selection) in the page, and a `tunix_sft` export of a whole dataset through the real
// export worker and export client, into a save target that counts the bytes and drops them.
import { deleteDatabase } from './bench-db';
import { DEFAULT_DATABASE_NAME, TunixDatabase } from '../../src/db/database';
import { appendTraces } from '../../src/db/trace-store';
import { buildAndStoreDataset } from '../../src/db/datasets-repository';
import { exportDataset } from '../../src/features/datasets/export-client';
import type { SaveTarget } from '../../src/features/datasets/save-target';
import { canonicalRecords } from '../../src/traces/canonical';
import { toStoredTrace } from '../../src/traces/derive';
import type { ReasoningTrace } from '../../src/traces/types';
import type { DatasetBuildRequest } from '../../src/datasets/types';
import { uuidv7 } from '../../src/shared/ids';
import { fixtureTrace } from '../../tests/fixtures/trace-fixtures';

const status = document.getElementById('status')!;
const CATEGORIES = ['arithmetic', 'percent', 'units', 'strings', 'logic'] as const;
const BATCH = 1_000;
let database: TunixDatabase | null = null;

/** The n-th bench trace: 7 in 10 from `corpus`, the rest from `ungar`; 5 categories. */
function benchTrace(n: number, bytesPerTrace: number): ReasoningTrace {
  const trace = fixtureTrace(n, bytesPerTrace);
  return { ...trace, meta: { source: (n * 7) % 10 < 7 ? 'corpus' : 'ungar', category: CATEGORIES[Math.floor(n / 3) % CATEGORIES.length]!, index: n } };
}

async function storeBatch(db: TunixDatabase, start: number, end: number, bytesPerTrace: number): Promise<void> {
  const traces: ReasoningTrace[] = [];
  for (let n = start; n < end; n++) traces.push(benchTrace(n, bytesPerTrace));
  const { records, hashes } = await canonicalRecords(traces);
  const createdAt = new Date().toISOString();
  const stored = traces.map((trace, k) => toStoredTrace(trace, { id: uuidv7(), created_at: createdAt, content_hash: hashes[k]! }));
  await appendTraces(db, stored, start, records);
}

/** Counts what the export client hands over, keeps nothing. */
function countingTarget(): SaveTarget & { bytes: number; files: string[] } {
  const target = {
    bytes: 0,
    files: [] as string[],
    open: async (name: string) => {
      target.files.push(name);
    },
    write: async (blob: Blob) => {
      target.bytes += blob.size;
    },
    close: async () => undefined,
    abort: async () => undefined,
  };
  return target;
}

declare global {
  interface Window {
    prepareDatasetsBench(count: number, bytesPerTrace: number): Promise<{ ms: number; stored: number }>;
    runStratifiedBuild(version: string, source: string, limit: number): Promise<{ ms: number; ok: boolean; count: number; error?: string }>;
    buildWholeDataset(count: number): Promise<{ key: string; count: number }>;
    runTunixSftExport(key: string): Promise<{ ms: number; written: number; missing: number; bytes: number; files: string[] }>;
  }
}

window.prepareDatasetsBench = async (count, bytesPerTrace) => {
  status.textContent = 'preparing';
  database?.close();
  await deleteDatabase(DEFAULT_DATABASE_NAME);
  database = new TunixDatabase(DEFAULT_DATABASE_NAME, { bulkWrites: true });
  const started = performance.now();
  for (let start = 0; start < count; start += BATCH) await storeBatch(database, start, Math.min(count, start + BATCH), bytesPerTrace);
  const stored = await database.trace_summaries.toArray().then((pages) => pages.reduce((sum, page) => sum + page.ids.length, 0));
  database.close();
  database = new TunixDatabase();
  status.textContent = 'prepared';
  return { ms: performance.now() - started, stored };
};

window.runStratifiedBuild = async (version, source, limit) => {
  const request: DatasetBuildRequest = {
    name: 'bench-stratified',
    version,
    filters: { meta: [`source=${source}`] },
    selection_strategy: 'stratified',
    stratify: { key: 'category', mode: 'proportional' },
    seed: 1234,
    limit,
  };
  const started = performance.now();
  const result = await buildAndStoreDataset(database!, request, { appVersion: 'bench' });
  const ms = performance.now() - started;
  if (!result.ok) return { ms, ok: false, count: 0, error: result.errors.map((error) => error.message).join('; ') };
  return { ms, ok: true, count: result.value.trace_count };
};

window.buildWholeDataset = async (count) => {
  const request: DatasetBuildRequest = { name: 'bench-export', version: '1', filters: { meta: [] }, selection_strategy: 'latest', limit: count };
  const result = await buildAndStoreDataset(database!, request, { appVersion: 'bench' });
  if (!result.ok) throw new Error(result.errors.map((error) => error.message).join('; '));
  return { key: result.value.dataset_key, count: result.value.trace_count };
};

window.runTunixSftExport = async (key) => {
  const target = countingTarget();
  const started = performance.now();
  const result = await exportDataset(new AbortController().signal, key, { format: 'tunix_sft' }, target, () => undefined);
  const ms = performance.now() - started;
  return { ms, written: result.written, missing: result.missingIds.length, bytes: target.bytes, files: target.files };
};
