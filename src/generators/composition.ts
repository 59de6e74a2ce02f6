// Exact category composition: turns declared percentages into whole counts that sum to the
// requested total (largest remainder, so each count is within one trace of its share) and
// lays them out as a per-index plan. Must never round in a way that depends on float order:
// ties between equal remainders go to the category declared first.

export interface CategoryShare {
  name: string;
  /** Share of the corpus in percent; the shares of one corpus sum to 100. */
  percent: number;
}

/** Whole counts per category, summing to `total`, each within one of `total * percent / 100`. */
export function allocateCounts(shares: readonly CategoryShare[], total: number): number[] {
  const exact = shares.map((share) => (total * share.percent) / 100);
  const counts = exact.map((value) => Math.floor(value));
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((x, y) => y.remainder - x.remainder || x.index - y.index);
  for (const { index } of byRemainder) {
    if (missing <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
    missing -= 1;
  }
  return counts;
}

/** The counts keyed by category name, in declaration order. */
export function compositionRecord(shares: readonly CategoryShare[], total: number): Record<string, number> {
  const counts = allocateCounts(shares, total);
  const record: Record<string, number> = {};
  shares.forEach((share, index) => {
    record[share.name] = counts[index] ?? 0;
  });
  return record;
}

/** One category index per trace: counts[k] entries of k, in declaration order. */
export function categoryPlan(counts: readonly number[]): Uint8Array {
  const plan = new Uint8Array(counts.reduce((a, b) => a + b, 0));
  let offset = 0;
  counts.forEach((count, category) => {
    plan.fill(category, offset, offset + count);
    offset += count;
  });
  return plan;
}
