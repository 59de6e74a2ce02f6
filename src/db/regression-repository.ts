// Regression baselines: one evaluation per eval set (and judge) may be marked as the baseline;
// later evaluations of that set are checked against it with src/runs/regression.ts. Marking a
// new baseline unmarks the previous one in the same transaction.
import type { EvaluationRecord } from '../evaluate/records';
import { checkRegression, DEFAULT_REGRESSION_TOLERANCE } from '../runs/regression';
import type { RegressionVerdict } from '../runs/regression';
import { announceChange } from './changes';
import type { TunixDatabase } from './database';

export async function setRegressionBaseline(db: TunixDatabase, evaluationId: string): Promise<void> {
  await db.transaction('rw', db.evaluations, async () => {
    const evaluation = await db.evaluations.get(evaluationId);
    if (!evaluation) throw new Error('this evaluation no longer exists');
    if (evaluation.status !== 'completed' || evaluation.scorecard === null) throw new Error('only a completed evaluation can be a baseline');
    const previous = await db.evaluations.where('evalset_id').equals(evaluation.evalset_id).filter((e) => e.baseline === true && e.judge === evaluation.judge).toArray();
    for (const other of previous) await db.evaluations.update(other.id, { baseline: false });
    await db.evaluations.update(evaluationId, { baseline: true });
  });
  announceChange('evaluations');
}

export async function clearRegressionBaseline(db: TunixDatabase, evaluationId: string): Promise<void> {
  await db.evaluations.update(evaluationId, { baseline: false });
  announceChange('evaluations');
}

/** The baseline of an eval set under a judge, if one is marked. */
export async function regressionBaseline(db: TunixDatabase, evalsetId: string, judge: EvaluationRecord['judge']): Promise<EvaluationRecord | undefined> {
  return db.evaluations.where('evalset_id').equals(evalsetId).filter((e) => e.baseline === true && e.judge === judge).first();
}

/**
 * The verdict for an evaluation made after its set's baseline (null: no baseline, this is the
 * baseline, it was made before the baseline, or either has no scorecard).
 */
export function regressionVerdict(evaluation: EvaluationRecord, baseline: EvaluationRecord | undefined, tolerance = DEFAULT_REGRESSION_TOLERANCE): RegressionVerdict | null {
  if (!baseline || baseline.id === evaluation.id || evaluation.created_at < baseline.created_at) return null;
  if (!baseline.scorecard || !evaluation.scorecard || evaluation.status !== 'completed') return null;
  return checkRegression(baseline.scorecard, evaluation.scorecard, tolerance);
}
