// Small statistics for scorecards and delta reports: mean, sample standard deviation, Wilson
// score intervals for accuracies, Newcombe's hybrid score interval for a difference of
// accuracies, and normal-approximation intervals for mean scores.
// Must never know about eval items, judges or storage: numbers in, numbers out.

/** The two-sided 95% normal quantile, Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

export type Interval = [number, number];

/** Arithmetic mean, or null for no values. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Sample standard deviation (n − 1 in the denominator); 0 for one value, null for none. */
export function sampleStddev(values: readonly number[]): number | null {
  const average = mean(values);
  if (average === null) return null;
  if (values.length === 1) return 0;
  let squares = 0;
  for (const value of values) squares += (value - average) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Wilson score interval for `successes` out of `trials` (Wilson 1927). With no trials the
 * proportion is unknown and the interval is the whole [0, 1].
 */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): Interval {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || successes > trials) {
    throw new RangeError(`wilsonInterval needs integers 0 <= successes <= trials, got ${successes}/${trials}`);
  }
  if (trials === 0) return [0, 1];
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At 0 and at n successes the bound is exactly 0 or 1; rounding would give 0.9999999999999999.
  const low = successes === 0 ? 0 : clamp(centre - halfWidth, 0, 1);
  const high = successes === trials ? 1 : clamp(centre + halfWidth, 0, 1);
  return [low, high];
}

/**
 * Interval for the difference p_after − p_before of two accuracies, by Newcombe's hybrid score
 * method (Newcombe 1998, method 10) from the two Wilson intervals. It treats the two runs as
 * independent samples; on the same eval set the runs are positively correlated, which makes this
 * interval wider (more cautious) than a paired one.
 */
export function newcombeDifferenceInterval(
  beforeSuccesses: number,
  beforeTrials: number,
  afterSuccesses: number,
  afterTrials: number,
  z: number = Z_95,
): Interval {
  const pBefore = beforeTrials === 0 ? 0 : beforeSuccesses / beforeTrials;
  const pAfter = afterTrials === 0 ? 0 : afterSuccesses / afterTrials;
  const [beforeLow, beforeHigh] = wilsonInterval(beforeSuccesses, beforeTrials, z);
  const [afterLow, afterHigh] = wilsonInterval(afterSuccesses, afterTrials, z);
  const difference = pAfter - pBefore;
  const lower = difference - Math.sqrt((pAfter - afterLow) ** 2 + (beforeHigh - pBefore) ** 2);
  const upper = difference + Math.sqrt((afterHigh - pAfter) ** 2 + (pBefore - beforeLow) ** 2);
  return [clamp(lower, -1, 1), clamp(upper, -1, 1)];
}

/**
 * Normal-approximation interval for the mean of scores in [0, 1] (mean ± z·s/√n, clamped), used
 * for score judges where Wilson does not apply. Null for no values.
 */
export function meanInterval(values: readonly number[], z: number = Z_95): Interval | null {
  const average = mean(values);
  const stddev = sampleStddev(values);
  if (average === null || stddev === null) return null;
  const halfWidth = (z * stddev) / Math.sqrt(values.length);
  return [clamp(average - halfWidth, 0, 1), clamp(average + halfWidth, 0, 1)];
}

/** Normal-approximation interval for mean(after) − mean(before), Welch-style variances. */
export function meanDifferenceInterval(
  before: readonly number[],
  after: readonly number[],
  z: number = Z_95,
): Interval | null {
  const beforeMean = mean(before);
  const afterMean = mean(after);
  const beforeStddev = sampleStddev(before);
  const afterStddev = sampleStddev(after);
  if (beforeMean === null || afterMean === null || beforeStddev === null || afterStddev === null) {
    return null;
  }
  const standardError = Math.sqrt(beforeStddev ** 2 / before.length + afterStddev ** 2 / after.length);
  const difference = afterMean - beforeMean;
  return [clamp(difference - z * standardError, -1, 1), clamp(difference + z * standardError, -1, 1)];
}

/** Whether two closed intervals share at least one point. */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}
