import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { installWasmKernelPatches } from '../../../src/model/wasm-kernels';
import { useBackend } from './tf-node';

function ramp(count: number): Float32Array {
  return Float32Array.from({ length: count }, (_, i) => i * 0.5 - 7);
}

/** Row-major box copy written the slow, obvious way. */
function referenceSlice(values: Float32Array, shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const visit = (axis: number, offset: number): void => {
    if (axis === shape.length) {
      out.push(values[offset] as number);
      return;
    }
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    for (let i = 0; i < (size[axis] as number); i++) visit(axis + 1, offset + ((begin[axis] as number) + i) * stride);
  };
  visit(0, 0);
  return out;
}

describe('WASM kernel patches', () => {
  beforeAll(async () => {
    await useBackend('wasm');
    installWasmKernelPatches();
  });

  it.each([
    { begin: [0, 0, 0, 0], size: [2, 3, 4, 5] },
    { begin: [1, 0, 0, 0], size: [1, 3, 4, 5] },
    { begin: [0, 1, 0, 0], size: [2, 1, 4, 5] },
    { begin: [1, 1, 2, 0], size: [1, 2, 2, 5] },
    { begin: [0, 0, 1, 2], size: [2, 3, 3, 2] },
    { begin: [1, 2, 3, 4], size: [1, 1, 1, 1] },
  ])('slices the box at $begin of size $size exactly', ({ begin, size }) => {
    const shape = [2, 3, 4, 5];
    const values = ramp(120);
    const x = tf.tensor(values, shape);
    const sliced = tf.slice(x, begin, size);
    expect(sliced.shape).toEqual(size);
    expect(Array.from(sliced.dataSync())).toEqual(referenceSlice(values, shape, begin, size));
    tf.dispose([x, sliced]);
  });

  it('clones without copying yet keeps the clone alive after the original is disposed', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const buffers = () => (tf.memory() as tf.MemoryInfo & { numDataBuffers: number }).numDataBuffers;
    const before = buffers();
    const y = tf.clone(x);
    expect(buffers()).toBe(before);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    expect(buffers()).toBe(before - 1);
  });

  it('multiplies by a reshaped right operand correctly after multiplying by the original', () => {
    // The stock kernel caches its XNNPACK operator per data id, so the second product used the
    // first product's packed (2, 4) weights for the (4, 2) reshape and wrote out of bounds.
    const b = tf.tensor2d(ramp(8), [2, 4]);
    const first = tf.matMul(tf.ones([3, 2]), b);
    expect(Array.from(first.dataSync())).toEqual([-12, -11, -10, -9, -12, -11, -10, -9, -12, -11, -10, -9]);
    const second = tf.matMul(tf.ones([1, 4]), tf.reshape(b, [4, 2]));
    expect(Array.from(second.dataSync())).toEqual([-22, -20]);
    tf.dispose([b, first, second]);
  });
});
