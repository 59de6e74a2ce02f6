import { describe, expect, it } from 'vitest';
import { evalCount, splitTrainEval } from '../../../src/datasets/split';

const IDS = Array.from({ length: 1_000 }, (_, k) => `id-${k}`);

describe('splitTrainEval', () => {
  it('puts round(n · fraction) ids in eval, the rest in train, both in input order', () => {
    const split = splitTrainEval(IDS, 0.1, 42);
    expect(split.eval_ids).toHaveLength(100);
    expect(split.train_ids).toHaveLength(900);
    const position = new Map(IDS.map((id, k) => [id, k]));
    for (const part of [split.train_ids, split.eval_ids]) {
      const positions = part.map((id) => position.get(id)!);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
    expect(new Set([...split.train_ids, ...split.eval_ids])).toEqual(new Set(IDS));
  });

  it('gives the same split for the same seed and another for another seed', () => {
    expect(splitTrainEval(IDS, 0.25, 7)).toEqual(splitTrainEval(IDS.slice(), 0.25, 7));
    expect(splitTrainEval(IDS, 0.25, 8).eval_ids).not.toEqual(splitTrainEval(IDS, 0.25, 7).eval_ids);
  });

  it('spreads eval over the whole list, not one end', () => {
    const evalIds = new Set(splitTrainEval(IDS, 0.5, 3).eval_ids);
    const firstHalf = IDS.slice(0, 500).filter((id) => evalIds.has(id)).length;
    expect(firstHalf).toBeGreaterThan(200);
    expect(firstHalf).toBeLessThan(300);
  });

  it('keeps both sides non-empty from two ids up, and sends one id to train', () => {
    expect(evalCount(0, 0.5)).toBe(0);
    expect(evalCount(1, 0.5)).toBe(0);
    expect(evalCount(2, 0.01)).toBe(1);
    expect(evalCount(2, 0.99)).toBe(1);
    expect(evalCount(10, 0.25)).toBe(3);
    expect(splitTrainEval(['only'], 0.5, 1)).toEqual({ train_ids: ['only'], eval_ids: [] });
    expect(splitTrainEval([], 0.5, 1)).toEqual({ train_ids: [], eval_ids: [] });
  });
});
