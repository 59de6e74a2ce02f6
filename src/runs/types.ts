// The stored records of training runs: the run manifest, per-step metrics, log lines,
// checkpoints and registered models. Types only (no Dexie, no tf): src/db/ stores them, the train
// worker writes them, the screens read them. Every record is versioned through RUN_SCHEMA_VERSION.
import type { GptConfig, ModelPresetName } from '../model/config';
import type { BackendAttempt, BackendName, BackendRequest } from '../train/backend';
import type { TrainConfig } from '../train/config';
import type { DataSummary, StepMetrics, TrainState } from '../train/trainer';

export const RUN_SCHEMA_VERSION = 1;

export type RunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancel_requested' | 'cancelled' | 'timeout';

/** Statuses a run never leaves. */
export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['completed', 'failed', 'cancelled', 'timeout'];

/** Where a base model came from: shipped with the app (public/models/), an imported bundle file, the registry. */
export type BaseModelSource = 'shipped' | 'bundle' | 'registry';

/** Where a run's weights start: fresh initialization or a registered/shipped base model (source absent in older runs). */
export type RunInit = { kind: 'scratch' } | { kind: 'base_model'; model_id: string; sha256: string; source?: BaseModelSource };

export interface RunFinalMetrics {
  step: number;
  loss: number | null;
  /** Completion loss on the held-out (eval split) examples, when the dataset has a split. */
  heldout_loss: number | null;
  initial_heldout_loss: number | null;
  tokens_per_s: number | null;
  elapsed_ms: number;
}

export interface RunManifest {
  run_schema_version: number;
  run_id: string;
  name: string;
  status: RunStatus;
  dataset_key: string;
  build_id: string;
  model_preset: ModelPresetName | 'custom';
  model_config: GptConfig;
  train_config: TrainConfig;
  init: RunInit;
  /** sha-256 of tokenizer.json. */
  tokenizer_hash: string;
  backend_requested: BackendRequest;
  backend_actual: BackendName | null;
  backend_attempts: BackendAttempt[];
  app_version: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Optimizer steps completed so far. */
  step: number;
  data: DataSummary | null;
  final_metrics: RunFinalMetrics | null;
  error: string | null;
  /** A sweep trial belongs to its sweep. */
  sweep_id?: string;
  /** Text put first in every user turn when rendering the examples ('' for none). */
  system_instruction?: string;
  /** Generate a sample from `sample_prompt` (and measure the held-out loss) every this many steps; 0 only at the end. */
  sample_every?: number;
  /** The fixed prompt of the samples, as the model sees it (chat template included); null when the data had none. */
  sample_prompt?: string | null;
  /** Last sign of life of the training worker (every few seconds while it runs). */
  heartbeat_at?: string | null;
  /** The checkpoints in storage, oldest first (their states live in the checkpoints table). */
  checkpoints?: CheckpointSummary[];
  /** Held-out loss of the untrained model, measured before step 1 (null without held-out examples). */
  initial_heldout_loss?: number | null;
  /** How many times the run was resumed from a checkpoint after its tab closed. */
  resumed_count?: number;
}

export interface CheckpointSummary {
  step: number;
  bytes: number;
  created_at: string;
}

/** One optimizer step's metrics, keyed by [run_id+step]. */
export interface MetricRecord extends StepMetrics {
  run_id: string;
  /** Completion loss on the held-out examples, at the steps where it was measured. */
  heldout_loss?: number;
}

export type LogLevel = 'info' | 'warn' | 'error' | 'heartbeat' | 'sample';

/** A log line, keyed by [run_id+seq]; samples carry the generated text in `message`. */
export interface LogRecord {
  run_id: string;
  seq: number;
  time: string;
  level: LogLevel;
  message: string;
  step?: number;
}

/** A stored checkpoint: everything needed to resume (weights, optimizer, cursor, tokenizer). */
export interface CheckpointRecord {
  id: string;
  run_id: string;
  step: number;
  created_at: string;
  /** Bytes of weights + optimizer moments, for the storage panel. */
  bytes: number;
  state: TrainState;
}

/** A registered model version (the model registry); weights content-addressed by sha-256. */
export interface ModelRecord {
  id: string;
  name: string;
  version: number;
  sha256: string;
  created_at: string;
  run_id: string | null;
  dataset_key: string | null;
  model_config: GptConfig;
  tokenizer: TrainState['tokenizer'];
  weights: TrainState['weights'];
  /** Free-form notes shown on the model card. */
  notes: string;
}
