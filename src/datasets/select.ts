// Which traces go into a dataset, and in what order, from summaries alone:
// - latest: the newest matches first;
// - all: every match in creation order (oldest first), the first `limit` when a limit is given;
// - random: a seeded Fisher–Yates over the matches in newest-first order, ids in draw order;
// - stratified: see stratify.ts; ids in newest-first order.
// Same candidates + same request (+ same seed) → the same ids in the same order. Must never
// read the store or the clock.
import { compileFilters } from './filters';
import { selectionStream, shuffleFront } from './random';
import { selectStratified } from './stratify';
import type { DatasetBuildRequest, DatasetFilters, TraceSummary } from './types';

/** `summaries` newest first (descending id), copying and sorting only when they are not already. */
export function inNewestFirstOrder(summaries: readonly TraceSummary[]): readonly TraceSummary[] {
  for (let k = 1; k < summaries.length; k++) {
    if (summaries[k - 1]!.id < summaries[k]!.id) {
      return summaries.slice().sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    }
  }
  return summaries;
}

/** The candidates the filters keep, newest first. */
export function filterCandidates(candidates: readonly TraceSummary[], filters: DatasetFilters): TraceSummary[] {
  const keep = compileFilters(filters);
  return inNewestFirstOrder(candidates).filter(keep);
}

/** The selection from matches already filtered and in newest-first order. Assumes a valid request. */
export function selectFromMatches(matched: readonly TraceSummary[], request: DatasetBuildRequest): TraceSummary[] {
  const count = Math.min(request.limit ?? matched.length, matched.length);
  switch (request.selection_strategy) {
    case 'latest':
      return matched.slice(0, count);
    case 'all': {
      const chosen: TraceSummary[] = [];
      for (let k = matched.length - 1; chosen.length < count; k--) chosen.push(matched[k]!);
      return chosen;
    }
    case 'random': {
      const chosen = matched.slice();
      shuffleFront(chosen, count, selectionStream(request.seed ?? 0));
      chosen.length = count;
      return chosen;
    }
    case 'stratified':
      if (!request.stratify) throw new TypeError('stratified selection without stratify options');
      return selectStratified(matched, count, request.stratify, request.seed ?? 0);
  }
}

/**
 * The ids a build of `request` takes from `candidates` (any order; filtered here, so the whole
 * store or an index-narrowed subset give the same answer). Assumes validateBuildRequest passed.
 */
export function selectTraces(candidates: readonly TraceSummary[], request: DatasetBuildRequest): string[] {
  return selectFromMatches(filterCandidates(candidates, request.filters), request).map((summary) => summary.id);
}
