import { describe, expect, it } from 'vitest';
import { learningRate } from '../../../src/train/schedule';

const config = { learning_rate: 1e-3, warmup_steps: 10, max_steps: 110, min_lr_ratio: 0.1 };

describe('learningRate', () => {
  it('rises linearly during the warmup and reaches the peak at its last step', () => {
    expect(learningRate(0, config)).toBeCloseTo(1e-4, 12);
    expect(learningRate(4, config)).toBeCloseTo(5e-4, 12);
    expect(learningRate(9, config)).toBeCloseTo(1e-3, 12);
  });

  it('follows a cosine from the peak to the floor, halfway at the middle', () => {
    expect(learningRate(10, config)).toBeCloseTo(1e-3, 12);
    expect(learningRate(60, config)).toBeCloseTo(1e-4 + 0.5 * 9e-4, 12);
    expect(learningRate(110, config)).toBeCloseTo(1e-4, 12);
    expect(learningRate(500, config)).toBeCloseTo(1e-4, 12);
    for (let step = 10; step < 110; step++) expect(learningRate(step + 1, config)).toBeLessThanOrEqual(learningRate(step, config));
  });

  it('starts at the peak without a warmup and is a pure function of the step', () => {
    const noWarmup = { ...config, warmup_steps: 0 };
    expect(learningRate(0, noWarmup)).toBeCloseTo(1e-3, 12);
    expect(learningRate(37, config)).toBe(learningRate(37, config));
  });
});
