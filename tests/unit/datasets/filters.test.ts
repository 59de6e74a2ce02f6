import { describe, expect, it } from 'vitest';
import { countMatching, matchesFilters, metaTermValue, summarizeTrace, summarySource } from '../../../src/datasets/filters';
import type { TraceSummary } from '../../../src/datasets/types';
import { ADDITION } from '../export/fixtures';
import { newestFirst } from './summaries';

const SUMMARY: TraceSummary = {
  id: 'a',
  created_at: '2026-01-15T12:00:00.000Z',
  step_count: 4,
  total_chars: 300,
  baseline_score: 62.5,
  meta_terms: ['source=ungar', 'result=win', 'note=a=b'],
};

describe('metaTermValue', () => {
  it('reads the value after the first = of the key term, and only of that key', () => {
    expect(metaTermValue(SUMMARY.meta_terms, 'result')).toBe('win');
    expect(metaTermValue(SUMMARY.meta_terms, 'note')).toBe('a=b');
    expect(metaTermValue(SUMMARY.meta_terms, 'res')).toBeUndefined();
  });
});

describe('matchesFilters', () => {
  it('keeps everything when no condition is given', () => {
    expect(matchesFilters(SUMMARY, { meta: [] })).toBe(true);
  });

  it('requires every meta term (AND)', () => {
    expect(matchesFilters(SUMMARY, { meta: ['source=ungar', 'result=win'] })).toBe(true);
    expect(matchesFilters(SUMMARY, { meta: ['source=ungar', 'result=loss'] })).toBe(false);
    expect(matchesFilters(SUMMARY, { meta: ['result'] })).toBe(false);
  });

  it('matches the source field first, else the source term', () => {
    expect(matchesFilters(SUMMARY, { meta: [], source: 'ungar' })).toBe(true);
    expect(matchesFilters({ ...SUMMARY, source: 'upload' }, { meta: [], source: 'ungar' })).toBe(false);
    expect(matchesFilters({ ...SUMMARY, meta_terms: [] }, { meta: [], source: 'ungar' })).toBe(false);
  });

  it('includes both ends of the created, step-count and score ranges', () => {
    const created = (from?: string, to?: string) => matchesFilters(SUMMARY, { meta: [], created: { from, to } });
    expect(created('2026-01-15T12:00:00.000Z', '2026-01-15T12:00:00.000Z')).toBe(true);
    expect(created('2026-01-15T12:00:00.001Z')).toBe(false);
    expect(created(undefined, '2026-01-15T11:59:59.999Z')).toBe(false);
    expect(created('2026-01-15T13:00:00+01:00')).toBe(true);
    const steps = (min?: number, max?: number) => matchesFilters(SUMMARY, { meta: [], step_count: { min, max } });
    expect([steps(4, 4), steps(5), steps(undefined, 3), steps(0, 10)]).toEqual([true, false, false, true]);
    expect(matchesFilters(SUMMARY, { meta: [], min_baseline_score: 62.5 })).toBe(true);
    expect(matchesFilters(SUMMARY, { meta: [], min_baseline_score: 62.6 })).toBe(false);
  });
});

describe('countMatching', () => {
  it('counts what matchesFilters keeps', () => {
    const summaries = newestFirst(1_000);
    const filters = { meta: ['category=reasoning'], step_count: { min: 3 } };
    expect(countMatching(summaries, filters)).toBe(summaries.filter((summary) => matchesFilters(summary, filters)).length);
    // reasoning is n % 10 < 6; step_count is n % 12 >= 3: 1,000 traces, counted by the pattern of n mod 60.
    let expected = 0;
    for (let n = 0; n < 1_000; n++) if (n % 10 < 6 && n % 12 >= 3) expected += 1;
    expect(countMatching(summaries, filters)).toBe(expected);
  });
});

describe('summarizeTrace', () => {
  it('copies the indexed fields and takes the source from meta', () => {
    const summary = summarizeTrace({ ...ADDITION, meta_terms: ['source=reasoning_corpus'] });
    expect(summary).toEqual({
      id: ADDITION.id,
      created_at: ADDITION.created_at,
      step_count: 2,
      total_chars: 0,
      baseline_score: 50,
      meta_terms: ['source=reasoning_corpus'],
      source: 'reasoning_corpus',
    });
    expect(summarySource(summarizeTrace({ ...ADDITION, meta: null }))).toBeUndefined();
  });
});
