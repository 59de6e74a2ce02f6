// Statistics of a dataset from its trace summaries: counts, step-count and length summaries,
// histograms with FIXED bins (the same bars for every dataset, so two builds compare at a
// glance), and counts per category, source and result. Must never read trace text.
//
// Bins (lo inclusive, hi exclusive, the last one open):
//   step count:  0 | 1 | 2 | 3 | 4 | 5 | 6–7 | 8–9 | 10–14 | 15–19 | 20–29 | 30–49 | 50+
//   total chars: 0–99 | 100–199 | 200–499 | 500–999 | 1000–1999 | 2000–4999 | 5000–9999 |
//                10000–19999 | 20000–49999 | 50000–99999 | 100000+
import { metaTermValue, summarySource } from './filters';
import type { DatasetStats, HistogramBin, TraceSummary } from './types';

export const STEP_COUNT_BIN_EDGES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50];
export const TOTAL_CHARS_BIN_EDGES: readonly number[] = [0, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

/** Empty bins for `edges`: [edges[k], edges[k+1]) and a last open bin from the last edge. */
export function emptyBins(edges: readonly number[]): HistogramBin[] {
  return edges.map((lo, k) => {
    const next = edges[k + 1];
    if (next === undefined) return { label: `${lo}+`, lo, hi: null, count: 0 };
    return { label: next - lo === 1 ? `${lo}` : `${lo}–${next - 1}`, lo, hi: next, count: 0 };
  });
}

/** The bin `value` falls in (values below the first edge count in the first bin). */
export function binIndex(edges: readonly number[], value: number): number {
  let index = 0;
  while (index + 1 < edges.length && value >= edges[index + 1]!) index += 1;
  return index;
}

function countInto(counts: Record<string, number>, value: string | undefined): void {
  if (value !== undefined) counts[value] = (counts[value] ?? 0) + 1;
}

/** A copy with keys in sorted (UTF-16) order and no prototype (a value may be `__proto__`). */
function sortedCounts(counts: Record<string, number>): Record<string, number> {
  const sorted = Object.create(null) as Record<string, number>;
  for (const key of Object.keys(counts).sort()) sorted[key] = counts[key]!;
  return sorted;
}

export function computeStats(summaries: readonly TraceSummary[]): DatasetStats {
  const stepBins = emptyBins(STEP_COUNT_BIN_EDGES);
  const charBins = emptyBins(TOTAL_CHARS_BIN_EDGES);
  const byCategory = Object.create(null) as Record<string, number>;
  const bySource = Object.create(null) as Record<string, number>;
  const byResult = Object.create(null) as Record<string, number>;
  let stepSum = 0;
  let charSum = 0;
  let minSteps = Number.POSITIVE_INFINITY;
  let maxSteps = Number.NEGATIVE_INFINITY;
  for (const summary of summaries) {
    const steps = summary.step_count;
    stepSum += steps;
    charSum += summary.total_chars;
    if (steps < minSteps) minSteps = steps;
    if (steps > maxSteps) maxSteps = steps;
    stepBins[binIndex(STEP_COUNT_BIN_EDGES, steps)]!.count += 1;
    charBins[binIndex(TOTAL_CHARS_BIN_EDGES, summary.total_chars)]!.count += 1;
    countInto(byCategory, metaTermValue(summary.meta_terms, 'category'));
    countInto(bySource, summarySource(summary));
    countInto(byResult, metaTermValue(summary.meta_terms, 'result'));
  }
  const count = summaries.length;
  return {
    trace_count: count,
    avg_step_count: count > 0 ? stepSum / count : null,
    min_step_count: count > 0 ? minSteps : null,
    max_step_count: count > 0 ? maxSteps : null,
    avg_total_chars: count > 0 ? charSum / count : null,
    step_count_histogram: stepBins,
    total_chars_histogram: charBins,
    by_category: sortedCounts(byCategory),
    by_source: sortedCounts(bySource),
    by_result: sortedCounts(byResult),
  };
}
