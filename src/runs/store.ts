// The storage a training run needs, as an interface: src/db/runs-repository.ts implements it over
// IndexedDB, the run executor (executor.ts) only sees this. Types only: never imports Dexie or tf.
import type { ValidationResult } from '../traces/types';
import type { TrainState } from '../train/trainer';
import type { CheckpointRecord, LogLevel, MetricRecord, RunManifest, RunStatus } from './types';

/** Run fields anyone may update; status goes through transitions, step through checkpoints. */
export type RunPatch = Partial<Omit<RunManifest, 'run_id' | 'status' | 'run_schema_version' | 'created_at'>>;

/** A log line before it gets its run id and sequence number. */
export interface LogEntry {
  level: LogLevel;
  message: string;
  step?: number;
  /** ISO-8601; default now. */
  time?: string;
}

export interface RunStore {
  getRun(runId: string): Promise<RunManifest | undefined>;
  /** Stores a new run; its status must be `pending`. */
  createRun(manifest: RunManifest): Promise<void>;
  /** Moves the run to `to` when the transition is allowed (see RUN_TRANSITIONS), with `patch`. */
  transition(runId: string, to: RunStatus, patch?: RunPatch): Promise<ValidationResult<RunManifest>>;
  updateRun(runId: string, patch: RunPatch): Promise<void>;
  appendMetrics(records: readonly MetricRecord[]): Promise<void>;
  /** Appends log lines with the next sequence numbers; returns the last number given. */
  appendLogs(runId: string, entries: readonly LogEntry[]): Promise<number>;
  /** A heartbeat log line and the run's heartbeat_at, together. */
  heartbeat(runId: string, step: number, message: string): Promise<void>;
  /**
   * Stores `state` as the run's newest checkpoint with `metrics` (the steps up to it not yet
   * written) and the run's step, in one transaction, then keeps only the newest K.
   */
  saveCheckpoint(runId: string, state: TrainState, metrics: readonly MetricRecord[]): Promise<CheckpointRecord>;
  latestCheckpoint(runId: string): Promise<CheckpointRecord | undefined>;
  /** Deletes the run's metrics after `step` (steps a resumed run will compute again); returns how many. */
  discardMetricsAfter(runId: string, step: number): Promise<number>;
}

/** Where each status may go next; final statuses go nowhere. */
export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  pending: ['running', 'cancel_requested', 'cancelled', 'failed'],
  running: ['running', 'cancel_requested', 'completed', 'failed', 'cancelled', 'timeout'],
  cancel_requested: ['cancelled', 'completed', 'failed', 'timeout'],
  completed: [],
  failed: [],
  cancelled: [],
  timeout: [],
};

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}
