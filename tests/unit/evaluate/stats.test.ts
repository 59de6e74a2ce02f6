import { describe, expect, it } from 'vitest';
import {
  intervalsOverlap,
  mean,
  meanDifferenceInterval,
  meanInterval,
  newcombeDifferenceInterval,
  sampleStddev,
  wilsonInterval,
} from '../../../src/evaluate/stats';

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%d/%d → [%f, %f] as published', (successes, trials, low, high) => {
    const [lo, hi] = wilsonInterval(successes, trials);
    expect(lo).toBeCloseTo(low, 4);
    expect(hi).toBeCloseTo(high, 4);
  });

  it('is symmetric around one half and stays inside [0, 1]', () => {
    const [lo, hi] = wilsonInterval(50, 100);
    expect(lo + hi).toBeCloseTo(1, 12);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    expect(wilsonInterval(0, 10)[0]).toBe(0);
  });

  it('is the whole unit interval without trials and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});

describe('newcombeDifferenceInterval', () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions",
  // example (a) 56/70 − 48/80, method 10: +0.0524 to +0.3339.
  it('matches the published hybrid score interval', () => {
    const [lo, hi] = newcombeDifferenceInterval(48, 80, 56, 70);
    expect(lo).toBeCloseTo(0.0524, 4);
    expect(hi).toBeCloseTo(0.3339, 4);
  });
  it('is antisymmetric when the runs swap', () => {
    const forward = newcombeDifferenceInterval(3, 20, 12, 20);
    const backward = newcombeDifferenceInterval(12, 20, 3, 20);
    expect(backward[0]).toBeCloseTo(-forward[1], 12);
    expect(backward[1]).toBeCloseTo(-forward[0], 12);
  });
});

describe('mean, sampleStddev and normal intervals', () => {
  it('computes the mean and the n − 1 standard deviation', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleStddev([])).toBeNull();
    expect(sampleStddev([0.7])).toBe(0);
    expect(sampleStddev([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });
  it('gives mean ± 1.96 s/√n, clamped to [0, 1]', () => {
    const values = [0.2, 0.4, 0.6, 0.8];
    const halfWidth = (1.959963984540054 * Math.sqrt(0.2 / 3)) / 2;
    const [lo, hi] = meanInterval(values) ?? [NaN, NaN];
    expect(lo).toBeCloseTo(0.5 - halfWidth, 12);
    expect(hi).toBeCloseTo(0.5 + halfWidth, 12);
    expect(meanInterval([1, 1, 0.99])?.[1]).toBe(1);
    expect(meanInterval([])).toBeNull();
  });
  it('gives a Welch-style interval for a difference of means', () => {
    const [lo, hi] = meanDifferenceInterval([0.1, 0.3], [0.5, 0.7]) ?? [NaN, NaN];
    const standardError = Math.sqrt(0.02 / 2 + 0.02 / 2);
    expect(lo).toBeCloseTo(0.4 - 1.959963984540054 * standardError, 12);
    expect(hi).toBeCloseTo(0.4 + 1.959963984540054 * standardError, 12);
    expect(meanDifferenceInterval([], [1])).toBeNull();
  });
  it('detects overlapping intervals, touching included', () => {
    expect(intervalsOverlap([0.1, 0.3], [0.3, 0.5])).toBe(true);
    expect(intervalsOverlap([0.1, 0.29], [0.3, 0.5])).toBe(false);
    expect(intervalsOverlap([0.4, 0.6], [0.1, 0.9])).toBe(true);
  });
});
