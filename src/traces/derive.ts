// Turns a validated trace into the record the store keeps: the trace plus its id, time, hash and
// the fields derived from it for indexes (step count, length, baseline score, meta terms).
// Must never validate (validate.ts has done that), hash (canonical.ts) or touch storage.
import { baselineScore } from './score';
import type { ReasoningTrace, StoredTrace, TraceMeta } from './types';

/** Terms longer than this are not indexed (a filter on such a value would not be useful). */
export const MAX_META_TERM_CHARS = 200;

/** The index term for one primitive meta value: `key=value`; filters build terms with it too. */
export function metaTerm(key: string, value: string | number | boolean): string {
  return `${key}=${String(value)}`;
}

/** Sorted, unique `key=value` terms for the top-level primitive values of meta. */
export function metaTerms(meta: TraceMeta | null | undefined): string[] {
  if (!meta) return [];
  const terms: string[] = [];
  for (const key in meta) {
    if (!Object.hasOwn(meta, key)) continue;
    const value = meta[key];
    const primitive =
      typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!primitive) continue;
    const term = metaTerm(key, value);
    if (term.length <= MAX_META_TERM_CHARS) terms.push(term);
  }
  terms.sort();
  // Two keys can give one term (`a` = "b=c" and `a=b` = "c"): keep it once.
  let kept = 0;
  for (let k = 0; k < terms.length; k++) if (k === 0 || terms[k] !== terms[kept - 1]) terms[kept++] = terms[k]!;
  terms.length = kept;
  return terms;
}

/** prompt + every step's content + final_answer, in UTF-16 code units. */
export function totalChars(trace: ReasoningTrace): number {
  let chars = trace.prompt.length + trace.final_answer.length;
  for (const step of trace.steps) chars += step.content.length;
  return chars;
}

export function toStoredTrace(
  trace: ReasoningTrace,
  ids: { id: string; created_at: string; content_hash: string },
): StoredTrace {
  const stored: StoredTrace = {
    id: ids.id,
    created_at: ids.created_at,
    content_hash: ids.content_hash,
    trace_version: trace.trace_version,
    prompt: trace.prompt,
    steps: trace.steps,
    final_answer: trace.final_answer,
    baseline_score: baselineScore(trace),
    step_count: trace.steps.length,
    total_chars: totalChars(trace),
    meta_terms: metaTerms(trace.meta),
  };
  if (trace.meta !== undefined) stored.meta = trace.meta;
  return stored;
}
