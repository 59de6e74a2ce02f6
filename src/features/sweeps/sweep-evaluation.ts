// A sweep trial's eval-score objective: evaluates the trial run's newest checkpoint on the
// sweep's eval set (greedy, normalized judge) through the eval worker, and returns the primary
// score (null when the evaluation did not complete).
import { appDatabase } from '../../db/database';
import { getEvalSet } from '../../db/evalsets-repository';
import { getEvaluation } from '../../db/evaluations-repository';
import { getRun, latestCheckpoint } from '../../db/runs-repository';
import { DEFAULT_JUDGE } from '../../evaluate/judges';
import { automaticGeneration } from '../../evaluate/runner';
import type { SweepSpec } from '../../runs/sweep';
import { runEvaluationInWorker } from '../evaluate/eval-client';
import type { EvalSetChoice } from '../evaluate/eval-client';
import { bundledEvalSets } from '../evalsets/bundled-evalsets';

/** A bundled set by name or an imported one by id. */
export async function evalSetChoice(id: string): Promise<EvalSetChoice | null> {
  const bundled = bundledEvalSets().find((set) => set.name === id);
  if (bundled) return { id: bundled.name, name: bundled.name, sha256: bundled.sha256, items: bundled.items };
  const stored = await getEvalSet(appDatabase(), id);
  return stored ? { id: stored.id, name: stored.name, sha256: stored.sha256, items: stored.items } : null;
}

export async function evaluateRunForSweep(runId: string, spec: SweepSpec): Promise<number | null> {
  if (spec.evalset_id === null) return null;
  const db = appDatabase();
  const [run, checkpoint, evalset] = await Promise.all([getRun(db, runId), latestCheckpoint(db, runId), evalSetChoice(spec.evalset_id)]);
  if (!run || !checkpoint) return null;
  if (!evalset) throw new Error(`the sweep's eval set ${spec.evalset_id} no longer exists`);
  const end = await runEvaluationInWorker(new AbortController().signal, {
    model: { kind: 'run', run_id: runId, step: checkpoint.step },
    model_label: `${run.name} @ step ${checkpoint.step}`,
    evalset,
    judge: DEFAULT_JUDGE,
    generation: automaticGeneration(run.model_config.context, spec.seed),
    backend: run.backend_actual ?? 'auto',
  }, () => undefined);
  if (end.status !== 'completed') return null;
  return (await getEvaluation(db, end.id))?.scorecard?.primary_score ?? null;
}
