import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { MODEL_PRESETS, flopsPerToken, parameterCount, presetConfig, validateGptConfig } from '../../../src/model/config';
import type { GptConfig } from '../../../src/model/config';
import { Gpt, initialWeights, parameterSpecs } from '../../../src/model/gpt';
import type { LossRows } from '../../../src/model/gpt';
import { validateWeights, weightsFromSafetensors, weightsToSafetensors } from '../../../src/model/checkpoint';
import { useBackend } from './tf-node';

const config: GptConfig = { vocab_size: 11, context: 8, layers: 2, heads: 2, dim: 8, dropout: 0, seed: 7 };

function rows(batch: number, length: number, seed: number): LossRows {
  const ids = Int32Array.from({ length: batch * length }, (_, i) => (i * 5 + seed) % config.vocab_size);
  const targets = Int32Array.from({ length: batch * length }, (_, i) => (i * 3 + seed + 1) % config.vocab_size);
  const weights = Float32Array.from({ length: batch * length }, (_, i) => (i % length >= length / 2 ? 1 : 0));
  return { batch, length, ids, targets, weights };
}

describe('GPT config', () => {
  it('counts the parameters of every preset like the parameter list does', () => {
    for (const name of Object.keys(MODEL_PRESETS) as (keyof typeof MODEL_PRESETS)[]) {
      const preset = presetConfig(name, 96);
      const listed = parameterSpecs(preset).reduce((sum, spec) => sum + spec.shape.reduce((a, b) => a * b, 1), 0);
      expect(parameterCount(preset)).toBe(listed);
    }
    const base = parameterCount(presetConfig('base', 350));
    expect(base).toBeGreaterThan(9e6);
    expect(base).toBeLessThan(12e6);
    expect(flopsPerToken(presetConfig('tiny', 96))).toBe(6 * parameterCount(presetConfig('tiny', 96)) + 12 * 2 * 64 * 64);
  });

  it('rejects configs whose heads do not divide dim, with paths', () => {
    const result = validateGptConfig({ ...config, heads: 3 });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['heads']);
    const bad = validateGptConfig({ ...config, dropout: 1, layers: 0 });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(['layers', 'dropout']);
  });
});

describe('GPT initialization and checkpoints', () => {
  it('initializes byte-identically from the same seed and differently from another', () => {
    const a = initialWeights(config);
    const b = initialWeights(config);
    const c = initialWeights({ ...config, seed: 8 });
    expect(a['h.1.mlp.c_fc.weight']).toEqual(b['h.1.mlp.c_fc.weight']);
    expect(a['h.1.mlp.c_fc.weight']).not.toEqual(c['h.1.mlp.c_fc.weight']);
    expect(Array.from(a['ln_f.weight'] as Float32Array)).toEqual(new Array(8).fill(1));
    expect(Array.from(a['h.0.attn.c_attn.bias'] as Float32Array)).toEqual(new Array(24).fill(0));
    const wte = a['wte.weight'] as Float32Array;
    const std = Math.sqrt(wte.reduce((s, v) => s + v * v, 0) / wte.length);
    expect(std).toBeGreaterThan(0.012);
    expect(std).toBeLessThan(0.028);
  });

  it('round-trips weights through model.safetensors, and rejects a wrong shape', () => {
    const weights = initialWeights(config);
    const bytes = weightsToSafetensors(config, weights);
    const back = weightsFromSafetensors(bytes);
    if (!back.ok) throw new Error(JSON.stringify(back.errors));
    expect(back.value.config).toEqual(config);
    expect(back.value.weights).toEqual(weights);
    const other = weightsFromSafetensors(bytes, { ...config, dim: 16, heads: 2 });
    expect(other.ok).toBe(false);
  });

  it('reports missing, extra and wrong-size weights', () => {
    const weights: Record<string, unknown> = { ...initialWeights(config), extra: new Float32Array(1) };
    delete weights['wpe.weight'];
    weights['ln_f.bias'] = new Float32Array(3);
    const result = validateWeights(config, weights);
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['wpe.weight', 'ln_f.bias', 'extra']);
  });
});

describe('GPT forward pass (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('gives logits (B·T, V) and an initial loss near ln V', () => {
    const model = Gpt.create(config);
    const batch = rows(2, 8, 1);
    const logits = model.logits(batch);
    expect(logits.shape).toEqual([16, 11]);
    const loss = model.loss(batch).dataSync()[0] as number;
    expect(Math.abs(loss - Math.log(11))).toBeLessThan(0.1);
    tf.dispose(logits);
    model.dispose();
  });

  it('is causal: changing a later token leaves earlier logits unchanged', () => {
    const model = Gpt.create(config);
    const a = rows(1, 8, 2);
    const b = { ...a, ids: a.ids.slice() };
    b.ids[6] = (b.ids[6] as number) === 3 ? 4 : 3;
    const la = model.logits(a).dataSync();
    const lb = model.logits(b).dataSync();
    expect(Array.from(lb.subarray(0, 6 * 11))).toEqual(Array.from(la.subarray(0, 6 * 11)));
    expect(Array.from(lb.subarray(6 * 11))).not.toEqual(Array.from(la.subarray(6 * 11)));
    model.dispose();
  });

  it('ignores the targets of weight-0 (prompt and padding) positions, not those of completion positions', () => {
    const model = Gpt.create(config);
    const batch = rows(2, 8, 3);
    const base = model.loss(batch).dataSync()[0] as number;
    const promptTargets = batch.targets.map((t, i) => ((batch.weights[i] as number) === 0 ? (t + 1) % config.vocab_size : t));
    expect(model.loss({ ...batch, targets: promptTargets }).dataSync()[0]).toBe(base);
    const completionTargets = batch.targets.map((t, i) => ((batch.weights[i] as number) === 1 ? (t + 1) % config.vocab_size : t));
    expect(model.loss({ ...batch, targets: completionTargets }).dataSync()[0]).not.toBe(base);
    model.dispose();
  });

  it('applies seeded dropout only in training mode', () => {
    const model = Gpt.create({ ...config, dropout: 0.5 });
    const batch = rows(1, 8, 5);
    const plain = Array.from(model.logits(batch).dataSync());
    expect(Array.from(model.logits(batch, { training: false, dropoutSeed: 1 }).dataSync())).toEqual(plain);
    const dropped = Array.from(model.logits(batch, { training: true, dropoutSeed: 1 }).dataSync());
    expect(dropped).not.toEqual(plain);
    expect(Array.from(model.logits(batch, { training: true, dropoutSeed: 1 }).dataSync())).toEqual(dropped);
    expect(Array.from(model.logits(batch, { training: true, dropoutSeed: 2 }).dataSync())).not.toEqual(dropped);
    model.dispose();
  });

  it('accepts sequences shorter than the context and reads back the weights it was built from', async () => {
    const weights = initialWeights(config);
    const model = Gpt.fromWeights(config, weights);
    expect(model.logits(rows(3, 5, 4)).shape).toEqual([15, 11]);
    expect(await model.readWeights()).toEqual(weights);
    expect(() => model.logits(rows(1, 9, 0))).toThrow(RangeError);
    model.dispose();
  });
});
