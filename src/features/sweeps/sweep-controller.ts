// Drives sweeps in this tab: trials one after another, each a normal training run through the
// train bridge (so runs, metrics, checkpoints and resume work as for any run), early stopping of
// clearly worse trials (cancel at the step where the loss exceeds the best earlier trial's), the
// objective per trial (held-out loss from the run, or an evaluation's primary score), and the
// best trial at the end. The sweep's state is stored after every event, so a reload continues
// with the trial in progress or the next one. Only one tab drives sweeps (a Web Lock).
import { effect } from '@preact/signals';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { getRun, readMetrics, updateRun } from '../../db/runs-repository';
import { getSweep, runningSweeps, saveSweep } from '../../db/sweeps-repository';
import { isFinalStatus } from '../../db/runs-repository';
import { shouldStopEarly } from '../../runs/sweep';
import { failInvalidTrials, nextSweepAction, sweepFinished, trialEvaluated, trialStarted, trialTrained } from '../../runs/sweep-plan';
import type { SweepState } from '../../runs/sweep-plan';
import type { RunManifest } from '../../runs/types';
import { cancelRun, startTraining, trainingInTab } from '../train/train-client';
import { evaluateRunForSweep } from './sweep-evaluation';

const SWEEP_LOCK = 'tunix-rt-web:sweep';

/** Lowest loss any finished trial reached at each step: the early-stopping reference. */
async function bestLossAtStep(state: SweepState): Promise<Map<number, number>> {
  const best = new Map<number, number>();
  const db = appDatabase();
  for (const trial of state.trials) {
    if (trial.status !== 'completed' || trial.run_id === null) continue;
    for (const metric of await readMetrics(db, trial.run_id)) {
      const known = best.get(metric.step);
      if (known === undefined || metric.loss < known) best.set(metric.step, metric.loss);
    }
  }
  return best;
}

/**
 * Resolves with the run once `ready(run)` holds (it may be training in any tab); rejects when the
 * run is missing and `mayBeMissing` is false (a started run's record appears a moment later).
 */
function runWhen(runId: string, ready: (run: RunManifest) => boolean, mayBeMissing = false): Promise<RunManifest> {
  return new Promise((resolve, reject) => {
    let stop = () => {};
    const check = async () => {
      const run = await getRun(appDatabase(), runId);
      if (!run) {
        if (mayBeMissing) return;
        stop();
        reject(new Error(`run ${runId} was deleted`));
      } else if (ready(run)) {
        stop();
        resolve(run);
      }
    };
    stop = onDatabaseChange((table) => table === 'runs' && void check());
    void check();
  });
}

const finalRun = (runId: string) => runWhen(runId, (run) => isFinalStatus(run.status));

async function trainTrial(state: SweepState, index: number, config: SweepState['spec']['base_config']): Promise<SweepState> {
  const { spec, setup } = state;
  const started = await startTraining({
    name: `${spec.name} · trial ${index + 1}`,
    setup: { ...setup, train: config, dataset_key: spec.dataset_key },
  });
  if (!started.ok) throw new Error(started.error);
  const db = appDatabase();
  // The worker writes the run record after loading the dataset; a start failure settles `done` first.
  await Promise.race([runWhen(started.runId, () => true, true), started.done]);
  if (await getRun(db, started.runId)) await updateRun(db, started.runId, { sweep_id: state.id });
  let next = trialStarted(state, index, started.runId);
  await saveSweep(db, next);
  const reference = await bestLossAtStep(next);
  let stoppedEarly = false;
  const unwatch = effect(() => {
    const progress = trainingInTab.value?.progress;
    if (!progress || progress.run_id !== started.runId || progress.loss === null || stoppedEarly) return;
    if (shouldStopEarly(spec.early_stop_ratio, progress.step, config.warmup_steps, progress.loss, reference)) {
      stoppedEarly = true;
      void cancelRun(started.runId);
    }
  });
  try {
    const run = await started.done;
    next = trialTrained(next, index, outcomeOf(run, stoppedEarly));
  } finally {
    unwatch();
  }
  return next;
}

function outcomeOf(run: RunManifest, stoppedEarly: boolean): Parameters<typeof trialTrained>[2] {
  if (stoppedEarly) return { status: 'stopped_early', heldout_loss: run.final_metrics?.heldout_loss ?? null };
  if (run.status === 'completed' || run.status === 'timeout') return { status: 'completed', heldout_loss: run.final_metrics?.heldout_loss ?? null };
  return { status: 'failed', heldout_loss: null, error: run.error ?? `the run ended ${run.status}` };
}

/** Runs the sweep's remaining actions until it finishes; throws (leaving it resumable) on a start failure. */
export async function driveSweep(id: string): Promise<void> {
  const db = appDatabase();
  for (;;) {
    const stored = await getSweep(db, id);
    if (!stored) return;
    const state = failInvalidTrials(stored);
    const action = nextSweepAction(state);
    switch (action.kind) {
      case 'none':
        return;
      case 'finish':
        await saveSweep(db, sweepFinished(state, action.best_index));
        return;
      case 'start_trial':
        await saveSweep(db, await trainTrial(state, action.index, action.config));
        break;
      case 'continue_trial': {
        const run = await finalRun(action.run_id);
        await saveSweep(db, trialTrained(state, action.index, outcomeOf(run, run.status === 'cancelled')));
        break;
      }
      case 'evaluate_trial': {
        const score = await evaluateRunForSweep(action.run_id, state.spec);
        await saveSweep(db, trialEvaluated(state, action.index, score));
        break;
      }
    }
  }
}

/** Starts (or continues) driving `id` in this tab unless another tab drives sweeps. */
export function driveSweepInTab(id: string): Promise<'driving' | 'busy'> {
  return new Promise((resolve, reject) => {
    navigator.locks
      .request(SWEEP_LOCK, { ifAvailable: true }, async (lock) => {
        if (!lock) return resolve('busy');
        resolve('driving');
        await driveSweep(id).catch((error: unknown) => console.error(`sweep ${id} stopped`, error));
      })
      .catch(reject);
  });
}

/** On start: continue every sweep a closed tab left running, one after another. */
export async function resumeSweeps(): Promise<void> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return;
  const running = await runningSweeps(appDatabase());
  if (running.length === 0) return;
  await navigator.locks.request(SWEEP_LOCK, async () => {
    for (const sweep of running) await driveSweep(sweep.id).catch((error: unknown) => console.error(`sweep ${sweep.id} stopped`, error));
  });
}
