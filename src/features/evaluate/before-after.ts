// The one-click "train, then evaluate before and after": when a run completes, its untrained
// start and its final checkpoint are evaluated on the chosen eval set (greedy, normalized judge),
// one after the other through the evaluation queue, and the delta report opens.
import { signal } from '@preact/signals';
import { navigate } from '../../app/router';
import { appDatabase } from '../../db/database';
import { latestCheckpoint } from '../../db/runs-repository';
import { DEFAULT_JUDGE } from '../../evaluate/judges';
import { automaticGeneration } from '../../evaluate/runner';
import type { RunManifest } from '../../runs/types';
import { evalSetChoice } from '../sweeps/sweep-evaluation';
import { startEvaluations } from './eval-queue';

/** The eval set the Train screen evaluates before and after on when a run completes ('' for none). */
export const evaluateAfterTraining = signal<string>('');

/** Evaluates `run`'s untrained start and final checkpoint on `evalsetId`, then opens the delta report. */
export async function evaluateBeforeAndAfter(run: RunManifest, evalsetId: string): Promise<string | null> {
  const [checkpoint, evalset] = await Promise.all([latestCheckpoint(appDatabase(), run.run_id), evalSetChoice(evalsetId)]);
  if (!checkpoint) return `run ${run.name} has no checkpoint to evaluate`;
  if (!evalset) return `eval set ${evalsetId} no longer exists`;
  const shared = {
    evalset, judge: DEFAULT_JUDGE, backend: run.backend_actual ?? 'auto',
    generation: automaticGeneration(run.model_config.context, run.train_config.seed),
  } as const;
  const ended = await startEvaluations([
    { ...shared, model: { kind: 'untrained', run_id: run.run_id }, model_label: `${run.name} · untrained start` },
    { ...shared, model: { kind: 'run', run_id: run.run_id, step: checkpoint.step }, model_label: `${run.name} · step ${checkpoint.step}` },
  ]);
  if (ended === null) return 'other evaluations are running: evaluate before and after from the Evaluate screen when they end';
  const [before, after] = ended;
  if (before?.status !== 'completed' || after?.status !== 'completed') return `the evaluations ended ${before?.status ?? '?'} and ${after?.status ?? '?'}`;
  navigate({ name: 'evaluation_compare', before: before.id, after: after.id });
  return null;
}
