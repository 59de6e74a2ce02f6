import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  causalSelfAttention,
  gelu,
  layerNorm,
  linear,
  setBatchedProductStrategy,
  weightedCrossEntropy,
} from '../../../src/model/ops';
import { oneHotRows } from '../../../src/model/gpt';
import { useBackend } from './tf-node';

/** Deterministic pseudo-random values in [-1, 1). */
function values(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

function expectClose(actual: tf.Tensor, expected: tf.Tensor, tolerance = 1e-4): void {
  expect(actual.shape).toEqual(expected.shape);
  const a = actual.dataSync();
  const e = expected.dataSync();
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (e[i] as number)) / (1e-3 + Math.abs(e[i] as number)));
  expect(worst).toBeLessThan(tolerance);
}

/** Compares value and input gradients of `custom` with plain tf autodiff of `reference`. */
function compareWithAutodiff(custom: (...xs: tf.Tensor[]) => tf.Tensor, reference: (...xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[], tolerance = 1e-4): void {
  tf.tidy(() => {
    const probe = tf.tensor(values(custom(...inputs).size, 99), custom(...inputs).shape);
    const objective = (f: (...xs: tf.Tensor[]) => tf.Tensor) => (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), probe));
    expectClose(custom(...inputs), reference(...inputs), tolerance);
    const ours = tf.grads(objective(custom))(inputs);
    const theirs = tf.grads(objective(reference))(inputs);
    ours.forEach((grad, k) => expectClose(grad, theirs[k] as tf.Tensor, tolerance));
  });
}

function referenceAttention(qkv: tf.Tensor, batch: number, length: number, heads: number): tf.Tensor {
  const width = (qkv.shape[1] as number) / 3;
  const headDim = width / heads;
  const perHead = tf.transpose(tf.reshape(qkv, [batch, length, 3, heads, headDim]), [2, 0, 3, 1, 4]);
  const [q, k, v] = tf.unstack(perHead).map((t) => tf.reshape(t, [batch * heads, length, headDim])) as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
  const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(headDim));
  const allowed = tf.linalg.bandPart(tf.ones([length, length]), -1, 0);
  const masked = tf.add(tf.mul(scores, allowed), tf.mul(tf.sub(1, allowed), -1e9));
  const y = tf.matMul(tf.softmax(masked), v);
  return tf.reshape(tf.transpose(tf.reshape(y, [batch, heads, length, headDim]), [0, 2, 1, 3]), [batch * length, width]);
}

const cases = [
  { backend: 'cpu', strategy: 'batched' },
  { backend: 'wasm', strategy: 'loop' },
  { backend: 'wasm', strategy: 'batched' },
] as const;

describe.each(cases)('custom-gradient ops on $backend ($strategy products)', ({ backend, strategy }) => {
  afterAll(() => setBatchedProductStrategy('auto'));

  it.each([
    [6, 5, 7], // wide output: the weight gradient is computed as (dyᵀ x)ᵀ
    [6, 9, 2],
  ])('linear (%i×%i) @ (·×%i) matches x @ w + b and its autodiff gradients', async (n, k, m) => {
    await useBackend(backend);
    const inputs = [tf.tensor2d(values(n * k, 1), [n, k]), tf.tensor2d(values(k * m, 2), [k, m]), tf.tensor1d(values(m, 3))];
    compareWithAutodiff((x, w, b) => linear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), (x, w, b) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b as tf.Tensor), inputs);
    tf.dispose(inputs);
  });

  it('layerNorm matches the textbook formula and its autodiff gradients', async () => {
    await useBackend(backend);
    const inputs = [tf.tensor2d(values(6 * 8, 4), [6, 8]), tf.tensor1d(values(8, 5)), tf.tensor1d(values(8, 6))];
    const reference = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
      const { mean, variance } = tf.moments(x, 1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
    };
    compareWithAutodiff((x, g, b) => layerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D), reference as (...xs: tf.Tensor[]) => tf.Tensor, inputs);
    tf.dispose(inputs);
  });

  it('gelu matches the tanh approximation and its autodiff gradient', async () => {
    await useBackend(backend);
    const x = tf.mul(tf.tensor2d(values(4 * 9, 7), [4, 9]), 4);
    const reference = (t: tf.Tensor) => tf.mul(tf.mul(t, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(t, tf.mul(0.044715, tf.pow(t, 3)))))));
    compareWithAutodiff((t) => gelu(t), reference, [x]);
    x.dispose();
  });

  it('causal self-attention matches batched matmuls with a band mask, values and gradients', async () => {
    await useBackend(backend);
    setBatchedProductStrategy(strategy);
    const [batch, length, heads, width] = [2, 5, 2, 8];
    const qkv = tf.mul(tf.tensor2d(values(batch * length * 3 * width, 8), [batch * length, 3 * width]), 2);
    compareWithAutodiff((t) => causalSelfAttention(t as tf.Tensor2D, batch, length, heads), (t) => referenceAttention(t, batch, length, heads), [qkv]);
    qkv.dispose();
  });

  it('weighted cross-entropy matches log-softmax with a one-hot mask, and ignores weight-0 rows', async () => {
    await useBackend(backend);
    const [rows, vocab] = [6, 5];
    const targets = [0, 4, 2, 2, 1, 3];
    const weights = [0, 0.25, 0.25, 0, 0.5, 0];
    const logits = tf.mul(tf.tensor2d(values(rows * vocab, 9), [rows, vocab]), 5);
    const weighted = tf.tensor2d(oneHotRows(targets, vocab, weights), [rows, vocab]);
    const rowWeights = tf.tensor2d(weights, [rows, 1]);
    const oneHot = tf.tensor2d(oneHotRows(targets, vocab), [rows, vocab]);
    const reference = (z: tf.Tensor) => tf.neg(tf.sum(tf.mul(tf.sum(tf.mul(tf.logSoftmax(z), oneHot), 1), tf.tensor1d(weights))));
    compareWithAutodiff((z) => weightedCrossEntropy(z as tf.Tensor2D, weighted, rowWeights), reference, [logits]);
    tf.dispose([logits, weighted, rowWeights, oneHot]);
  });
});
