// Model checkpoints as plain data: named float32 weights plus the config, checked against the
// config's parameter list, and the model.safetensors encoding of a bundle. Never touches tf or
// storage. PARAMETER NAMES (GPT-2 style; weight matrices stored (in, out), y = x @ W + b):
//   wte.weight (V, C)            token embedding       wpe.weight (context, C)   position embedding
//   h.{i}.ln_1.weight/bias (C)   LayerNorm before attention
//   h.{i}.attn.c_attn.weight (C, 3C), .bias (3C)      q | k | v projections, heads contiguous
//   h.{i}.attn.c_proj.weight (C, C), .bias (C)        attention output projection
//   h.{i}.ln_2.weight/bias (C)   LayerNorm before the MLP
//   h.{i}.mlp.c_fc.weight (C, 4C), .bias (4C)         MLP up-projection (GELU, tanh approximation)
//   h.{i}.mlp.c_proj.weight (4C, C), .bias (C)        MLP down-projection
//   ln_f.weight/bias (C)         final LayerNorm      lm_head.weight (C, V), .bias (V)   untied head
import type { ValidationIssue, ValidationResult } from '../traces/types';
import type { GptConfig } from './config';
import { validateGptConfig } from './config';
import { parameterSpecs } from './gpt';
import type { NamedWeights } from './gpt';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

export const SAFETENSORS_FORMAT = 'tunix-rt-web-gpt';

/** Checks that `weights` holds exactly the parameters of `config`, each of the right size. */
export function validateWeights(config: GptConfig, weights: Record<string, unknown>): ValidationResult<NamedWeights> {
  const errors: ValidationIssue[] = [];
  const specs = parameterSpecs(config);
  const clean: NamedWeights = {};
  for (const spec of specs) {
    const values = weights[spec.name];
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!(values instanceof Float32Array)) errors.push({ path: spec.name, message: 'is missing or not a Float32Array' });
    else if (values.length !== size) errors.push({ path: spec.name, message: `has ${values.length} values, expected ${size} (${spec.shape.join('×')})` });
    else if (!values.every(Number.isFinite)) errors.push({ path: spec.name, message: 'contains NaN or infinite values' });
    else clean[spec.name] = values;
  }
  const known = new Set(specs.map((spec) => spec.name));
  for (const name of Object.keys(weights)) if (!known.has(name)) errors.push({ path: name, message: 'is not a parameter of this config' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: clean };
}

/** model.safetensors of a model: every parameter in parameterSpecs order, the config in the metadata. */
export function weightsToSafetensors(config: GptConfig, weights: NamedWeights): Uint8Array {
  const tensors = parameterSpecs(config).map((spec): [string, { shape: number[]; data: Float32Array }] => {
    const data = weights[spec.name];
    if (data === undefined) throw new Error(`missing weight ${spec.name}`);
    return [spec.name, { shape: spec.shape, data }];
  });
  // The config's keys in a fixed order, so equal weights and configs always give equal bytes (and sha-256).
  const { vocab_size, context, layers, heads, dim, dropout, seed } = config;
  return encodeSafetensors(tensors, { format: SAFETENSORS_FORMAT, config: JSON.stringify({ vocab_size, context, layers, heads, dim, dropout, seed }) });
}

/**
 * Weights and config from model.safetensors. The config is `config` when given (from
 * config.json), otherwise the one in the file's metadata; shapes must match it exactly.
 */
export function weightsFromSafetensors(bytes: Uint8Array, config?: GptConfig): ValidationResult<{ config: GptConfig; weights: NamedWeights }> {
  const file = decodeSafetensors(bytes);
  if (!file.ok) return file;
  let modelConfig = config;
  if (modelConfig === undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(file.value.metadata.config ?? 'null');
    } catch {
      parsed = null;
    }
    const checked = validateGptConfig(parsed);
    if (!checked.ok) return { ok: false, errors: checked.errors.map((e) => ({ ...e, path: `__metadata__.config.${e.path}` })) };
    modelConfig = checked.value;
  }
  const shapeErrors: ValidationIssue[] = [];
  for (const spec of parameterSpecs(modelConfig)) {
    const tensor = file.value.tensors.get(spec.name);
    if (tensor !== undefined && tensor.shape.join('×') !== spec.shape.join('×')) {
      shapeErrors.push({ path: spec.name, message: `has shape ${tensor.shape.join('×')}, expected ${spec.shape.join('×')}` });
    }
  }
  if (shapeErrors.length > 0) return { ok: false, errors: shapeErrors };
  const weights = Object.fromEntries([...file.value.tensors].map(([name, tensor]) => [name, tensor.data]));
  const valid = validateWeights(modelConfig, weights);
  return valid.ok ? { ok: true, value: { config: modelConfig, weights: valid.value } } : valid;
}
