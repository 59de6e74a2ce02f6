// The runs repository against fake-indexeddb: runs start pending and move only along allowed
// transitions, logs are numbered per run, a checkpoint lands with its metrics and the run's step
// and only the newest K stay, the latest checkpoint comes back whole, discarding metrics after a
// step, deleting a finished run with everything it stored (bytes freed), and change notices.
import { describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import {
  appendLogs, appendMetrics, createRun, deleteRun, discardMetricsAfter, getRun, heartbeat, latestCheckpoint,
  listRuns, readLogs, readMetrics, requestCancel, saveCheckpoint, transitionRun, unfinishedRuns,
} from '../../../src/db/runs-repository';
import { onDatabaseChange, type ChangedTable } from '../../../src/db/changes';
import { createRunManifest } from '../../../src/runs/manifest';
import type { MetricRecord } from '../../../src/runs/types';
import { presetConfig } from '../../../src/model/config';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import type { TrainState } from '../../../src/train/trainer';
import { TRAIN_STATE_VERSION } from '../../../src/train/trainer';

let counter = 0;
const freshDatabase = () => new TunixDatabase(`runs-test-${++counter}`);

function manifest(runId: string, createdAt = '2026-11-01T10:00:00.000Z', keep = 2) {
  return createRunManifest({
    runId, name: runId, createdAt, appVersion: 'test', datasetKey: 'demo-v1', buildId: 'b1',
    modelConfig: presetConfig('tiny', 40), trainConfig: { ...DEFAULT_TRAIN_CONFIG, keep_checkpoints: keep, max_steps: 10 },
    tokenizerHash: 'hash', backendRequested: 'wasm',
  });
}

function metric(runId: string, step: number): MetricRecord {
  return { run_id: runId, step, epoch: 0, loss: 3 - step / 10, lr: 1e-3, grad_norm: 1, tokens_per_s: 100, timestamp: '2026-11-01T10:00:00.000Z', backend: 'wasm' };
}

function state(step: number): TrainState {
  const weights = { 'wte.weight': new Float32Array([step, 1, 2, 3]), 'lm_head.bias': new Float32Array([0.5, -0.5]) };
  return {
    state_version: TRAIN_STATE_VERSION, model_config: presetConfig('tiny', 40), train_config: DEFAULT_TRAIN_CONFIG,
    tokenizer: { tokenizer_version: 1, kind: 'char-byte-fallback', special_tokens: [], byte_fallback: true, chars: ['a'] },
    step, cursor: { epoch: 0, index: step * 4 }, weights,
    optimizer: { m: { 'wte.weight': new Float32Array(4) }, v: { 'wte.weight': new Float32Array(4).fill(step) } },
    elapsed_ms: step * 100, data: { examples: 8, skipped_too_long: 0, skipped_empty: 0, fingerprint: 'f' },
  };
}

describe('runs repository', () => {
  it('creates pending runs, lists newest first, and refuses a run that is not pending', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('old', '2026-11-01T10:00:00.000Z'));
    await createRun(db, manifest('new', '2026-11-02T10:00:00.000Z'));
    expect((await listRuns(db)).map((r) => r.run_id)).toEqual(['new', 'old']);
    expect((await getRun(db, 'old'))?.status).toBe('pending');
    await expect(createRun(db, { ...manifest('x'), status: 'running' })).rejects.toThrow(/pending/);
  });

  it('moves along allowed transitions only, and a final status is final', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('r'));
    expect((await transitionRun(db, 'r', 'completed')).ok).toBe(false);
    const started = await transitionRun(db, 'r', 'running', { started_at: '2026-11-01T10:01:00.000Z', backend_actual: 'wasm' });
    expect(started.ok && started.value).toMatchObject({ status: 'running', backend_actual: 'wasm' });
    expect((await requestCancel(db, 'r')).ok).toBe(true);
    expect((await transitionRun(db, 'r', 'running')).ok).toBe(false);
    const cancelled = await transitionRun(db, 'r', 'cancelled', { finished_at: '2026-11-01T10:02:00.000Z' });
    expect(cancelled.ok).toBe(true);
    const again = await transitionRun(db, 'r', 'running');
    expect(again.ok).toBe(false);
    expect(!again.ok && again.errors[0]!.message).toBe('run r is cancelled and cannot become running');
    expect((await transitionRun(db, 'missing', 'running')).ok).toBe(false);
    expect((await unfinishedRuns(db)).length).toBe(0);
  });

  it('lists unfinished runs oldest first', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('b', '2026-11-02T10:00:00.000Z'));
    await createRun(db, manifest('a', '2026-11-01T10:00:00.000Z'));
    await createRun(db, manifest('c', '2026-11-03T10:00:00.000Z'));
    await transitionRun(db, 'c', 'failed', { error: 'x' });
    await transitionRun(db, 'b', 'running');
    expect((await unfinishedRuns(db)).map((r) => r.run_id)).toEqual(['a', 'b']);
  });

  it('numbers log lines per run and records heartbeats on the run', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('r'));
    await createRun(db, manifest('s'));
    expect(await appendLogs(db, 'r', [{ level: 'info', message: 'one' }, { level: 'warn', message: 'two', step: 3 }])).toBe(2);
    expect(await appendLogs(db, 's', [{ level: 'info', message: 'other run' }])).toBe(1);
    await heartbeat(db, 'r', 4, 'step 4');
    const logs = await readLogs(db, 'r');
    expect(logs.map((l) => [l.seq, l.level, l.message])).toEqual([[1, 'info', 'one'], [2, 'warn', 'two'], [3, 'heartbeat', 'step 4']]);
    expect(logs[1]!.step).toBe(3);
    expect((await readLogs(db, 'r', 2)).map((l) => l.seq)).toEqual([3]);
    expect((await getRun(db, 'r'))?.heartbeat_at).toBe(logs[2]!.time);
  });

  it('stores a checkpoint with its metrics and step in one write, keeping the newest K', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('r', undefined, 2));
    await transitionRun(db, 'r', 'running');
    await appendMetrics(db, [metric('r', 1), metric('r', 2)]);
    for (const step of [3, 6, 9]) await saveCheckpoint(db, 'r', state(step), [metric('r', step - 0), metric('r', step - 1)]);
    const run = await getRun(db, 'r');
    expect(run?.step).toBe(9);
    expect(run?.checkpoints?.map((c) => c.step)).toEqual([6, 9]);
    expect(run?.checkpoints?.[0]?.bytes).toBe(4 * 4 + 2 * 4 + 4 * 4 + 4 * 4);
    expect(await db.checkpoints.count()).toBe(2);
    const latest = await latestCheckpoint(db, 'r');
    expect(latest?.step).toBe(9);
    expect(latest?.state.weights['wte.weight']).toEqual(new Float32Array([9, 1, 2, 3]));
    expect(latest?.state.optimizer.v['wte.weight']).toEqual(new Float32Array(4).fill(9));
    expect(latest?.state.cursor).toEqual({ epoch: 0, index: 36 });
    expect((await readMetrics(db, 'r')).map((m) => m.step)).toEqual([1, 2, 3, 5, 6, 8, 9]);
    expect((await readMetrics(db, 'r', 5)).map((m) => m.step)).toEqual([6, 8, 9]);
  });

  it('writes nothing of a checkpoint when the run has ended', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('r'));
    await transitionRun(db, 'r', 'failed', { error: 'boom' });
    await expect(saveCheckpoint(db, 'r', state(3), [metric('r', 3)])).rejects.toThrow(/failed/);
    expect(await db.checkpoints.count()).toBe(0);
    expect(await db.metrics.count()).toBe(0);
  });

  it('discards metrics after a step, for a resumed run to compute again', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('r'));
    await appendMetrics(db, [1, 2, 3, 4, 5].map((s) => metric('r', s)));
    await appendMetrics(db, [metric('other', 4)]);
    expect(await discardMetricsAfter(db, 'r', 3)).toBe(2);
    expect((await readMetrics(db, 'r')).map((m) => m.step)).toEqual([1, 2, 3]);
    expect((await readMetrics(db, 'other')).map((m) => m.step)).toEqual([4]);
  });

  it('deletes a finished run with its metrics, logs and checkpoints, and says how much it freed', async () => {
    const db = freshDatabase();
    await createRun(db, manifest('r'));
    await createRun(db, manifest('keep'));
    await transitionRun(db, 'r', 'running');
    await appendMetrics(db, [metric('r', 1), metric('keep', 1)]);
    await appendLogs(db, 'r', [{ level: 'info', message: 'hello' }]);
    await saveCheckpoint(db, 'r', state(2), [metric('r', 2)]);
    expect((await deleteRun(db, 'r')).ok).toBe(false); // still running
    await transitionRun(db, 'r', 'completed');
    const deleted = await deleteRun(db, 'r');
    expect(deleted.ok).toBe(true);
    if (!deleted.ok) return;
    expect(deleted.value).toMatchObject({ metrics: 2, logs: 1, checkpoints: 1 });
    expect(deleted.value.bytesFreed).toBeGreaterThan(56);
    expect(await getRun(db, 'r')).toBeUndefined();
    expect(await db.checkpoints.count()).toBe(0);
    expect(await readMetrics(db, 'r')).toEqual([]);
    expect(await readLogs(db, 'r')).toEqual([]);
    expect((await readMetrics(db, 'keep')).length).toBe(1);
    expect((await deleteRun(db, 'r')).ok).toBe(false);
  });

  it('announces every write to the runs table', async () => {
    const db = freshDatabase();
    const seen: ChangedTable[] = [];
    const stop = onDatabaseChange((table) => seen.push(table));
    await createRun(db, manifest('r'));
    await transitionRun(db, 'r', 'running');
    await appendMetrics(db, [metric('r', 1)]);
    await saveCheckpoint(db, 'r', state(1));
    stop();
    expect(seen).toEqual(['runs', 'runs', 'runs', 'runs']);
  });
});
