// The training config (saved in every run manifest and checkpoint) with its defaults and
// validation. Pure data: never imports tf.
import type { ValidationIssue, ValidationResult } from '../traces/types';

export interface TrainConfig {
  /** Peak learning rate, reached after the warmup. */
  learning_rate: number;
  /** The cosine decay ends at learning_rate · min_lr_ratio. */
  min_lr_ratio: number;
  warmup_steps: number;
  /** Optimizer steps in the run (the end of the cosine decay). */
  max_steps: number;
  /** Examples per micro-batch. */
  batch_size: number;
  /** Micro-batches whose gradients are summed into one optimizer step. */
  grad_accum_steps: number;
  /** Decoupled AdamW weight decay, on weight matrices and embeddings only. */
  weight_decay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Clip the global gradient norm to this value; 0 turns clipping off. */
  grad_clip: number;
  /** Seed of the data order (and of dropout masks). */
  seed: number;
  /** Emit a checkpoint every this many steps (and at the end); 0 only at the end. */
  checkpoint_every: number;
  /** Checkpoints a run keeps in storage: the newest this many (the rest are deleted as new ones land). */
  keep_checkpoints: number;
  /** Stop with status 'timeout' after this many minutes; null for no limit. */
  max_minutes: number | null;
  /** Pad each micro-batch to its longest row rounded up to this multiple (capped at the context). */
  pad_multiple: number;
}

export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = {
  learning_rate: 3e-4,
  min_lr_ratio: 0.1,
  warmup_steps: 20,
  max_steps: 1000,
  batch_size: 16,
  grad_accum_steps: 1,
  weight_decay: 0.1,
  beta1: 0.9,
  beta2: 0.95,
  epsilon: 1e-8,
  grad_clip: 1.0,
  seed: 1234,
  checkpoint_every: 100,
  keep_checkpoints: 3,
  max_minutes: null,
  pad_multiple: 16,
};

type NumberRule = [key: keyof TrainConfig, min: number, max: number, integer: boolean];
const RULES: NumberRule[] = [
  ['learning_rate', 0, 10, false],
  ['min_lr_ratio', 0, 1, false],
  ['warmup_steps', 0, 1e9, true],
  ['max_steps', 1, 1e9, true],
  ['batch_size', 1, 1e5, true],
  ['grad_accum_steps', 1, 1e4, true],
  ['weight_decay', 0, 10, false],
  ['beta1', 0, 0.999999, false],
  ['beta2', 0, 0.999999, false],
  ['epsilon', 0, 1, false],
  ['grad_clip', 0, 1e9, false],
  ['seed', 0, 2 ** 32 - 1, true],
  ['checkpoint_every', 0, 1e9, true],
  ['keep_checkpoints', 1, 1000, true],
  ['pad_multiple', 1, 1e5, true],
];

/** Checks a config (e.g. imported JSON); missing keys take their defaults. */
export function validateTrainConfig(value: unknown): ValidationResult<TrainConfig> {
  if (typeof value !== 'object' || value === null) return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
  const config = { ...DEFAULT_TRAIN_CONFIG, ...(value as Partial<TrainConfig>) };
  const errors: ValidationIssue[] = [];
  for (const [key, min, max, integer] of RULES) {
    const v = config[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      errors.push({ path: key, message: `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}]` });
    }
  }
  if (config.max_minutes !== null && !(typeof config.max_minutes === 'number' && config.max_minutes > 0)) {
    errors.push({ path: 'max_minutes', message: 'must be a positive number or null' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const clean = {} as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_TRAIN_CONFIG)) clean[key] = config[key as keyof TrainConfig];
  return { ok: true, value: clean as unknown as TrainConfig };
}
