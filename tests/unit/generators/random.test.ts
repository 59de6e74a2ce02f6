import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/generators/random';

function draws(seed: number): number[] {
  const random = new Random(seed);
  return Array.from({ length: 50 }, () => random.between(0, 1000));
}

describe('Random', () => {
  it('gives the same draws for the same seed and different draws for another', () => {
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  it('keeps between() inside its inclusive bounds and reaches both ends', () => {
    const random = new Random(1);
    const seen = new Set<number>();
    for (let k = 0; k < 2000; k++) seen.add(random.between(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('picks distinct elements without repeats', () => {
    const random = new Random(2);
    for (let k = 0; k < 200; k++) {
      const picked = random.pickDistinct(['a', 'b', 'c', 'd', 'e'], 3);
      expect(new Set(picked).size).toBe(3);
    }
  });

  it('shuffles a typed array into a permutation of itself', () => {
    const values = Uint8Array.from({ length: 100 }, (_, k) => k % 7);
    const shuffled = values.slice();
    new Random(3).shuffleInPlace(shuffled);
    expect([...shuffled].sort()).toEqual([...values].sort());
    expect([...shuffled]).not.toEqual([...values]);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => new Random(4).pick([])).toThrow(RangeError);
  });
});
