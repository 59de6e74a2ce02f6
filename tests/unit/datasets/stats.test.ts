import { describe, expect, it } from 'vitest';
import { binIndex, computeStats, emptyBins, STEP_COUNT_BIN_EDGES, TOTAL_CHARS_BIN_EDGES } from '../../../src/datasets/stats';
import type { TraceSummary } from '../../../src/datasets/types';

function summary(id: string, step_count: number, total_chars: number, meta_terms: string[], source?: string): TraceSummary {
  return { id, created_at: '2026-01-01T00:00:00.000Z', step_count, total_chars, baseline_score: 0, meta_terms, ...(source ? { source } : {}) };
}

const SUMMARIES = [
  summary('a', 0, 99, ['category=x', 'source=s1']),
  summary('b', 7, 100, ['category=y', 'result=win'], 'upload'),
  summary('c', 50, 100_000, ['category=x', 'result=win']),
  summary('d', 5, 1_999, []),
];

function nonZero(bins: { label: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(bins.filter((bin) => bin.count > 0).map((bin) => [bin.label, bin.count]));
}

describe('computeStats', () => {
  it('summarizes counts, step counts and lengths', () => {
    const stats = computeStats(SUMMARIES);
    expect(stats).toMatchObject({
      trace_count: 4,
      avg_step_count: 15.5,
      min_step_count: 0,
      max_step_count: 50,
      avg_total_chars: 25_549.5,
    });
  });

  it('fills the fixed histogram bins, edges going to the upper bin', () => {
    const stats = computeStats(SUMMARIES);
    expect(nonZero(stats.step_count_histogram)).toEqual({ '0': 1, '5': 1, '6–7': 1, '50+': 1 });
    expect(nonZero(stats.total_chars_histogram)).toEqual({ '0–99': 1, '100–199': 1, '1000–1999': 1, '100000+': 1 });
    expect(stats.step_count_histogram).toHaveLength(STEP_COUNT_BIN_EDGES.length);
  });

  it('counts category, source (field first, then term) and result, keys sorted', () => {
    const stats = computeStats([...SUMMARIES, summary('e', 1, 1, ['category=a', 'category=b'])]);
    expect(Object.entries(stats.by_category)).toEqual([['a', 1], ['x', 2], ['y', 1]]);
    expect(Object.entries(stats.by_source)).toEqual([['s1', 1], ['upload', 1]]);
    expect(Object.entries(stats.by_result)).toEqual([['win', 2]]);
  });

  it('keeps the bins and uses null for the averages of an empty dataset', () => {
    const stats = computeStats([]);
    expect(stats).toMatchObject({ trace_count: 0, avg_step_count: null, min_step_count: null, max_step_count: null, avg_total_chars: null });
    expect(stats.total_chars_histogram.map((bin) => bin.count)).toEqual(new Array(TOTAL_CHARS_BIN_EDGES.length).fill(0));
  });
});

describe('bins', () => {
  it('labels and bounds the documented bins', () => {
    expect(emptyBins(STEP_COUNT_BIN_EDGES).map((bin) => bin.label)).toEqual([
      '0', '1', '2', '3', '4', '5', '6–7', '8–9', '10–14', '15–19', '20–29', '30–49', '50+',
    ]);
    expect(emptyBins(TOTAL_CHARS_BIN_EDGES).map((bin) => bin.label)).toEqual([
      '0–99', '100–199', '200–499', '500–999', '1000–1999', '2000–4999', '5000–9999', '10000–19999', '20000–49999', '50000–99999', '100000+',
    ]);
    expect(emptyBins([0, 10])).toEqual([
      { label: '0–9', lo: 0, hi: 10, count: 0 },
      { label: '10+', lo: 10, hi: null, count: 0 },
    ]);
  });

  it('finds the bin of a value', () => {
    expect([-1, 0, 9, 10, 1e9].map((value) => binIndex([0, 10, 20], value))).toEqual([0, 0, 0, 1, 2]);
  });
});
