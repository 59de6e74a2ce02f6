// Run manifests: a new run's record from what the user chose (dataset, model, training config,
// backend) and what the data gave (tokenizer), the run_manifest.json download, and metrics.jsonl.
// Pure: the caller passes ids and times; never reads storage, the clock or tf.
import type { GptConfig, ModelPresetName } from '../model/config';
import { MODEL_PRESETS } from '../model/config';
import type { BackendRequest } from '../train/backend';
import type { TrainConfig } from '../train/config';
import type { MetricRecord, RunInit, RunManifest } from './types';
import { RUN_SCHEMA_VERSION } from './types';

export interface NewRunInput {
  runId: string;
  name: string;
  createdAt: string;
  appVersion: string;
  datasetKey: string;
  buildId: string;
  modelConfig: GptConfig;
  trainConfig: TrainConfig;
  /** sha-256 of tokenizer.json (CharTokenizer.hash()). */
  tokenizerHash: string;
  backendRequested: BackendRequest;
  init?: RunInit;
  systemInstruction?: string;
  sampleEvery?: number;
  samplePrompt?: string | null;
  sweepId?: string;
}

/** The preset whose shape `config` has, or 'custom'. */
export function presetOf(config: Pick<GptConfig, 'dim' | 'layers' | 'heads' | 'context'>): ModelPresetName | 'custom' {
  for (const [name, shape] of Object.entries(MODEL_PRESETS) as [ModelPresetName, (typeof MODEL_PRESETS)[ModelPresetName]][]) {
    if (shape.dim === config.dim && shape.layers === config.layers && shape.heads === config.heads && shape.context === config.context) return name;
  }
  return 'custom';
}

export function createRunManifest(input: NewRunInput): RunManifest {
  return {
    run_schema_version: RUN_SCHEMA_VERSION,
    run_id: input.runId,
    name: input.name,
    status: 'pending',
    dataset_key: input.datasetKey,
    build_id: input.buildId,
    model_preset: presetOf(input.modelConfig),
    model_config: { ...input.modelConfig },
    train_config: { ...input.trainConfig },
    init: input.init ?? { kind: 'scratch' },
    tokenizer_hash: input.tokenizerHash,
    backend_requested: input.backendRequested,
    backend_actual: null,
    backend_attempts: [],
    app_version: input.appVersion,
    created_at: input.createdAt,
    started_at: null,
    finished_at: null,
    step: 0,
    data: null,
    final_metrics: null,
    error: null,
    system_instruction: input.systemInstruction ?? '',
    sample_every: input.sampleEvery ?? 0,
    sample_prompt: input.samplePrompt ?? null,
    heartbeat_at: null,
    checkpoints: [],
    resumed_count: 0,
    ...(input.sweepId === undefined ? {} : { sweep_id: input.sweepId }),
  };
}

/** run_manifest.json: the manifest as stored, without the storage-only checkpoint list, keys in record order. */
export function runManifestJson(run: RunManifest): string {
  const { checkpoints: _checkpoints, ...manifest } = run;
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** metrics.jsonl: one line per step `{step, epoch, loss, lr, grad_norm, tokens_per_s, timestamp, backend[, heldout_loss]}`. */
export function metricsJsonlLines(records: readonly MetricRecord[]): string[] {
  return records.map(({ step, epoch, loss, lr, grad_norm, tokens_per_s, timestamp, backend, heldout_loss }) =>
    `${JSON.stringify({ step, epoch, loss, lr, grad_norm, tokens_per_s, timestamp, backend, ...(heldout_loss === undefined ? {} : { heldout_loss }) })}\n`,
  );
}
