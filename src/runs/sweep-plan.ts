// A sweep's progress as data, and what to do next: the stored SweepState lists each trial's
// parameters, run and objective; nextSweepAction reads it (after a reload too) and says whether
// to start a trial's run, wait for or resume a running one, evaluate a finished one, or finish.
// Pure: the sweep controller performs the action and records its outcome with the helpers here.
import { bestTrial, trialConfig, trialParameters } from './sweep';
import type { SweepSpec, TrialParameters } from './sweep';
import type { TrainConfig } from '../train/config';
import type { TrainSetup } from './config-file';

/** What every trial shares besides the train config: model shape, backend, prompt rendering. */
export type SweepSetup = Pick<TrainSetup, 'model_preset' | 'model' | 'backend' | 'system_instruction' | 'sample_every'>;

export type TrialStatus = 'pending' | 'running' | 'evaluating' | 'completed' | 'stopped_early' | 'failed';

export interface TrialState {
  index: number;
  parameters: TrialParameters;
  run_id: string | null;
  status: TrialStatus;
  /** Eval primary score or held-out loss, per the sweep's objective. */
  objective: number | null;
  error: string | null;
}

export interface SweepState {
  id: string;
  created_at: string;
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  spec: SweepSpec;
  setup: SweepSetup;
  trials: TrialState[];
  best_index: number | null;
  /** The model registry id of the promoted best trial's model, once promoted. */
  promoted_model_id: string | null;
}

export type SweepAction =
  | { kind: 'start_trial'; index: number; config: TrainConfig }
  | { kind: 'continue_trial'; index: number; run_id: string }
  | { kind: 'evaluate_trial'; index: number; run_id: string }
  | { kind: 'finish'; best_index: number | null }
  | { kind: 'none' };

/** A new sweep's state: every trial's parameters drawn up front (deterministic in the seed). */
export function planSweep(id: string, spec: SweepSpec, setup: SweepSetup, createdAt: string): SweepState {
  const trials = Array.from({ length: spec.trials }, (_, index): TrialState => ({
    index, parameters: trialParameters(spec, index), run_id: null, status: 'pending', objective: null, error: null,
  }));
  return { id, created_at: createdAt, status: 'running', spec, setup, trials, best_index: null, promoted_model_id: null };
}

/** The next step of a running sweep; trials go strictly one after another. */
export function nextSweepAction(state: SweepState): SweepAction {
  if (state.status !== 'running') return { kind: 'none' };
  for (const trial of state.trials) {
    if (trial.status === 'running' && trial.run_id !== null) return { kind: 'continue_trial', index: trial.index, run_id: trial.run_id };
    if (trial.status === 'evaluating' && trial.run_id !== null) return { kind: 'evaluate_trial', index: trial.index, run_id: trial.run_id };
    if (trial.status === 'pending') {
      const config = trialConfig(state.spec.base_config, trial.parameters);
      if (!config.ok) continue; // failInvalidTrials records it as failed
      return { kind: 'start_trial', index: trial.index, config: config.value };
    }
  }
  return { kind: 'finish', best_index: bestTrial(state.spec.objective, state.trials.map((t) => ({ index: t.index, objective: t.objective }))) };
}

function updateTrial(state: SweepState, index: number, change: Partial<TrialState>): SweepState {
  return { ...state, trials: state.trials.map((t) => (t.index === index ? { ...t, ...change } : t)) };
}

/** Pending trials whose parameters give an invalid config are failed with the reason. */
export function failInvalidTrials(state: SweepState): SweepState {
  let next = state;
  for (const trial of state.trials) {
    if (trial.status !== 'pending') continue;
    const config = trialConfig(state.spec.base_config, trial.parameters);
    if (!config.ok) next = updateTrial(next, trial.index, { status: 'failed', error: config.errors.map((e) => `${e.path} ${e.message}`).join('; ') });
  }
  return next;
}

export function trialStarted(state: SweepState, index: number, runId: string): SweepState {
  return updateTrial(state, index, { status: 'running', run_id: runId });
}

/**
 * A trial's run ended. With the eval_score objective a completed run goes on to evaluation; with
 * held-out loss its objective is that loss. A run stopped early keeps its loss but never wins.
 */
export function trialTrained(state: SweepState, index: number, outcome: { status: 'completed' | 'stopped_early' | 'failed'; heldout_loss: number | null; error?: string }): SweepState {
  if (outcome.status === 'failed') return updateTrial(state, index, { status: 'failed', error: outcome.error ?? 'the run failed' });
  if (outcome.status === 'stopped_early') return updateTrial(state, index, { status: 'stopped_early', objective: null });
  if (state.spec.objective === 'eval_score') return updateTrial(state, index, { status: 'evaluating' });
  return updateTrial(state, index, { status: 'completed', objective: outcome.heldout_loss });
}

export function trialEvaluated(state: SweepState, index: number, primaryScore: number | null): SweepState {
  return updateTrial(state, index, { status: 'completed', objective: primaryScore });
}

export function sweepFinished(state: SweepState, bestIndex: number | null): SweepState {
  return { ...state, status: 'completed', best_index: bestIndex };
}
