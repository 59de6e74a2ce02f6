// The one source of randomness for every generator: a seedrandom (ARC4) stream seeded with
// String(seed). Owns uniform draws, picks and shuffles. Must never call Math.random or read any
// other entropy, so that one seed gives the same draws in Node, the page and a worker.
import seedrandom from 'seedrandom';

export class Random {
  private readonly stream: seedrandom.PRNG;

  constructor(seed: number) {
    this.stream = seedrandom(String(seed));
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.stream();
  }

  /** A uniform integer in [0, maxExclusive). */
  below(maxExclusive: number): number {
    return Math.floor(this.stream() * maxExclusive);
  }

  /** A uniform integer in [min, max], both ends included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.stream() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.stream() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }

  /** `count` distinct elements of `items`, in draw order (a partial Fisher-Yates shuffle). */
  pickDistinct<T>(items: readonly T[], count: number): T[] {
    const pool = items.slice();
    const taken = Math.min(count, pool.length);
    for (let k = 0; k < taken; k++) {
      const j = k + Math.floor(this.stream() * (pool.length - k));
      const held = pool[k] as T;
      pool[k] = pool[j] as T;
      pool[j] = held;
    }
    return pool.slice(0, taken);
  }

  /** Fisher-Yates shuffle of a list or typed array, in place. */
  shuffleInPlace<T>(items: { length: number; [index: number]: T }): void {
    for (let k = items.length - 1; k > 0; k--) {
      const j = Math.floor(this.stream() * (k + 1));
      const held = items[k] as T;
      items[k] = items[j] as T;
      items[j] = held;
    }
  }

  /** A string of `length` letters drawn from `alphabet`. */
  letters(alphabet: string, length: number): string {
    let out = '';
    for (let k = 0; k < length; k++) out += alphabet[Math.floor(this.stream() * alphabet.length)];
    return out;
  }
}
