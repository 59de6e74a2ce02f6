// The seeded train/eval split of a dataset's ids. eval gets round(n · fraction) ids, at least one
// and at most n − 1 when n >= 2 (none when n < 2); which ones is a seeded Fisher–Yates draw on
// the `split:{seed}` stream. Both lists keep the input order. Must never reorder the input.
import { shuffleFront, splitStream } from './random';

export interface TrainEvalIds {
  train_ids: string[];
  eval_ids: string[];
}

export function evalCount(total: number, evalFraction: number): number {
  if (total < 2) return 0;
  return Math.min(total - 1, Math.max(1, Math.round(total * evalFraction)));
}

export function splitTrainEval(ids: readonly string[], evalFraction: number, seed: number): TrainEvalIds {
  const positions = Array.from({ length: ids.length }, (_, k) => k);
  const drawn = shuffleFront(positions, evalCount(ids.length, evalFraction), splitStream(seed));
  const inEval = new Uint8Array(ids.length);
  for (let k = 0; k < drawn; k++) inEval[positions[k]!] = 1;
  const split: TrainEvalIds = { train_ids: [], eval_ids: [] };
  ids.forEach((id, k) => (inEval[k] ? split.eval_ids : split.train_ids).push(id));
  return split;
}
