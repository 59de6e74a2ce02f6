// The reference system's baseline score: known values for both halves, their caps, and no rounding.
import { describe, expect, it } from 'vitest';
import { baselineScore } from '../../../src/traces/score';

/** A trace whose steps have contents of the given lengths. */
function withSteps(...lengths: number[]) {
  return { steps: lengths.map((length, i) => ({ i, type: 't', content: 'x'.repeat(length) })) };
}

describe('baselineScore', () => {
  it.each([
    [[100], 5 + 10],
    [[500, 500, 500, 500, 500, 500, 500, 500, 500, 500], 100],
    [[250, 250, 250, 250, 250], 25 + 25],
    [[1_000, 0], 10 + 50],
    [[1], 5.1],
  ])('scores steps of lengths %j as %d', (lengths, expected) => {
    expect(baselineScore(withSteps(...lengths))).toBe(expected);
  });

  it('caps the step half at 10 steps and the length half at 500 average characters', () => {
    expect(baselineScore(withSteps(...Array<number>(25).fill(2_000)))).toBe(100);
    expect(baselineScore(withSteps(...Array<number>(10).fill(50)))).toBe(50 + 5);
    expect(baselineScore(withSteps(...Array<number>(11).fill(50)))).toBe(50 + 5);
  });

  it('keeps the exact float, not rounded to 2 decimals', () => {
    const score = baselineScore(withSteps(1, 2, 4)); // 15 + (7/3)/500 × 50
    expect(score).toBeCloseTo(15 + 7 / 30, 12);
    expect(score).not.toBe(15.23);
  });

  it('counts characters as UTF-16 code units, like the stored lengths', () => {
    const emoji = { steps: [{ i: 0, type: 't', content: '😀'.repeat(250) }] };
    expect(baselineScore(emoji)).toBe(5 + 50);
  });

  it('is 0 for a trace without steps, which validation never lets through', () => {
    expect(baselineScore({ steps: [] })).toBe(0);
  });
});
