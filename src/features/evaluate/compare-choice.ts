// Which two evaluations the list may compare, and which is "before": the untrained start of a
// run against anything else, otherwise the older one. Pure: records in, a verdict out.
import type { EvaluationRecord } from '../../evaluate/records';

/** Why two evaluations cannot be compared, or null when they can. */
export function comparisonProblem(a: EvaluationRecord, b: EvaluationRecord): string | null {
  if (a.evalset_id !== b.evalset_id || a.evalset_sha256 !== b.evalset_sha256) return 'Both evaluations must use the same eval set.';
  if (a.judge !== b.judge) return 'Both evaluations must use the same judge.';
  if (a.status !== 'completed' || b.status !== 'completed') return 'Only completed evaluations can be compared.';
  return null;
}

/** [before, after] of two evaluations. */
export function beforeAndAfter(a: EvaluationRecord, b: EvaluationRecord): [EvaluationRecord, EvaluationRecord] {
  const startFirst = (e: EvaluationRecord) => (e.model.kind === 'untrained' ? 0 : 1);
  const order = startFirst(a) - startFirst(b) || a.created_at.localeCompare(b.created_at);
  return order <= 0 ? [a, b] : [b, a];
}
