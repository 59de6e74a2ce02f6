// Trace summaries for the dataset tests: ids that sort in creation order (like UUID v7), three
// categories in uneven shares, two sources, a result key on some, and varied sizes and times.
import type { TraceSummary } from '../../../src/datasets/types';

export const CATEGORIES = ['golden', 'reasoning', 'synthetic'] as const;

/** The summary of the n-th stored trace (n from 0, oldest first). */
export function summaryNumber(n: number): TraceSummary {
  // reasoning 60 %, synthetic 30 %, golden 10 %.
  const slot = n % 10;
  const category = slot < 6 ? 'reasoning' : slot < 9 ? 'synthetic' : 'golden';
  const source = n % 4 === 0 ? 'ungar' : 'reasoning_corpus';
  const terms = [`source=${source}`, `category=${category}`, `difficulty=${(n % 3) + 1}`];
  if (source === 'ungar') terms.push(`result=${['win', 'loss', 'tie'][n % 3]}`);
  return {
    id: `0190${n.toString(16).padStart(8, '0')}`,
    created_at: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(),
    step_count: n % 12,
    total_chars: 50 + ((n * 37) % 3000),
    baseline_score: n % 101,
    meta_terms: terms,
  };
}

/** `count` summaries, newest first, as a repository would list them. */
export function newestFirst(count: number): TraceSummary[] {
  const summaries: TraceSummary[] = [];
  for (let n = count - 1; n >= 0; n--) summaries.push(summaryNumber(n));
  return summaries;
}
