import { describe, expect, it } from 'vitest';
import { allocateCounts, categoryPlan, compositionRecord } from '../../../src/generators/composition';

const SHARES = [
  { name: 'a', percent: 70 },
  { name: 'b', percent: 20 },
  { name: 'c', percent: 6.4 },
  { name: 'd', percent: 3.6 },
];

describe('allocateCounts', () => {
  it('gives the reference split 385 / 110 / 35 / 20 for 550 traces', () => {
    expect(allocateCounts(SHARES, 550)).toEqual([385, 110, 35, 20]);
  });

  it('sums to the total with every count within one trace of its share, for every size', () => {
    for (let total = 100; total <= 2000; total += 7) {
      const counts = allocateCounts(SHARES, total);
      expect(counts.reduce((x, y) => x + y, 0)).toBe(total);
      counts.forEach((count, k) => expect(Math.abs(count - (total * (SHARES[k]?.percent ?? 0)) / 100)).toBeLessThan(1));
    }
  });

  it('breaks equal remainders in declaration order', () => {
    expect(allocateCounts([{ name: 'x', percent: 50 }, { name: 'y', percent: 50 }], 101)).toEqual([51, 50]);
  });
});

describe('compositionRecord and categoryPlan', () => {
  it('names the counts and lays them out index by index', () => {
    expect(compositionRecord(SHARES, 550)).toEqual({ a: 385, b: 110, c: 35, d: 20 });
    expect([...categoryPlan([2, 0, 3])]).toEqual([0, 0, 2, 2, 2]);
  });
});
