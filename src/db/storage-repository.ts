// What the storage panel shows about the database: rows per table with an approximate size
// (the average of a few records times the row count: reading everything would cost as much as a
// backup), and the largest things a person can delete: checkpoints per run (sized from the run's
// model: weights + two AdamW moments, float32), datasets by size of their manifest, and traces.
// Reads only; never deletes.
import type { TunixDatabase } from './database';
import { approximateBytes } from '../shared/approximate-size';
import { parameterCount } from '../model/config';

export interface TableUsage {
  name: string;
  rows: number;
  approxBytes: number;
}

/** Records read per table to estimate its record size. */
const SAMPLE_RECORDS = 8;

export async function tableUsage(db: TunixDatabase): Promise<TableUsage[]> {
  return Promise.all(
    db.tables.map(async (table) => {
      const rows = await table.count();
      if (rows === 0) return { name: table.name, rows, approxBytes: 0 };
      const sample = await table.limit(SAMPLE_RECORDS).toArray();
      const average = sample.reduce((sum: number, record) => sum + approximateBytes(record), 0) / Math.max(1, sample.length);
      return { name: table.name, rows, approxBytes: Math.round(average * rows) };
    }),
  );
}

export interface RunCheckpoints {
  runId: string;
  runName: string | null;
  checkpoints: number;
  approxBytes: number;
}

/** Checkpoints grouped by run, largest first (read from the key index: no weights are loaded). */
export async function checkpointsByRun(db: TunixDatabase): Promise<RunCheckpoints[]> {
  const keys = (await db.checkpoints.orderBy('[run_id+step]').keys()) as unknown as [string, number][];
  const counts = new Map<string, number>();
  for (const [runId] of keys) counts.set(runId, (counts.get(runId) ?? 0) + 1);
  const runIds = [...counts.keys()];
  const runs = await db.runs.bulkGet(runIds);
  const rows = await Promise.all(
    runIds.map(async (runId, k) => {
      const run = runs[k];
      let perCheckpoint = run ? parameterCount(run.model_config) * 4 * 3 : 0;
      if (!run) perCheckpoint = (await db.checkpoints.where('run_id').equals(runId).first())?.bytes ?? 0;
      const checkpoints = counts.get(runId)!;
      return { runId, runName: run?.name ?? null, checkpoints, approxBytes: checkpoints * perCheckpoint };
    }),
  );
  return rows.sort((a, b) => b.approxBytes - a.approxBytes);
}
