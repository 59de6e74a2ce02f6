// The training benchmark's shapes and data, shared by the Node benchmark (bench/train-node.ts) and
// the browser one (bench/pages/train-bench.worker.ts), so both measure exactly what the PyTorch
// reference measures: the presets of ../shared/BENCH.md with vocabulary 96, batch 16/16/8, full
// context, seeded random tokens with a random masked prompt prefix per row.
import type { LossRows } from '../src/model/gpt';

export const VOCAB = 96;
export const SHAPES: Record<string, { batch: number; steps: number }> = { tiny: { batch: 16, steps: 30 }, small: { batch: 16, steps: 12 }, medium: { batch: 8, steps: 6 } };
export const WARMUP_STEPS = 3;

export function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Seeded random tokens with a random masked prompt prefix per row, like the PyTorch peer's data. */
export function randomRows(batch: number, length: number, seed: number): LossRows {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const ids = Int32Array.from({ length: batch * length }, () => Math.floor(next() * VOCAB));
  const targets = Int32Array.from({ length: batch * length }, () => Math.floor(next() * VOCAB));
  const weights = new Float32Array(batch * length);
  for (let row = 0; row < batch; row++) {
    const promptLength = 1 + Math.floor(next() * (length / 2));
    weights.fill(1, row * length + promptLength, (row + 1) * length);
  }
  return { batch, length, ids, targets, weights };
}
