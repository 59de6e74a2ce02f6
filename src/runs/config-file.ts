// Train config files: what the Train screen sets up (model shape, training config, backend,
// system instruction, dataset) as YAML or JSON in the shape of the reference system's
// training/configs/sft_tiny.yaml (sections model / training / system_instruction / data / output,
// its field names where they mean the same: max_length, num_steps, per_device_batch_size,
// gradient_accumulation_steps, warmup_steps, save_steps, seed, shuffle_seed ...). Import accepts
// the reference's own fields, reporting those it cannot honour as warnings (never silently), and
// refuses unknown keys and bad values with their path. Pure: text in, value out.
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { GptConfig, ModelPresetName } from '../model/config';
import { MODEL_PRESETS, validateGptConfig } from '../model/config';
import type { BackendRequest } from '../train/backend';
import { AUTO_ORDER } from '../train/backend';
import type { TrainConfig } from '../train/config';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig } from '../train/config';
import type { ValidationIssue } from '../traces/types';

export const TRAIN_CONFIG_FILE_VERSION = 1;

/** Everything a run is started from, except the data itself. */
export interface TrainSetup {
  model_preset: ModelPresetName | 'custom';
  /** The model shape and init; the vocabulary size comes from the tokenizer. */
  model: Omit<GptConfig, 'vocab_size'>;
  train: TrainConfig;
  backend: BackendRequest;
  system_instruction: string;
  /** Sample a generation and measure held-out loss every this many steps (0: only at the end). */
  sample_every: number;
  dataset_key: string | null;
}

export const DEFAULT_SETUP: Readonly<TrainSetup> = {
  model_preset: 'tiny',
  model: { ...MODEL_PRESETS.tiny, dropout: 0, seed: 1234 },
  // From scratch, small character models learn well at 1e-3 (nanoGPT's shakespeare_char).
  train: { ...DEFAULT_TRAIN_CONFIG, learning_rate: 1e-3, max_steps: 500, checkpoint_every: 50 },
  backend: 'auto',
  system_instruction: '',
  sample_every: 50,
  dataset_key: null,
};

/**
 * The default learning rate when fine-tuning from a base model: half the from-scratch default,
 * as bench/results/LEARNING.md recommends (a pretrained start is disturbed less by a lower rate).
 */
export const BASE_FINE_TUNE_LEARNING_RATE = 5e-4;

export type ConfigFileResult = { ok: true; value: TrainSetup; warnings: string[] } | { ok: false; errors: ValidationIssue[] };

/** The file's document: sft_tiny.yaml's sections with our fields. */
export function setupToDocument(setup: TrainSetup): Record<string, unknown> {
  const { model, train } = setup;
  return {
    config_version: TRAIN_CONFIG_FILE_VERSION,
    model: { preset: setup.model_preset, max_length: model.context, layers: model.layers, heads: model.heads, dim: model.dim, dropout: model.dropout, seed: model.seed },
    training: {
      num_steps: train.max_steps,
      learning_rate: train.learning_rate,
      min_lr_ratio: train.min_lr_ratio,
      per_device_batch_size: train.batch_size,
      gradient_accumulation_steps: train.grad_accum_steps,
      optimizer: 'adamw',
      weight_decay: train.weight_decay,
      beta1: train.beta1,
      beta2: train.beta2,
      epsilon: train.epsilon,
      max_grad_norm: train.grad_clip,
      lr_scheduler: 'warmup_cosine',
      warmup_steps: train.warmup_steps,
      logging_steps: 1,
      save_steps: train.checkpoint_every,
      keep_checkpoints: train.keep_checkpoints,
      sample_steps: setup.sample_every,
      max_minutes: train.max_minutes,
      pad_multiple: train.pad_multiple,
      seed: train.seed,
      backend: setup.backend,
    },
    system_instruction: setup.system_instruction,
    data: { dataset_key: setup.dataset_key, format: 'prompt_completion', shuffle: true, shuffle_seed: train.seed },
    output: { metrics_file: 'metrics.jsonl', manifest_file: 'run_manifest.json' },
  };
}

export function formatSetup(setup: TrainSetup, format: 'yaml' | 'json'): string {
  const document = setupToDocument(setup);
  if (format === 'json') return `${JSON.stringify(document, null, 2)}\n`;
  return `# tunix-rt web training config (sections as in tunix-rt's training/configs/sft_tiny.yaml)\n${stringifyYaml(document)}`;
}

type Section = Record<string, unknown>;
/** Our field (or a handler) for each accepted key, per section. */
const MODEL_KEYS = ['preset', 'name', 'max_length', 'layers', 'heads', 'dim', 'dropout', 'seed', 'padding', 'truncation'];
const TRAINING_FIELDS: Record<string, keyof TrainConfig> = {
  num_steps: 'max_steps', learning_rate: 'learning_rate', min_lr_ratio: 'min_lr_ratio', per_device_batch_size: 'batch_size',
  gradient_accumulation_steps: 'grad_accum_steps', weight_decay: 'weight_decay', beta1: 'beta1', beta2: 'beta2', epsilon: 'epsilon',
  max_grad_norm: 'grad_clip', warmup_steps: 'warmup_steps', save_steps: 'checkpoint_every', keep_checkpoints: 'keep_checkpoints',
  max_minutes: 'max_minutes', pad_multiple: 'pad_multiple', seed: 'seed',
};
const TRAINING_OTHER = ['optimizer', 'lr_scheduler', 'logging_steps', 'sample_steps', 'backend'];
const DATA_KEYS = ['dataset_key', 'format', 'shuffle', 'shuffle_seed'];
const OUTPUT_KEYS = ['checkpoint_dir', 'save_metrics', 'metrics_file', 'save_manifest', 'manifest_file'];
const TOP_KEYS = ['config_version', 'model', 'training', 'system_instruction', 'data', 'output'];

function isObject(value: unknown): value is Section {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(document: Section, name: string, allowed: readonly string[], errors: ValidationIssue[]): Section {
  const value = document[name];
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    errors.push({ path: name, message: 'must be a mapping' });
    return {};
  }
  for (const key of Object.keys(value)) if (!allowed.includes(key)) errors.push({ path: `${name}.${key}`, message: 'is not a known field' });
  return value;
}

function readModel(model: Section, base: TrainSetup, errors: ValidationIssue[], warnings: string[]): Pick<TrainSetup, 'model' | 'model_preset'> {
  let shape = { ...base.model };
  if (model.preset !== undefined) {
    if (typeof model.preset === 'string' && (model.preset in MODEL_PRESETS || model.preset === 'custom')) {
      if (model.preset !== 'custom') shape = { ...shape, ...MODEL_PRESETS[model.preset as ModelPresetName] };
    } else errors.push({ path: 'model.preset', message: `must be one of ${[...Object.keys(MODEL_PRESETS), 'custom'].join(', ')}` });
  }
  const fields: Record<string, keyof typeof shape> = { max_length: 'context', layers: 'layers', heads: 'heads', dim: 'dim', dropout: 'dropout', seed: 'seed' };
  for (const [key, field] of Object.entries(fields)) if (model[key] !== undefined) (shape as Record<string, unknown>)[field] = model[key];
  if (model.name !== undefined) warnings.push(`model.name (${String(model.name)}) is ignored: a run starts from scratch or from an imported model bundle`);
  if (model.truncation === true) warnings.push('model.truncation is ignored: examples longer than max_length are skipped and counted, never truncated');
  if (model.padding !== undefined) warnings.push('model.padding is ignored: each batch is padded to its longest example (see training.pad_multiple)');
  const checked = validateGptConfig({ ...shape, vocab_size: 2 });
  if (!checked.ok) errors.push(...checked.errors.map((e) => ({ ...e, path: `model.${e.path === 'context' ? 'max_length' : e.path}` })));
  const { vocab_size: _vocab, ...clean } = checked.ok ? checked.value : { ...shape, vocab_size: 0 };
  const preset = (Object.keys(MODEL_PRESETS) as ModelPresetName[]).find((name) => {
    const p = MODEL_PRESETS[name];
    return p.context === clean.context && p.layers === clean.layers && p.heads === clean.heads && p.dim === clean.dim;
  });
  return { model: clean, model_preset: preset ?? 'custom' };
}

function readTraining(training: Section, data: Section, base: TrainSetup, errors: ValidationIssue[], warnings: string[]): Pick<TrainSetup, 'train' | 'sample_every' | 'backend'> {
  const config: Record<string, unknown> = { ...base.train };
  for (const [key, field] of Object.entries(TRAINING_FIELDS)) if (training[key] !== undefined) config[field] = training[key];
  if (data.shuffle_seed !== undefined) {
    if (training.seed === undefined) config.seed = data.shuffle_seed;
    else if (data.shuffle_seed !== training.seed) errors.push({ path: 'data.shuffle_seed', message: 'must equal training.seed: one seed orders the data and draws dropout' });
  }
  if (training.optimizer !== undefined && training.optimizer !== 'adamw') errors.push({ path: 'training.optimizer', message: 'must be "adamw" (the only optimizer)' });
  if (training.lr_scheduler !== undefined && training.lr_scheduler !== 'warmup_cosine') {
    warnings.push(`training.lr_scheduler "${String(training.lr_scheduler)}" is replaced by warmup_cosine (linear warmup, cosine decay to min_lr_ratio)`);
  }
  if (training.logging_steps !== undefined && training.logging_steps !== 1) warnings.push('training.logging_steps is ignored: metrics are recorded every step');
  const checked = validateTrainConfig(config);
  if (!checked.ok) {
    const byField = Object.fromEntries(Object.entries(TRAINING_FIELDS).map(([key, field]) => [field, key]));
    errors.push(...checked.errors.map((e) => ({ ...e, path: `training.${byField[e.path] ?? e.path}` })));
  }
  let sampleEvery = base.sample_every;
  if (training.sample_steps !== undefined) {
    if (typeof training.sample_steps === 'number' && Number.isInteger(training.sample_steps) && training.sample_steps >= 0) sampleEvery = training.sample_steps;
    else errors.push({ path: 'training.sample_steps', message: 'must be an integer ≥ 0' });
  }
  let backend = base.backend;
  if (training.backend !== undefined) {
    if (training.backend === 'auto' || AUTO_ORDER.includes(training.backend as never)) backend = training.backend as BackendRequest;
    else errors.push({ path: 'training.backend', message: `must be one of auto, ${AUTO_ORDER.join(', ')}` });
  }
  return { train: checked.ok ? checked.value : base.train, sample_every: sampleEvery, backend };
}

/** Reads a config file (YAML or JSON); missing fields keep `base`'s values. */
export function parseSetup(text: string, base: TrainSetup = DEFAULT_SETUP): ConfigFileResult {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    const linePos = (error as { linePos?: { line: number }[] }).linePos;
    return { ok: false, errors: [{ path: '', message: `not valid YAML or JSON: ${(error as Error).message.split('\n')[0]}`, ...(linePos?.[0] ? { line: linePos[0].line } : {}) }] };
  }
  if (!isObject(document)) return { ok: false, errors: [{ path: '', message: 'must be a mapping with model, training, data sections' }] };
  const errors: ValidationIssue[] = [];
  const warnings: string[] = [];
  for (const key of Object.keys(document)) if (!TOP_KEYS.includes(key)) errors.push({ path: key, message: 'is not a known field' });
  if (document.config_version !== undefined && document.config_version !== TRAIN_CONFIG_FILE_VERSION) {
    errors.push({ path: 'config_version', message: `must be ${TRAIN_CONFIG_FILE_VERSION}` });
  }
  const model = readModel(section(document, 'model', MODEL_KEYS, errors), base, errors, warnings);
  const data = section(document, 'data', DATA_KEYS, errors);
  const training = readTraining(section(document, 'training', [...Object.keys(TRAINING_FIELDS), ...TRAINING_OTHER], errors), data, base, errors, warnings);
  section(document, 'output', OUTPUT_KEYS, errors);
  if (data.format !== undefined && data.format !== 'prompt_completion' && data.format !== 'tunix_sft') {
    errors.push({ path: 'data.format', message: 'must be prompt_completion (tunix_sft is accepted: the same Gemma turns)' });
  }
  if (data.shuffle === false) errors.push({ path: 'data.shuffle', message: 'must be true: the data order is always a seeded shuffle' });
  let datasetKey = base.dataset_key;
  if (data.dataset_key !== undefined) {
    if (data.dataset_key === null || typeof data.dataset_key === 'string') datasetKey = data.dataset_key;
    else errors.push({ path: 'data.dataset_key', message: 'must be a string or null' });
  }
  let systemInstruction = base.system_instruction;
  if (document.system_instruction !== undefined && document.system_instruction !== null) {
    if (typeof document.system_instruction === 'string') systemInstruction = document.system_instruction;
    else errors.push({ path: 'system_instruction', message: 'must be a string' });
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { ...model, ...training, system_instruction: systemInstruction, dataset_key: datasetKey }, warnings };
}
