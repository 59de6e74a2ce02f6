// Stratified selection: the strata are the values of one meta key (traces without the key form
// one more stratum, last), and each stratum gets a whole-number quota. The quotas always sum to
// exactly min(limit, matches):
// - proportional (largest remainder): stratum s of size n_s gets floor(L·n_s/N); the L − Σfloor
//   units left go one each to the strata with the largest remainders (L·n_s mod N), ties to the
//   earlier stratum in stratum order (values sorted by UTF-16 code units, missing last).
// - balanced (water filling): strata smaller than an equal share are taken whole; the others get
//   floor(left/open) each, and the units left go one each to the earliest of them in stratum order.
// Within a stratum the members are drawn by a seeded Fisher–Yates over the newest-first order,
// strata in stratum order from one stream. Must never look at anything but the summaries given.
import { metaTermValue } from './filters';
import { selectionStream, shuffleFront } from './random';
import type { StratifyMode, StratifyOptions, TraceSummary } from './types';

export interface Stratum {
  /** The meta value, or null for traces without the key. */
  value: string | null;
  /** Positions in the list being stratified, ascending. */
  members: number[];
}

/** The strata of `summaries` by `key`, in stratum order. */
export function groupIntoStrata(summaries: readonly TraceSummary[], key: string): Stratum[] {
  const byValue = new Map<string | null, number[]>();
  summaries.forEach((summary, position) => {
    const value = metaTermValue(summary.meta_terms, key) ?? null;
    let members = byValue.get(value);
    if (!members) byValue.set(value, (members = []));
    members.push(position);
  });
  const values = [...byValue.keys()].sort(compareStratumValues);
  return values.map((value) => ({ value, members: byValue.get(value)! }));
}

function compareStratumValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Proportional quotas by the largest-remainder rule (see the header). */
export function proportionalQuotas(sizes: readonly number[], total: number): number[] {
  const population = sizes.reduce((sum, size) => sum + size, 0);
  const wanted = Math.min(total, population);
  if (wanted === population) return sizes.slice();
  const quotas = sizes.map((size) => Math.floor((wanted * size) / population));
  const remainders = sizes.map((size) => (wanted * size) % population);
  let left = wanted - quotas.reduce((sum, quota) => sum + quota, 0);
  const order = sizes.map((_, k) => k).sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (const k of order) {
    if (left === 0) break;
    quotas[k]! += 1;
    left -= 1;
  }
  return quotas;
}

/** Balanced quotas by water filling (see the header). */
export function balancedQuotas(sizes: readonly number[], total: number): number[] {
  const quotas = new Array<number>(sizes.length).fill(0);
  let left = Math.min(total, sizes.reduce((sum, size) => sum + size, 0));
  let open = sizes.length;
  const bySize = sizes.map((_, k) => k).sort((a, b) => sizes[a]! - sizes[b]! || a - b);
  let next = 0;
  while (next < bySize.length && sizes[bySize[next]!]! <= Math.floor(left / open)) {
    const k = bySize[next]!;
    quotas[k] = sizes[k]!;
    left -= sizes[k]!;
    open -= 1;
    next += 1;
  }
  if (open === 0) return quotas;
  const share = Math.floor(left / open);
  let extra = left - share * open;
  for (let k = 0; k < sizes.length; k++) {
    if (quotas[k] !== 0 || sizes[k] === 0) continue;
    quotas[k] = share + (extra > 0 ? 1 : 0);
    if (extra > 0) extra -= 1;
  }
  return quotas;
}

export function stratumQuotas(sizes: readonly number[], total: number, mode: StratifyMode): number[] {
  return mode === 'balanced' ? balancedQuotas(sizes, total) : proportionalQuotas(sizes, total);
}

/** Up to `limit` of `matched` (newest first), stratified; returned in newest-first order. */
export function selectStratified(
  matched: readonly TraceSummary[],
  limit: number,
  stratify: StratifyOptions,
  seed: number,
): TraceSummary[] {
  const strata = groupIntoStrata(matched, stratify.key);
  const quotas = stratumQuotas(
    strata.map((stratum) => stratum.members.length),
    limit,
    stratify.mode,
  );
  const random = selectionStream(seed);
  const chosen = new Uint8Array(matched.length);
  strata.forEach((stratum, k) => {
    const members = stratum.members;
    const taken = shuffleFront(members, quotas[k]!, random);
    for (let m = 0; m < taken; m++) chosen[members[m]!] = 1;
  });
  const selected: TraceSummary[] = [];
  for (let position = 0; position < matched.length; position++) if (chosen[position]) selected.push(matched[position]!);
  return selected;
}
