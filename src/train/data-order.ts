// The deterministic data order: one seeded permutation of the examples per epoch, and a cursor
// (epoch, index) that says where the next batch starts, so a resumed run reads exactly the
// examples an uninterrupted run would. Never uses Math.random.
import seedrandom from 'seedrandom';

export interface DataCursor {
  epoch: number;
  /** Position in this epoch's permutation of the next example to read. */
  index: number;
}

export const START_CURSOR: DataCursor = { epoch: 0, index: 0 };

/** A Fisher-Yates permutation of 0..count-1 drawn from seedrandom(`${seed}/epoch/${epoch}`). */
export function epochPermutation(count: number, seed: number, epoch: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const uniform = seedrandom(`${seed}/epoch/${epoch}`);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  return order;
}

/** Reads example indices in epoch order, crossing epoch boundaries, with one cached permutation. */
export class DataOrder {
  private cachedEpoch = -1;
  private permutation: Uint32Array = new Uint32Array(0);

  constructor(private readonly count: number, private readonly seed: number) {
    if (count <= 0) throw new RangeError('the data order needs at least one example');
  }

  /** The next `size` example indices after `cursor`, and the cursor after them. */
  take(cursor: DataCursor, size: number): { indices: number[]; next: DataCursor } {
    const indices: number[] = [];
    let { epoch, index } = cursor;
    while (indices.length < size) {
      if (index >= this.count) {
        epoch += 1;
        index = 0;
      }
      indices.push(this.orderOf(epoch)[index] as number);
      index += 1;
    }
    // A cursor at the end of an epoch is the start of the next one.
    return { indices, next: index >= this.count ? { epoch: epoch + 1, index: 0 } : { epoch, index } };
  }

  private orderOf(epoch: number): Uint32Array {
    if (epoch !== this.cachedEpoch) {
      this.permutation = epochPermutation(this.count, this.seed, epoch);
      this.cachedEpoch = epoch;
    }
    return this.permutation;
  }
}
