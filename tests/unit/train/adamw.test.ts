import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { AdamW } from '../../../src/train/adamw';
import type { ParameterSpec } from '../../../src/model/gpt';
import { useBackend } from '../model/tf-node';

const specs: ParameterSpec[] = [
  { name: 'w', shape: [2, 2], init: { kind: 'zeros' }, decay: true },
  { name: 'b', shape: [2], init: { kind: 'zeros' }, decay: false },
];
const config = { beta1: 0.9, beta2: 0.95, epsilon: 1e-8, weight_decay: 0.1, grad_clip: 1.0 };

/** AdamW written out per value, as in Loshchilov & Hutter, with clipping by global norm. */
function referenceSteps(params: number[], decay: boolean[], gradients: number[][], rates: number[]): { params: number[]; norms: number[] } {
  const m = params.map(() => 0);
  const v = params.map(() => 0);
  const p = params.slice();
  const norms: number[] = [];
  gradients.forEach((g, k) => {
    const t = k + 1;
    const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
    norms.push(norm);
    const scale = Math.min(1, config.grad_clip / (norm + 1e-6));
    const lr = rates[k] as number;
    p.forEach((value, i) => {
      const gi = (g[i] as number) * scale;
      m[i] = config.beta1 * (m[i] as number) + (1 - config.beta1) * gi;
      v[i] = config.beta2 * (v[i] as number) + (1 - config.beta2) * gi * gi;
      const mHat = (m[i] as number) / (1 - config.beta1 ** t);
      const vHat = (v[i] as number) / (1 - config.beta2 ** t);
      p[i] = value - lr * (mHat / (Math.sqrt(vHat) + config.epsilon) + (decay[i] ? config.weight_decay * value : 0));
    });
  });
  return { params: p, norms };
}

describe('AdamW', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('matches the per-value reference (decay on weights only, clipping by global norm) over three steps', async () => {
    const start = [0.5, -1, 2, 0.25, 1, -2];
    const gradients = [[3, -1, 0.5, 2, -4, 1], [0.1, 0.2, -0.1, 0.05, 0.3, 0.1], [-2, 1, 1, -1, 0.5, 0.5]];
    const rates = [0.1, 0.05, 0.02];
    const variables = [tf.variable(tf.tensor2d(start.slice(0, 4), [2, 2])), tf.variable(tf.tensor1d(start.slice(4)))];
    const optimizer = new AdamW(specs, variables, config);
    const norms: number[] = [];
    gradients.forEach((g, k) => {
      const grads = [tf.tensor2d(g.slice(0, 4), [2, 2]), tf.tensor1d(g.slice(4))];
      const norm = optimizer.apply(grads, rates[k] as number, k + 1);
      norms.push(norm.dataSync()[0] as number);
      tf.dispose([...grads, norm]);
    });
    const expected = referenceSteps(start, [true, true, true, true, false, false], gradients, rates);
    const actual = [...variables[0]!.dataSync(), ...variables[1]!.dataSync()];
    actual.forEach((value, i) => expect(value).toBeCloseTo(expected.params[i] as number, 5));
    norms.forEach((norm, i) => expect(norm).toBeCloseTo(expected.norms[i] as number, 5));
    const moments = await optimizer.readMoments();
    expect(Object.keys(moments.m)).toEqual(['w', 'b']);
    expect(moments.v.b).toHaveLength(2);
    optimizer.dispose();
    tf.dispose(variables);
  });

  it('continues identically from its exported moments', async () => {
    const make = () => [tf.variable(tf.tensor2d([1, 2, 3, 4], [2, 2])), tf.variable(tf.tensor1d([5, 6]))];
    const grads = () => [tf.tensor2d([0.3, -0.2, 0.1, 0.4], [2, 2]), tf.tensor1d([-0.5, 0.2])];
    const a = make();
    const straight = new AdamW(specs, a, config);
    for (let t = 1; t <= 4; t++) tf.dispose([straight.apply(grads(), 0.01, t)]);
    const b = make();
    const first = new AdamW(specs, b, config);
    for (let t = 1; t <= 2; t++) tf.dispose([first.apply(grads(), 0.01, t)]);
    const resumed = new AdamW(specs, b, config, await first.readMoments());
    for (let t = 3; t <= 4; t++) tf.dispose([resumed.apply(grads(), 0.01, t)]);
    expect(Array.from(b[0]!.dataSync())).toEqual(Array.from(a[0]!.dataSync()));
    expect(Array.from(b[1]!.dataSync())).toEqual(Array.from(a[1]!.dataSync()));
    [straight, first, resumed].forEach((o) => o.dispose());
  });
});
