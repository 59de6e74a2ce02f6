// Import benchmark page (driven by scripts/bench.mjs): builds a JSONL file of ~1 KB traces,
// times a raw Dexie bulkAdd of the same records already parsed (the baseline, in a worker),
// then times our whole import path (the real import worker: parse + validate + hash + store).
import { deleteDatabase } from './bench-db';
import { wrap } from 'comlink';
import { startImport } from '../../src/features/importer/import-client';
import { DEFAULT_DATABASE_NAME } from '../../src/db/database';
import { fixtureTrace } from '../../tests/fixtures/trace-fixtures';
import type { RawBulkAddApi } from './raw-bulkadd.worker';

const status = document.getElementById('status')!;

function makeFile(count: number, bytesPerTrace: number): File {
  const parts: string[] = [];
  for (let start = 0; start < count; start += 1_000) {
    const lines: string[] = [];
    for (let n = start; n < Math.min(count, start + 1_000); n++) lines.push(JSON.stringify(fixtureTrace(n, bytesPerTrace)));
    parts.push(lines.join('\n') + '\n');
  }
  return new File(parts, 'bench.jsonl', { type: 'application/x-ndjson' });
}

async function rawBulkAdd(file: File): Promise<{ ms: number; count: number }> {
  const worker = new Worker(new URL('./raw-bulkadd.worker.ts', import.meta.url), { type: 'module' });
  try {
    const api = wrap<RawBulkAddApi>(worker);
    const count = await api.prepare(file);
    const ms = await api.run();
    await api.close();
    return { ms, count };
  } finally {
    worker.terminate();
  }
}

declare global {
  interface Window {
    prepareImportBench(count: number, bytesPerTrace: number): Promise<{ bytes: number }>;
    runRawBaseline(): Promise<{ ms: number; count: number }>;
    runOurImport(): Promise<{ ms: number; stored: number; invalid: number; duplicate: number; status: string }>;
  }
}

let benchFile: File | null = null;

window.prepareImportBench = async (count, bytesPerTrace) => {
  status.textContent = 'preparing';
  await deleteDatabase(DEFAULT_DATABASE_NAME);
  await deleteDatabase('bench-raw');
  benchFile = makeFile(count, bytesPerTrace);
  status.textContent = 'prepared';
  return { bytes: benchFile.size };
};

window.runRawBaseline = async () => {
  const result = await rawBulkAdd(benchFile!);
  await deleteDatabase('bench-raw');
  return result;
};

window.runOurImport = async () => {
  const started = performance.now();
  const summary = await startImport([benchFile!], { mode: 'skip_invalid', duplicates: 'skip' }, () => undefined).done;
  const ms = performance.now() - started;
  return { ms, stored: summary.stored, invalid: summary.invalid, duplicate: summary.duplicate, status: summary.status };
};
