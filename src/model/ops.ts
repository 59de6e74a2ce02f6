// The GPT's building blocks as tf.customGrad ops with hand-written backward passes: linear layers,
// embeddings, LayerNorm, GELU, causal self-attention and the masked cross-entropy. They exist for
// speed on the WASM backend, whose only fast matmul is a plain 2-D product without transpose
// flags (the stock matMul gradient uses those flags; batched products are ~15x slower): every
// product here is 2-D after an explicit tf.transpose, column sums are products with a ones row
// (tf.sum over axis 0 is slow), and tanh/exp/log over big tensors are avoided (sigmoid and softmax
// are the fast transcendental kernels). Never reads tensors back to the CPU; never creates int32
// tensors (token ids arrive as float one-hot rows built in JS), so no int32 transpose either.
import * as tf from '@tensorflow/tfjs';
import { COLUMN_SUMS_KERNEL, hasColumnSumsKernel, installWasmKernelPatches } from './wasm-kernels';

type BatchedProductStrategy = 'auto' | 'loop' | 'batched';
let batchedProductStrategy: BatchedProductStrategy = 'auto';

/**
 * How per-head products run: 'loop' splits them into 2-D products (fast on WASM), 'batched' uses
 * one batched tf.matMul (best on GPUs and the CPU backend), 'auto' picks by backend.
 */
export function setBatchedProductStrategy(strategy: BatchedProductStrategy): void {
  batchedProductStrategy = strategy;
}

function useLoopedProducts(): boolean {
  if (batchedProductStrategy !== 'auto') return batchedProductStrategy === 'loop';
  return tf.getBackend() === 'wasm';
}

/** (n, r, k) @ (n, k, c) -> (n, r, c), with no transpose flags. */
function batchedProduct(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const [n, r, k] = a.shape;
  const c = b.shape[2];
  if (!useLoopedProducts()) return tf.matMul(a, b);
  const left = splitRows(tf.reshape(a, [n * r, k]), n) as tf.Tensor2D[];
  const right = splitRows(tf.reshape(b, [n * k, c]), n) as tf.Tensor2D[];
  const products = left.map((part, i) => tf.matMul(part, right[i] as tf.Tensor2D));
  return tf.reshape(tf.concat(products, 0), [n, r, c]);
}

/**
 * Splits x into `parts` equal blocks along axis 0 with tf.slice (the patched WASM Slice kernel
 * copies only each block; tf.split's SplitV kernel copies the whole input per block).
 */
export function splitRows(x: tf.Tensor, parts: number): tf.Tensor[] {
  const rows = (x.shape[0] as number) / parts;
  const size = [rows, ...x.shape.slice(1)];
  const begin = x.shape.map(() => 0);
  return Array.from({ length: parts }, (_, i) => tf.slice(x, [i * rows, ...begin.slice(1)], size));
}

/** Swaps the last two axes of a (n, r, c) tensor. */
function swapLastAxes(x: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(x, [0, 2, 1]);
}

/** Column sums of a (N, M) matrix -> (M): a JS kernel on WASM, a (1, N) @ (N, M) product elsewhere. */
function columnSums(x: tf.Tensor2D): tf.Tensor1D {
  if (hasColumnSumsKernel()) return tf.engine().runKernel(COLUMN_SUMS_KERNEL, { x }, {}) as tf.Tensor1D;
  return tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), x), [x.shape[1]]);
}

type Saver = (tensors: tf.Tensor[]) => void;
type GradientFunction = Parameters<typeof tf.customGrad>[0];

/** y = x @ w + b: (N, K) @ (K, M) + (M) -> (N, M). */
/**
 * xᵀ @ dy for x (N, K) and dy (N, M), N being the many token rows. The WASM product packs (and
 * transposes) its whole right operand on every call, at ~12 ns a value against ~7 ns for a
 * tf.transpose, so the narrower of x and dy goes on the right: (dyᵀ @ x)ᵀ when K < M.
 */
function weightGradient(x: tf.Tensor2D, dy: tf.Tensor2D): tf.Tensor2D {
  if (x.shape[1] < dy.shape[1]) return tf.transpose(tf.matMul(tf.transpose(dy), x)) as tf.Tensor2D;
  return tf.matMul(tf.transpose(x), dy);
}

const linearOp = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, save: Saver) => {
  save([x, w]);
  return {
    value: tf.add(tf.matMul(x, w), b),
    gradFunc: (dy: tf.Tensor2D, [xs, ws]: tf.Tensor[]) => [
      tf.matMul(dy, tf.transpose(ws as tf.Tensor2D)), // dx = dy @ wᵀ     (N, K)
      weightGradient(xs as tf.Tensor2D, dy), //          dw = xᵀ @ dy     (K, M)
      columnSums(dy), //                                db = Σ_rows dy   (M)
    ],
  };
}) as unknown as GradientFunction) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

export function linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D {
  installWasmKernelPatches();
  return linearOp(x, w, b);
}

/** Token embeddings: oneHot (N, V) @ table (V, C) -> (N, C); the one-hot rows are a constant. */
export function embed(oneHot: tf.Tensor2D, table: tf.Tensor2D): tf.Tensor2D {
  installWasmKernelPatches();
  // Tensors the backward pass needs must go through save(): tf disposes the forward's others.
  const op = tf.customGrad(((w: tf.Tensor2D, save: Saver) => {
    save([oneHot]);
    return {
      value: tf.matMul(oneHot, w),
      gradFunc: (dy: tf.Tensor2D, [rows]: tf.Tensor[]) => [tf.matMul(tf.transpose(rows as tf.Tensor2D), dy)], // (V, N) @ (N, C)
    };
  }) as unknown as GradientFunction);
  return op(table) as tf.Tensor2D;
}

/** x + positions, broadcast over the batch: (B, T·C) + (T·C) -> (B, T·C). */
const addPositionsOp = tf.customGrad(((x: tf.Tensor2D, positions: tf.Tensor1D) => ({
  value: tf.add(x, positions),
  gradFunc: (dy: tf.Tensor2D) => [dy, columnSums(dy)],
})) as unknown as GradientFunction) as (x: tf.Tensor2D, positions: tf.Tensor1D) => tf.Tensor2D;

export function addPositions(x: tf.Tensor2D, positions: tf.Tensor1D): tf.Tensor2D {
  installWasmKernelPatches();
  return addPositionsOp(x, positions);
}

export const LAYER_NORM_EPSILON = 1e-5;

/** LayerNorm over the last axis: (N, C) -> (N, C), with gain and bias (C). */
const layerNormOp = tf.customGrad(((x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D, save: Saver) => {
  const { mean, variance } = tf.moments(x, 1, true);
  const inverseStd = tf.rsqrt(tf.add(variance, LAYER_NORM_EPSILON)); // (N, 1)
  const normalized = tf.mul(tf.sub(x, mean), inverseStd); //              (N, C)
  save([normalized, inverseStd, gain]);
  return {
    value: tf.add(tf.mul(normalized, gain), bias),
    gradFunc: (dy: tf.Tensor2D, [xHat, rstd, g]: tf.Tensor[]) => {
      const xh = xHat as tf.Tensor2D;
      const dxHat = tf.mul(dy, g as tf.Tensor1D);
      // dx = rstd · (dxHat − mean(dxHat) − xHat · mean(dxHat · xHat))
      const centered = tf.sub(dxHat, tf.mean(dxHat, 1, true));
      const dx = tf.mul(tf.sub(centered, tf.mul(xh, tf.mean(tf.mul(dxHat, xh), 1, true))), rstd as tf.Tensor2D);
      return [dx, columnSums(tf.mul(dy, xh) as tf.Tensor2D), columnSums(dy)];
    },
  };
}) as unknown as GradientFunction) as (x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D) => tf.Tensor2D;

export function layerNorm(x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D): tf.Tensor2D {
  installWasmKernelPatches();
  return layerNormOp(x, gain, bias);
}

// GELU, tanh approximation, written with a sigmoid: 0.5·x·(1 + tanh(u)) = x·σ(2u).
export const GELU_SCALE = 2 * Math.sqrt(2 / Math.PI);
export const GELU_CUBIC = 0.044715;

const geluOp = tf.customGrad(((x: tf.Tensor, save: Saver) => {
  const square = tf.square(x);
  const gate = tf.sigmoid(tf.mul(tf.mul(x, tf.add(tf.mul(square, GELU_CUBIC), 1)), GELU_SCALE)); // σ(2u)
  save([x, gate]);
  return {
    value: tf.mul(x, gate),
    gradFunc: (dy: tf.Tensor, [xs, s]: tf.Tensor[]) => {
      const xv = xs as tf.Tensor;
      const sv = s as tf.Tensor;
      // d/dx x·σ(z) = σ + x·σ·(1−σ)·z',  z' = GELU_SCALE·(1 + 3·GELU_CUBIC·x²)
      const slope = tf.mul(tf.add(tf.mul(tf.square(xv), 3 * GELU_CUBIC), 1), GELU_SCALE);
      const local = tf.add(sv, tf.mul(tf.mul(xv, tf.mul(sv, tf.sub(1, sv))), slope));
      return [tf.mul(dy, local)];
    },
  };
}) as unknown as GradientFunction) as (x: tf.Tensor) => tf.Tensor;

export function gelu(x: tf.Tensor): tf.Tensor {
  installWasmKernelPatches();
  return geluOp(x);
}

/** Additive causal mask (T, T): 0 on and below the diagonal, −1e9 above. */
function causalMask(length: number): tf.Tensor2D {
  const values = new Float32Array(length * length);
  for (let i = 0; i < length; i++) values.fill(-1e9, i * length + i + 1, (i + 1) * length);
  return tf.tensor2d(values, [length, length]);
}

/**
 * Causal multi-head self-attention core: qkv (B·T, 3C) -> y (B·T, C), heads merged.
 * Per head h of row b: y = softmax(q kᵀ / √hd + mask) v, with q, k, v of shape (T, hd).
 */
export function causalSelfAttention(qkv: tf.Tensor2D, batch: number, length: number, heads: number): tf.Tensor2D {
  installWasmKernelPatches();
  const width = qkv.shape[1] / 3;
  const headDim = width / heads;
  const n = batch * heads;
  const scale = 1 / Math.sqrt(headDim);
  const op = tf.customGrad(((packed: tf.Tensor2D, save: Saver) => {
    // (B·T, 3C) -> (B, T, 3H, hd) -> (B, 3H, T, hd) -> (B, 3, H·T·hd) -> three (B·H, T, hd).
    // (Rank-4 transposes are fast on WASM; the rank-5 one this replaces took ~80 ms.)
    const headMajor = tf.transpose(tf.reshape(packed, [batch, length, 3 * heads, headDim]), [0, 2, 1, 3]);
    const grouped = tf.reshape(headMajor, [batch, 3, heads * length * headDim]);
    const [q, k, v] = [0, 1, 2].map((j) => tf.reshape(tf.slice(grouped, [0, j, 0], [batch, 1, heads * length * headDim]), [n, length, headDim]));
    const scaledQ = tf.mul(q as tf.Tensor3D, scale) as tf.Tensor3D;
    const scores = batchedProduct(scaledQ, swapLastAxes(k as tf.Tensor3D)); //       (B·H, T, T)
    const probabilities = tf.softmax(tf.add(scores, causalMask(length))) as tf.Tensor3D;
    const y = batchedProduct(probabilities, v as tf.Tensor3D); //                     (B·H, T, hd)
    save([scaledQ, k as tf.Tensor3D, v as tf.Tensor3D, probabilities]);
    return {
      value: mergeHeads(y, batch, heads, length, headDim), //                         (B·T, C)
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [sq, ks, vs, p] = saved as tf.Tensor3D[] as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D];
        const dY = splitHeads(dy, batch, heads, length, headDim); //                  (B·H, T, hd)
        const dP = batchedProduct(dY, swapLastAxes(vs)); //                           (B·H, T, T)
        // softmax backward: dS = P ⊙ (dP − Σ_j dP⊙P); masked entries have P = 0.
        const dS = tf.mul(p, tf.sub(dP, tf.sum(tf.mul(dP, p), 2, true))) as tf.Tensor3D;
        const dQ = tf.mul(batchedProduct(dS, ks), scale) as tf.Tensor3D; //            (B·H, T, hd)
        const dK = batchedProduct(swapLastAxes(dS), sq); //       dK = dSᵀ q̃           (B·H, T, hd)
        const dV = batchedProduct(swapLastAxes(p), dY); //        dV = Pᵀ dY           (B·H, T, hd)
        const grouped = tf.concat([dQ, dK, dV].map((d) => tf.reshape(d, [batch, 1, heads * length * headDim])), 1);
        const headMajor = tf.reshape(grouped, [batch, 3 * heads, length, headDim]); //   (B, 3H, T, hd)
        return [tf.reshape(tf.transpose(headMajor, [0, 2, 1, 3]), [batch * length, 3 * width])];
      },
    };
  }) as unknown as GradientFunction);
  return op(qkv) as tf.Tensor2D;
}

/** (B·H, T, hd) -> (B·T, C) */
function mergeHeads(y: tf.Tensor3D, batch: number, heads: number, length: number, headDim: number): tf.Tensor2D {
  const perRow = tf.transpose(tf.reshape(y, [batch, heads, length, headDim]), [0, 2, 1, 3]);
  return tf.reshape(perRow, [batch * length, heads * headDim]);
}

/** (B·T, C) -> (B·H, T, hd) */
function splitHeads(x: tf.Tensor2D, batch: number, heads: number, length: number, headDim: number): tf.Tensor3D {
  const perHead = tf.transpose(tf.reshape(x, [batch, length, heads, headDim]), [0, 2, 1, 3]);
  return tf.reshape(perHead, [batch * heads, length, headDim]);
}

/**
 * Σ_i weight_i · CE(logits_i, target_i), from logits (N, V). `weightedTargets` (N, V) holds
 * weight_i at the target column of row i (zero elsewhere) and `rowWeights` (N, 1) holds weight_i;
 * both are constants built in JS. CE = logsumexp − target logit, with
 * logsumexp = max − log(max softmax), so only N logarithms are taken; the gradient is
 * weight · (softmax − one-hot at the target).
 */
export function weightedCrossEntropy(logits: tf.Tensor2D, weightedTargets: tf.Tensor2D, rowWeights: tf.Tensor2D): tf.Scalar {
  installWasmKernelPatches();
  const op = tf.customGrad(((z: tf.Tensor2D, save: Saver) => {
    const probabilities = tf.softmax(z);
    const logSumExp = tf.sub(tf.max(z, 1, true), tf.log(tf.max(probabilities, 1, true))); // (N, 1)
    save([probabilities, weightedTargets, rowWeights]);
    return {
      value: tf.sub(tf.sum(tf.mul(logSumExp, rowWeights)), tf.sum(tf.mul(z, weightedTargets))),
      gradFunc: (dy: tf.Scalar, [p, targets, weights]: tf.Tensor[]) => [
        tf.mul(tf.sub(tf.mul(p as tf.Tensor2D, weights as tf.Tensor2D), targets as tf.Tensor2D), dy),
      ],
    };
  }) as unknown as GradientFunction);
  return op(logits) as tf.Scalar;
}
