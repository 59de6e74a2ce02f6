// Which traces a dataset filter keeps, decided from a TraceSummary alone (no text), so a build
// over 100,000 traces never loads a trace body. Must never reorder or select (select.ts does).
import type { StoredTrace } from '../traces/types';
import type { DatasetFilters, TraceSummary } from './types';

/** The value of the first `key=value` term for `key`, or undefined. */
export function metaTermValue(terms: readonly string[], key: string): string | undefined {
  const prefix = `${key}=`;
  for (const term of terms) if (term.startsWith(prefix)) return term.slice(prefix.length);
  return undefined;
}

/** The summary's source, else its `source=` meta term. */
export function summarySource(summary: TraceSummary): string | undefined {
  return summary.source ?? metaTermValue(summary.meta_terms, 'source');
}

/** The summary of a stored trace (what a repository would read from its indexes). */
export function summarizeTrace(trace: StoredTrace): TraceSummary {
  const summary: TraceSummary = {
    id: trace.id,
    created_at: trace.created_at,
    step_count: trace.step_count,
    total_chars: trace.total_chars,
    baseline_score: trace.baseline_score,
    meta_terms: trace.meta_terms,
  };
  const source = trace.meta?.['source'];
  if (typeof source === 'string') summary.source = source;
  return summary;
}

export type TracePredicate = (summary: TraceSummary) => boolean;

function instant(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** The filter as one predicate, with its bounds parsed once. Unparseable times are ignored (validate first). */
export function compileFilters(filters: DatasetFilters): TracePredicate {
  const terms = filters.meta;
  const source = filters.source;
  const from = instant(filters.created?.from);
  const to = instant(filters.created?.to);
  const minSteps = filters.step_count?.min;
  const maxSteps = filters.step_count?.max;
  const minScore = filters.min_baseline_score;
  return (summary) => {
    if (minSteps !== undefined && summary.step_count < minSteps) return false;
    if (maxSteps !== undefined && summary.step_count > maxSteps) return false;
    if (minScore !== undefined && summary.baseline_score < minScore) return false;
    for (const term of terms) if (!summary.meta_terms.includes(term)) return false;
    if (source !== undefined && summarySource(summary) !== source) return false;
    if (from !== null || to !== null) {
      const created = Date.parse(summary.created_at);
      if (from !== null && !(created >= from)) return false;
      if (to !== null && !(created <= to)) return false;
    }
    return true;
  };
}

export function matchesFilters(summary: TraceSummary, filters: DatasetFilters): boolean {
  return compileFilters(filters)(summary);
}

/** How many of `summaries` the filter keeps (the build form's live count). */
export function countMatching(summaries: readonly TraceSummary[], filters: DatasetFilters): number {
  const keep = compileFilters(filters);
  let count = 0;
  for (const summary of summaries) if (keep(summary)) count += 1;
  return count;
}
