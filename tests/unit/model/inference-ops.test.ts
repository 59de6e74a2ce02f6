import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { gelu, layerNorm, linear } from '../../../src/model/ops';
import { geluForward, layerNormForward, linearForward } from '../../../src/model/inference-ops';
import { useBackend } from './tf-node';

function values(seed: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.sin(seed * 97 + i * 1.3) * 2);
}

describe('forward-only ops (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('compute what the custom-gradient ops compute', () => {
    const x = tf.tensor2d(values(1, 24), [4, 6]);
    const w = tf.tensor2d(values(2, 18), [6, 3]);
    const b = tf.tensor1d(values(3, 3));
    const gain = tf.tensor1d(values(4, 6));
    const bias = tf.tensor1d(values(5, 6));
    const pairs: [tf.Tensor, tf.Tensor][] = [
      [linearForward(x, w, b), linear(x, w, b)],
      [layerNormForward(x, gain, bias), layerNorm(x, gain, bias)],
      [geluForward(x), gelu(x)],
    ];
    for (const [ours, reference] of pairs) {
      const a = ours.dataSync();
      const r = reference.dataSync();
      expect(a.length).toBe(r.length);
      a.forEach((v, i) => expect(v).toBeCloseTo(r[i] as number, 5));
    }
    tf.dispose([x, w, b, gain, bias, ...pairs.flat()]);
  });
});
