import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { filterCandidates, inNewestFirstOrder, selectTraces } from '../../../src/datasets/select';
import type { DatasetBuildRequest } from '../../../src/datasets/types';
import { newestFirst, summaryNumber } from './summaries';

const BASE: DatasetBuildRequest = { name: 'd', version: 'v1', filters: { meta: [] }, selection_strategy: 'latest', limit: 5 };
const STRATEGIES: DatasetBuildRequest[] = [
  BASE,
  { ...BASE, selection_strategy: 'all', limit: null },
  { ...BASE, selection_strategy: 'random', seed: 42, limit: 300 },
  { ...BASE, selection_strategy: 'stratified', seed: 42, limit: 300, stratify: { key: 'category', mode: 'proportional' } },
  { ...BASE, selection_strategy: 'stratified', seed: 42, limit: 300, stratify: { key: 'result', mode: 'balanced' } },
];

function shuffled<T>(items: readonly T[], seed: string): T[] {
  const random = seedrandom(seed);
  const copy = items.slice();
  for (let k = copy.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [copy[k], copy[j]] = [copy[j]!, copy[k]!];
  }
  return copy;
}

describe('selectTraces', () => {
  it('latest takes the newest matches first', () => {
    expect(selectTraces(newestFirst(100), BASE)).toEqual([99, 98, 97, 96, 95].map((n) => summaryNumber(n).id));
  });

  it('all takes every match oldest first, capped by a limit when one is given', () => {
    const filters = { meta: ['category=golden'] };
    expect(selectTraces(newestFirst(50), { ...BASE, selection_strategy: 'all', limit: null, filters })).toEqual(
      [9, 19, 29, 39, 49].map((n) => summaryNumber(n).id),
    );
    expect(selectTraces(newestFirst(50), { ...BASE, selection_strategy: 'all', limit: 2, filters })).toEqual(
      [9, 19].map((n) => summaryNumber(n).id),
    );
  });

  it('random draws distinct matches, and the draw depends on the seed', () => {
    const candidates = newestFirst(1_000);
    const request: DatasetBuildRequest = { ...BASE, selection_strategy: 'random', seed: 1, limit: 200, filters: { meta: ['source=ungar'] } };
    const ids = selectTraces(candidates, request);
    expect(ids).toHaveLength(200);
    expect(new Set(ids).size).toBe(200);
    const allowed = new Set(candidates.filter((summary) => summary.meta_terms.includes('source=ungar')).map((summary) => summary.id));
    for (const id of ids) expect(allowed.has(id)).toBe(true);
    expect(selectTraces(candidates, { ...request, seed: 2 })).not.toEqual(ids);
  });

  it('takes every match when the limit is above the count, for every strategy', () => {
    const candidates = newestFirst(40);
    for (const request of STRATEGIES) {
      const ids = selectTraces(candidates, { ...request, limit: 1_000, filters: { meta: ['category=synthetic'] } });
      expect(new Set(ids)).toEqual(new Set(filterCandidates(candidates, { meta: ['category=synthetic'] }).map((s) => s.id)));
    }
  });

  it.each(STRATEGIES.map((request) => [request.selection_strategy + (request.stratify ? `/${request.stratify.mode}` : ''), request] as const))(
    '%s: same candidates, request and seed give the same ids, whatever order the candidates come in',
    (_, request) => {
      const candidates = newestFirst(2_000);
      const first = selectTraces(candidates, request);
      expect(first.length).toBeGreaterThan(0);
      expect(selectTraces(newestFirst(2_000), structuredClone(request))).toEqual(first);
      expect(selectTraces(shuffled(candidates, 'order'), request)).toEqual(first);
    },
  );

  it('applies the filters itself, so a pre-narrowed candidate list gives the same ids', () => {
    const candidates = newestFirst(3_000);
    const request: DatasetBuildRequest = {
      ...BASE,
      selection_strategy: 'stratified',
      seed: 9,
      limit: 200,
      stratify: { key: 'difficulty', mode: 'balanced' },
      filters: { meta: ['category=reasoning'], step_count: { min: 2, max: 9 }, min_baseline_score: 10 },
    };
    const narrowed = candidates.filter((summary) => summary.meta_terms.includes('category=reasoning'));
    expect(selectTraces(narrowed, request)).toEqual(selectTraces(candidates, request));
  });
});

describe('inNewestFirstOrder', () => {
  it('returns the same list when it is already newest first, else a sorted copy', () => {
    const candidates = newestFirst(10);
    expect(inNewestFirstOrder(candidates)).toBe(candidates);
    const reversed = candidates.slice().reverse();
    expect(inNewestFirstOrder(reversed)).toEqual(candidates);
    expect(reversed[0]).toEqual(summaryNumber(0));
  });
});
