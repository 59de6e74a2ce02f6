// The storage panel's figures against fake-indexeddb: rows per table are the real counts with a
// size estimate for every non-empty table, and checkpoints are grouped per run, largest first,
// sized from the run's model (weights + two AdamW moments, float32) without loading any weights.
import { beforeAll, describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { checkpointsByRun, tableUsage } from '../../../src/db/storage-repository';
import { parameterCount } from '../../../src/model/config';
import { populateStore } from '../../fixtures/store-fixtures';

const db = new TunixDatabase('storage-repository-test');

beforeAll(async () => {
  await populateStore(db, { traces: 1_200, runs: 3, checkpointsPerRun: 2, metricsPerRun: 10, shape: { dim: 16, layers: 1, heads: 2, context: 16 } });
  await db.checkpoints.where('run_id').equals('run-002').delete();
  const extra = (await db.checkpoints.where('run_id').equals('run-001').first())!;
  await db.checkpoints.put({ ...extra, id: 'run-001-ckpt-extra', step: 999 });
});

describe('storage figures', () => {
  it('counts every table and estimates a size for each non-empty one', async () => {
    const usage = await tableUsage(db);
    expect(usage.map((table) => table.name).sort()).toEqual(db.tables.map((table) => table.name).sort());
    for (const table of usage) {
      expect(table.rows, table.name).toBe(await db.table(table.name).count());
      if (table.rows > 0) expect(table.approxBytes, table.name).toBeGreaterThan(0);
    }
    const pages = usage.find((table) => table.name === 'trace_pages')!;
    const summaries = usage.find((table) => table.name === 'trace_summaries')!;
    expect(pages.approxBytes).toBeGreaterThan(summaries.approxBytes);
  });

  it('groups checkpoints by run, largest first, sized from the model', async () => {
    const runs = await checkpointsByRun(db);
    const perCheckpoint = parameterCount((await db.runs.get('run-001'))!.model_config) * 4 * 3;
    expect(runs).toEqual([
      { runId: 'run-001', runName: 'fixture run 1', checkpoints: 3, approxBytes: 3 * perCheckpoint },
      { runId: 'run-000', runName: 'fixture run 0', checkpoints: 2, approxBytes: 2 * perCheckpoint },
    ]);
    // The size a checkpoint records for itself agrees with the one computed from its run's model.
    expect((await db.checkpoints.where('run_id').equals('run-000').first())!.bytes).toBe(perCheckpoint);
  });
});
