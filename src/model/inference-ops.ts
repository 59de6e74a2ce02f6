// Forward-only versions of the GPT building blocks in ops.ts, for generation: the same math
// (LayerNorm ε, the sigmoid form of tanh-GELU) with no custom gradient and as few kernels as
// possible, since decoding one token runs each block on a handful of rows and the WASM backend's
// cost is then the number of kernels, not their size. Must never be used for training (no
// gradients) and never differ from ops.ts in what it computes.
import * as tf from '@tensorflow/tfjs';
import { GELU_CUBIC, GELU_SCALE, LAYER_NORM_EPSILON } from './ops';

/** y = x @ w + b: (N, K) @ (K, M) + (M) -> (N, M). */
export function linearForward(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  return tf.add(tf.matMul(x, w), b);
}

/** LayerNorm over the last axis: (N, C) -> (N, C). */
export function layerNormForward(x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D): tf.Tensor2D {
  const centered = tf.sub(x, tf.mean(x, 1, true));
  const inverseStd = tf.rsqrt(tf.add(tf.mean(tf.square(centered), 1, true), LAYER_NORM_EPSILON));
  return tf.add(tf.mul(tf.mul(centered, inverseStd), gain), bias);
}

/** GELU (tanh approximation) as x·σ(GELU_SCALE·x·(1 + GELU_CUBIC·x²)). */
export function geluForward(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.sigmoid(tf.mul(tf.mul(x, tf.add(tf.mul(tf.square(x), GELU_CUBIC), 1)), GELU_SCALE)));
}
