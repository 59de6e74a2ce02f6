// The in-memory trace index on its own: rows in page order, AND of meta terms, ranges, sorts,
// removals and duplicate hashes, and a page added twice counted once.
import { describe, expect, it } from 'vitest';
import { TraceIndex, type TracePageSummary } from '../../../src/db/trace-index';

function page(id: string, first: number, count: number): TracePageSummary {
  const rows = Array.from({ length: count }, (_, k) => first + k);
  return {
    id,
    ids: rows.map((n) => `t${n}`),
    created_at: rows.map((n) => `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`),
    content_hash: rows.map((n) => `h${n % 7}`),
    step_count: rows.map((n) => 1 + (n % 4)),
    total_chars: rows.map((n) => 100 * n),
    baseline_score: rows.map((n) => (n * 13) % 100),
    meta_terms: rows.map((n) => [`parity=${n % 2 ? 'odd' : 'even'}`, `third=${n % 3}`]),
  };
}

describe('TraceIndex', () => {
  const index = TraceIndex.fromSummaries([page('p1', 0, 10), page('p2', 10, 10)]);

  it('keeps creation order and ANDs meta terms', () => {
    expect(index.query({ metaTerms: [], text: '', ranges: {} }, 'created_desc')[0]).toBe('t19');
    expect(index.query({ metaTerms: ['parity=even', 'third=0'], text: '', ranges: {} }, 'created_asc')).toEqual(['t0', 't6', 't12', 't18']);
  });

  it('sorts by steps with ties in creation order, and filters by ranges', () => {
    const bySteps = index.query({ metaTerms: [], text: '', ranges: { step_count: { min: 4, max: 4, includeMax: true } } }, 'steps_asc');
    expect(bySteps).toEqual(['t3', 't7', 't11', 't15', 't19']);
  });

  it('counts a page added twice once, and forgets removed rows and their hashes', () => {
    const fresh = TraceIndex.fromSummaries([page('p1', 0, 10)]);
    fresh.addPage(page('p1', 0, 10));
    expect(fresh.count).toBe(10);
    expect(fresh.hasHash('h0')).toBe(true);
    expect(fresh.remove(['t0', 't7', 'missing'])).toBe(2);
    expect(fresh.hasHash('h0')).toBe(false);
    expect(fresh.count).toBe(8);
    expect(fresh.histogram('step_count', null).reduce((sum, bar) => sum + bar.count, 0)).toBe(8);
  });
});
