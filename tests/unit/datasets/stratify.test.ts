import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { balancedQuotas, groupIntoStrata, proportionalQuotas, selectStratified } from '../../../src/datasets/stratify';
import { metaTermValue } from '../../../src/datasets/filters';
import { newestFirst } from './summaries';

describe('proportionalQuotas (largest remainder)', () => {
  it('gives exact shares when they are whole', () => {
    expect(proportionalQuotas([50, 30, 20], 10)).toEqual([5, 3, 2]);
  });

  it('gives the units left to the largest remainders, ties to the earlier stratum', () => {
    // 5·7/10 = 3.5, 5·2/10 = 1, 5·1/10 = 0.5: floors 3, 1, 0; one unit left; remainders tie, first wins.
    expect(proportionalQuotas([7, 2, 1], 5)).toEqual([4, 1, 0]);
    expect(proportionalQuotas([1, 1, 1], 2)).toEqual([1, 1, 0]);
    // 10·5/12 = 4.17, 10·4/12 = 3.33, 10·3/12 = 2.5: floors 4, 3, 2; one left to the .5.
    expect(proportionalQuotas([5, 4, 3], 10)).toEqual([4, 3, 3]);
  });

  it('takes everything when the limit is at least the population', () => {
    expect(proportionalQuotas([3, 0, 2], 9)).toEqual([3, 0, 2]);
  });
});

describe('balancedQuotas (water filling)', () => {
  it('takes small strata whole and shares the rest equally, extras to the earlier strata', () => {
    // share 60/3 = 20 > 5: the 5 are taken; 55 left over 2 strata: 27 each and 1 extra to the first.
    expect(balancedQuotas([100, 5, 50], 60)).toEqual([28, 5, 27]);
    expect(balancedQuotas([10, 10, 10], 7)).toEqual([3, 2, 2]);
    expect(balancedQuotas([1, 2, 3], 100)).toEqual([1, 2, 3]);
    expect(balancedQuotas([0, 5, 2], 4)).toEqual([0, 2, 2]);
  });
});

describe('quota invariants', () => {
  it('sum to exactly min(limit, population), never exceed a stratum, and balance within one', () => {
    const random = seedrandom('quotas');
    for (let trial = 0; trial < 500; trial++) {
      const sizes = Array.from({ length: 1 + Math.floor(random() * 8) }, () => 1 + Math.floor(random() * 40));
      const population = sizes.reduce((a, b) => a + b, 0);
      const limit = 1 + Math.floor(random() * 120);
      for (const quotas of [proportionalQuotas(sizes, limit), balancedQuotas(sizes, limit)]) {
        expect(quotas.reduce((a, b) => a + b, 0)).toBe(Math.min(limit, population));
        quotas.forEach((quota, k) => {
          expect(quota).toBeGreaterThanOrEqual(0);
          expect(quota).toBeLessThanOrEqual(sizes[k]!);
        });
      }
      const balanced = balancedQuotas(sizes, limit);
      const unsaturated = balanced.filter((quota, k) => quota < sizes[k]!);
      if (unsaturated.length > 0) {
        const top = Math.max(...balanced);
        expect(top - Math.min(...unsaturated)).toBeLessThanOrEqual(1);
      }
      const proportional = proportionalQuotas(sizes, limit);
      proportional.forEach((quota, k) => {
        const exact = (Math.min(limit, population) * sizes[k]!) / population;
        expect(Math.abs(quota - exact)).toBeLessThan(1);
      });
    }
  });
});

describe('groupIntoStrata', () => {
  it('orders strata by value and puts traces without the key last', () => {
    const summaries = newestFirst(20);
    const strata = groupIntoStrata(summaries, 'result');
    expect(strata.map((stratum) => stratum.value)).toEqual(['loss', 'tie', 'win', null]);
    expect(strata.reduce((sum, stratum) => sum + stratum.members.length, 0)).toBe(20);
  });
});

describe('selectStratified', () => {
  it('takes each stratum its quota, in newest-first order', () => {
    const summaries = newestFirst(1_000);
    const chosen = selectStratified(summaries, 100, { key: 'category', mode: 'proportional' }, 7);
    const counts: Record<string, number> = {};
    for (const summary of chosen) {
      const category = metaTermValue(summary.meta_terms, 'category')!;
      counts[category] = (counts[category] ?? 0) + 1;
    }
    expect(counts).toEqual({ reasoning: 60, synthetic: 30, golden: 10 });
    const positions = chosen.map((summary) => summaries.indexOf(summary));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('balances strata, and the draw depends on the seed', () => {
    const summaries = newestFirst(1_000);
    const balanced = selectStratified(summaries, 150, { key: 'category', mode: 'balanced' }, 7);
    const golden = balanced.filter((summary) => summary.meta_terms.includes('category=golden'));
    expect(golden).toHaveLength(50);
    const again = selectStratified(summaries, 150, { key: 'category', mode: 'balanced' }, 7);
    const other = selectStratified(summaries, 150, { key: 'category', mode: 'balanced' }, 8);
    expect(again.map((summary) => summary.id)).toEqual(balanced.map((summary) => summary.id));
    expect(other.map((summary) => summary.id)).not.toEqual(balanced.map((summary) => summary.id));
  });
});
