// The training-run tables: runs (the manifest), metrics (one record per optimizer step), logs
// (sequence-numbered lines, heartbeats and samples) and checkpoints (full resumable states). Owns
// status transitions (checked against RUN_TRANSITIONS inside the write), log numbering, the
// checkpoint write (checkpoint + pending metrics + the run's step in one transaction, then only
// the newest keep_checkpoints kept) and deleting a run with everything it stored. Every write
// announces 'runs' so other tabs and workers refresh. Must never train or touch tf.
import Dexie from 'dexie';
import type { ValidationResult } from '../traces/types';
import type { TrainState } from '../train/trainer';
import { canTransition, type LogEntry, type RunPatch, type RunStore } from '../runs/store';
import { FINAL_RUN_STATUSES, type CheckpointRecord, type CheckpointSummary, type LogRecord, type MetricRecord, type RunManifest, type RunStatus } from '../runs/types';
import { announceChange } from './changes';
import type { TunixDatabase } from './database';
import { isQuotaError, StorageFullError } from './errors';

const DEFAULT_KEEP_CHECKPOINTS = 3;

function runRange(runId: string): [[string, unknown], [string, unknown]] {
  return [[runId, Dexie.minKey], [runId, Dexie.maxKey]];
}

export function isFinalStatus(status: RunStatus): boolean {
  return FINAL_RUN_STATUSES.includes(status);
}

export async function createRun(db: TunixDatabase, manifest: RunManifest): Promise<void> {
  if (manifest.status !== 'pending') throw new Error(`a new run must be pending, not ${manifest.status}`);
  await db.runs.add(manifest);
  announceChange('runs');
}

export function getRun(db: TunixDatabase, runId: string): Promise<RunManifest | undefined> {
  return db.runs.get(runId);
}

/** Every run, newest first. */
export function listRuns(db: TunixDatabase): Promise<RunManifest[]> {
  return db.runs.orderBy('created_at').reverse().toArray();
}

/** Runs a trainer should be working on: pending, running or asked to cancel. */
export function unfinishedRuns(db: TunixDatabase): Promise<RunManifest[]> {
  return db.runs.where('status').anyOf(['pending', 'running', 'cancel_requested']).sortBy('created_at');
}

/** Moves a run to `to` when RUN_TRANSITIONS allows it; an error value names both statuses otherwise. */
export async function transitionRun(db: TunixDatabase, runId: string, to: RunStatus, patch: RunPatch = {}): Promise<ValidationResult<RunManifest>> {
  const result = await db.transaction('rw', db.runs, async (): Promise<ValidationResult<RunManifest>> => {
    const run = await db.runs.get(runId);
    if (!run) return { ok: false, errors: [{ path: 'run_id', message: `run ${runId} does not exist (deleted?)` }] };
    if (!canTransition(run.status, to)) return { ok: false, errors: [{ path: 'status', message: `run ${runId} is ${run.status} and cannot become ${to}` }] };
    const next: RunManifest = { ...run, ...patch, status: to };
    await db.runs.put(next);
    return { ok: true, value: next };
  });
  if (result.ok) announceChange('runs');
  return result;
}

/** Asks the trainer (in whichever tab holds it) to stop the run at its next step. */
export function requestCancel(db: TunixDatabase, runId: string): Promise<ValidationResult<RunManifest>> {
  return transitionRun(db, runId, 'cancel_requested');
}

export async function updateRun(db: TunixDatabase, runId: string, patch: RunPatch): Promise<void> {
  const updated = await db.runs.update(runId, patch);
  if (updated === 0) throw new Error(`run ${runId} does not exist (deleted?)`);
  announceChange('runs');
}

export async function appendMetrics(db: TunixDatabase, records: readonly MetricRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.transaction('rw', db.metrics, () => db.metrics.bulkPut(records.slice()));
  announceChange('runs');
}

/** The run's metrics after `afterStep`, in step order. */
export function readMetrics(db: TunixDatabase, runId: string, afterStep = 0): Promise<MetricRecord[]> {
  return db.metrics.where('[run_id+step]').between([runId, afterStep], [runId, Dexie.maxKey], false, true).toArray();
}

export async function appendLogs(db: TunixDatabase, runId: string, entries: readonly LogEntry[]): Promise<number> {
  const last = await db.transaction('rw', db.logs, async () => {
    const [from, to] = runRange(runId);
    const previous = await db.logs.where('[run_id+seq]').between(from, to).last();
    let seq = previous?.seq ?? 0;
    const now = new Date().toISOString();
    const records: LogRecord[] = entries.map((entry) => ({
      run_id: runId,
      seq: ++seq,
      time: entry.time ?? now,
      level: entry.level,
      message: entry.message,
      ...(entry.step === undefined ? {} : { step: entry.step }),
    }));
    await db.logs.bulkAdd(records);
    return seq;
  });
  announceChange('runs');
  return last;
}

/** The run's log lines after sequence number `afterSeq`, in order. */
export function readLogs(db: TunixDatabase, runId: string, afterSeq = 0): Promise<LogRecord[]> {
  return db.logs.where('[run_id+seq]').between([runId, afterSeq], [runId, Dexie.maxKey], false, true).toArray();
}

export async function heartbeat(db: TunixDatabase, runId: string, step: number, message: string): Promise<void> {
  const time = new Date().toISOString();
  await appendLogs(db, runId, [{ level: 'heartbeat', message, step, time }]);
  await db.runs.update(runId, { heartbeat_at: time });
}

function stateBytes(state: TrainState): number {
  let bytes = 0;
  for (const group of [state.weights, state.optimizer.m, state.optimizer.v]) for (const values of Object.values(group)) bytes += values.byteLength;
  return bytes;
}

export async function saveCheckpoint(db: TunixDatabase, runId: string, state: TrainState, metrics: readonly MetricRecord[] = []): Promise<CheckpointRecord> {
  const record: CheckpointRecord = { id: `${runId}/${state.step}`, run_id: runId, step: state.step, created_at: new Date().toISOString(), bytes: stateBytes(state), state };
  try {
    await db.transaction('rw', [db.runs, db.checkpoints, db.metrics], async () => {
      const run = await db.runs.get(runId);
      if (!run) throw new Error(`run ${runId} does not exist (deleted?): checkpoint at step ${state.step} not saved`);
      if (isFinalStatus(run.status)) throw new Error(`run ${runId} is ${run.status}: checkpoint at step ${state.step} not saved`);
      if (metrics.length > 0) await db.metrics.bulkPut(metrics.slice());
      await db.checkpoints.put(record);
      const keep = run.train_config.keep_checkpoints ?? DEFAULT_KEEP_CHECKPOINTS;
      const [from, to] = runRange(runId);
      const ids = await db.checkpoints.where('[run_id+step]').between(from, to).primaryKeys();
      const dropped = new Set(ids.slice(0, Math.max(0, ids.length - keep)));
      await db.checkpoints.bulkDelete([...dropped]);
      const summaries: CheckpointSummary[] = [...(run.checkpoints ?? []).filter((c) => c.step !== record.step), { step: record.step, bytes: record.bytes, created_at: record.created_at }]
        .filter((c) => !dropped.has(`${runId}/${c.step}`))
        .sort((a, b) => a.step - b.step);
      await db.runs.update(runId, { step: state.step, checkpoints: summaries });
    });
  } catch (error) {
    if (isQuotaError(error)) {
      throw new StorageFullError(`Storage is full: the checkpoint at step ${state.step} of run ${runId} was not saved; its earlier checkpoints are kept. Delete old runs or traces to free space.`);
    }
    throw error;
  }
  announceChange('runs');
  return record;
}

export function latestCheckpoint(db: TunixDatabase, runId: string): Promise<CheckpointRecord | undefined> {
  const [from, to] = runRange(runId);
  return db.checkpoints.where('[run_id+step]').between(from, to).last();
}

export function getCheckpoint(db: TunixDatabase, runId: string, step: number): Promise<CheckpointRecord | undefined> {
  return db.checkpoints.get(`${runId}/${step}`);
}

export async function discardMetricsAfter(db: TunixDatabase, runId: string, step: number): Promise<number> {
  const deleted = await db.transaction('rw', db.metrics, () =>
    db.metrics.where('[run_id+step]').between([runId, step], [runId, Dexie.maxKey], false, true).delete(),
  );
  if (deleted > 0) announceChange('runs');
  return deleted;
}

export interface DeletedRun {
  /** Approximate bytes freed: checkpoint states plus the JSON size of the manifest, metrics and logs. */
  bytesFreed: number;
  metrics: number;
  logs: number;
  checkpoints: number;
}

/** Deletes a finished run with its metrics, logs and checkpoints. A run still training is refused. */
export async function deleteRun(db: TunixDatabase, runId: string): Promise<ValidationResult<DeletedRun>> {
  const result = await db.transaction('rw', [db.runs, db.metrics, db.logs, db.checkpoints], async (): Promise<ValidationResult<DeletedRun>> => {
    const run = await db.runs.get(runId);
    if (!run) return { ok: false, errors: [{ path: 'run_id', message: `run ${runId} does not exist` }] };
    if (!isFinalStatus(run.status)) return { ok: false, errors: [{ path: 'status', message: `run ${runId} is ${run.status}: cancel it before deleting it` }] };
    const [from, to] = runRange(runId);
    const metrics = await db.metrics.where('[run_id+step]').between(from, to).toArray();
    const logs = await db.logs.where('[run_id+seq]').between(from, to).toArray();
    const checkpointIds = await db.checkpoints.where('[run_id+step]').between(from, to).primaryKeys();
    const checkpointBytes = (run.checkpoints ?? []).reduce((sum, c) => sum + c.bytes, 0);
    const jsonBytes = [run, ...metrics, ...logs].reduce((sum, record) => sum + JSON.stringify(record).length, 0);
    await db.metrics.where('[run_id+step]').between(from, to).delete();
    await db.logs.where('[run_id+seq]').between(from, to).delete();
    await db.checkpoints.bulkDelete(checkpointIds);
    await db.runs.delete(runId);
    return { ok: true, value: { bytesFreed: checkpointBytes + jsonBytes, metrics: metrics.length, logs: logs.length, checkpoints: checkpointIds.length } };
  });
  if (result.ok) announceChange('runs');
  return result;
}

/** The RunStore of `db`, for the run executor. */
export function runStore(db: TunixDatabase): RunStore {
  return {
    getRun: (runId) => getRun(db, runId),
    createRun: (manifest) => createRun(db, manifest),
    transition: (runId, to, patch) => transitionRun(db, runId, to, patch),
    updateRun: (runId, patch) => updateRun(db, runId, patch),
    appendMetrics: (records) => appendMetrics(db, records),
    appendLogs: (runId, entries) => appendLogs(db, runId, entries),
    heartbeat: (runId, step, message) => heartbeat(db, runId, step, message),
    saveCheckpoint: (runId, state, metrics) => saveCheckpoint(db, runId, state, metrics),
    latestCheckpoint: (runId) => latestCheckpoint(db, runId),
    discardMetricsAfter: (runId, step) => discardMetricsAfter(db, runId, step),
  };
}
