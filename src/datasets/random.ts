// Seeded randomness for dataset builds: one seedrandom (ARC4) stream per purpose, so a
// selection and a split drawn with the same seed stay independent. Must never use Math.random.
import seedrandom from 'seedrandom';

export type RandomStream = () => number;

/** The selection stream: seeded with String(seed), like the generators. */
export function selectionStream(seed: number): RandomStream {
  return seedrandom(String(seed));
}

/** The train/eval split stream, seeded with `split:{seed}`. */
export function splitStream(seed: number): RandomStream {
  return seedrandom(`split:${seed}`);
}

/**
 * Moves `count` uniformly drawn elements to the front of `items`, in draw order (the first
 * `count` steps of a Fisher–Yates shuffle), and returns that count. Mutates `items`.
 */
export function shuffleFront<T>(items: T[], count: number, random: RandomStream): number {
  const taken = Math.min(Math.max(0, count), items.length);
  for (let k = 0; k < taken; k++) {
    const j = k + Math.floor(random() * (items.length - k));
    const drawn = items[j]!;
    items[j] = items[k]!;
    items[k] = drawn;
  }
  return taken;
}
