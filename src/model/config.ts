// The GPT model config (saved in every checkpoint as config.json), its presets, validation and
// size arithmetic (parameter count, FLOPs per token). Pure data: never imports tf.
import type { ValidationIssue, ValidationResult } from '../traces/types';

export interface GptConfig {
  vocab_size: number;
  /** Maximum sequence length (positions in the learned position embedding). */
  context: number;
  layers: number;
  heads: number;
  /** Embedding width; must be divisible by `heads`. */
  dim: number;
  /** Dropout rate on the embeddings and residual branches, in [0, 1). */
  dropout: number;
  /** Seed of the deterministic weight initialization. */
  seed: number;
}

export type ModelPresetName = 'tiny' | 'small' | 'medium' | 'base';
export type ModelShape = Pick<GptConfig, 'context' | 'layers' | 'heads' | 'dim'>;

/** The benchmark shapes (see ../shared/BENCH.md); `base` has about 10M parameters, for WebGPU. */
export const MODEL_PRESETS: Readonly<Record<ModelPresetName, ModelShape>> = {
  tiny: { dim: 64, layers: 2, heads: 4, context: 64 },
  small: { dim: 128, layers: 4, heads: 4, context: 128 },
  medium: { dim: 256, layers: 6, heads: 8, context: 256 },
  base: { dim: 384, layers: 6, heads: 6, context: 256 },
};

export function presetConfig(name: ModelPresetName, vocabSize: number, seed = 1234, dropout = 0): GptConfig {
  return { vocab_size: vocabSize, ...MODEL_PRESETS[name], dropout, seed };
}

function checkInteger(errors: ValidationIssue[], value: unknown, path: string, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    errors.push({ path, message: `must be an integer in [${min}, ${max}]` });
  }
}

export function validateGptConfig(value: unknown): ValidationResult<GptConfig> {
  if (typeof value !== 'object' || value === null) return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
  const config = value as Record<string, unknown>;
  const errors: ValidationIssue[] = [];
  checkInteger(errors, config.vocab_size, 'vocab_size', 2, 1_000_000);
  checkInteger(errors, config.context, 'context', 1, 8192);
  checkInteger(errors, config.layers, 'layers', 1, 64);
  checkInteger(errors, config.heads, 'heads', 1, 64);
  checkInteger(errors, config.dim, 'dim', 1, 4096);
  checkInteger(errors, config.seed, 'seed', 0, 2 ** 32 - 1);
  if (typeof config.dropout !== 'number' || !(config.dropout >= 0 && config.dropout < 1)) {
    errors.push({ path: 'dropout', message: 'must be a number in [0, 1)' });
  }
  if (errors.length === 0 && (config.dim as number) % (config.heads as number) !== 0) {
    errors.push({ path: 'heads', message: 'must divide dim' });
  }
  if (errors.length > 0) return { ok: false, errors };
  const { vocab_size, context, layers, heads, dim, dropout, seed } = config as unknown as GptConfig;
  return { ok: true, value: { vocab_size, context, layers, heads, dim, dropout, seed } };
}

/** Trainable parameters: embeddings, blocks (with biases), final LayerNorm, untied LM head. */
export function parameterCount(config: GptConfig): number {
  const { vocab_size: V, context: T, layers: L, dim: C } = config;
  const perBlock = 2 * C + (C * 3 * C + 3 * C) + (C * C + C) + 2 * C + (C * 4 * C + 4 * C) + (4 * C * C + C);
  return V * C + T * C + L * perBlock + 2 * C + (C * V + V);
}

/** Training FLOPs per token, the convention of ../shared/BENCH.md: 6·params + 12·layers·ctx·dim. */
export function flopsPerToken(config: GptConfig): number {
  return 6 * parameterCount(config) + 12 * config.layers * config.context * config.dim;
}
