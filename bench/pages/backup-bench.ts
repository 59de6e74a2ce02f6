// Backup benchmark page (driven by scripts/bench.mjs, `backup`): fills every table (~1 KB traces
// through the trace store, runs with metrics, logs and checkpoints of real TrainState shape, a
// dataset, an eval set, an evaluation, a model, a sweep; not timed), then times backup → wipe
// (delete the database) → restore through the real backup worker and client, as the Storage
// screen does. Lossless means a second backup of the restored database has the same per-table
// counts and sha-256 as the first.
import { deleteDatabase } from './bench-db';
import { DEFAULT_DATABASE_NAME, TunixDatabase } from '../../src/db/database';
import { backupDatabase, restoreBackupFile } from '../../src/features/storage/backup-client';
import type { SaveTarget } from '../../src/features/datasets/save-target';
import type { BackupManifest } from '../../src/backup/format';
import { countTraces } from '../../src/db/trace-store';
import { populateStore } from '../../tests/fixtures/store-fixtures';

const status = document.getElementById('status')!;

/** Keeps the backup's pieces as Blobs (the browser's blob store), as the download target does. */
function memoryTarget(): SaveTarget & { blob(): Blob } {
  let parts: Blob[] = [];
  return {
    open: async () => {
      parts = [];
    },
    write: async (blob) => {
      parts.push(blob);
    },
    close: async () => undefined,
    abort: async () => {
      parts = [];
    },
    blob: () => new Blob(parts, { type: 'application/x-ndjson' }),
  };
}

async function backup(): Promise<{ manifest: BackupManifest; blob: Blob; ms: number }> {
  const target = memoryTarget();
  const started = performance.now();
  const manifest = await backupDatabase(new AbortController().signal, 'bench', target, 'bench.jsonl', () => undefined);
  return { manifest, blob: target.blob(), ms: performance.now() - started };
}

interface RoundTrip {
  backup_ms: number;
  wipe_ms: number;
  restore_ms: number;
  file_bytes: number;
  records: number;
  tables: number;
  traces_restored: number;
  lossless: boolean;
  mismatches: string[];
}

declare global {
  interface Window {
    prepareBackupBench(options: { traces: number; traceBytes: number; runs: number; checkpointsPerRun: number; metricsPerRun: number }): Promise<{ ms: number; counts: Record<string, number> }>;
    runBackupRoundTrip(): Promise<RoundTrip>;
  }
}

window.prepareBackupBench = async (options) => {
  status.textContent = 'preparing';
  await deleteDatabase(DEFAULT_DATABASE_NAME);
  const db = new TunixDatabase(DEFAULT_DATABASE_NAME, { bulkWrites: true });
  const started = performance.now();
  await populateStore(db, { ...options, preset: 'tiny' });
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  db.close();
  status.textContent = 'prepared';
  return { ms: performance.now() - started, counts };
};

window.runBackupRoundTrip = async () => {
  status.textContent = 'backing up';
  const first = await backup();
  status.textContent = 'wiping';
  const wipeStarted = performance.now();
  await deleteDatabase(DEFAULT_DATABASE_NAME);
  const wipe_ms = performance.now() - wipeStarted;
  status.textContent = 'restoring';
  const restoreStarted = performance.now();
  const report = await restoreBackupFile(new AbortController().signal, first.blob, 'replace', () => undefined);
  const restore_ms = performance.now() - restoreStarted;
  status.textContent = 'verifying';
  const second = await backup();
  const mismatches = first.manifest.tables
    .filter((table, k) => table.count !== second.manifest.tables[k]?.count || table.sha256 !== second.manifest.tables[k]?.sha256)
    .map((table) => table.name);
  const db = new TunixDatabase();
  const traces = await countTraces(db);
  db.close();
  status.textContent = 'done';
  return {
    backup_ms: first.ms,
    wipe_ms,
    restore_ms,
    file_bytes: first.blob.size,
    records: report.records,
    tables: first.manifest.tables.length,
    traces_restored: traces,
    lossless: mismatches.length === 0 && first.manifest.tables.length === second.manifest.tables.length,
    mismatches,
  };
};
