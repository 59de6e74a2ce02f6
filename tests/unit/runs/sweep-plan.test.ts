import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import { validateSweepSpec } from '../../../src/runs/sweep';
import type { SweepSpec } from '../../../src/runs/sweep';
import { DEFAULT_SETUP } from '../../../src/runs/config-file';
import { failInvalidTrials, nextSweepAction, planSweep, sweepFinished, trialEvaluated, trialStarted, trialTrained } from '../../../src/runs/sweep-plan';

function spec(overrides: Record<string, unknown> = {}): SweepSpec {
  const result = validateSweepSpec({
    name: 's', dataset_key: 'd-v1', evalset_id: 'eval_v1', base_config: { ...DEFAULT_TRAIN_CONFIG, max_steps: 10 },
    search_space: { learning_rate: { kind: 'choice', values: [0.001, 0.002, 0.003] } }, trials: 3, seed: 1, objective: 'eval_score', early_stop_ratio: null,
    ...overrides,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('sweep plan', () => {
  it('runs trials one after another, evaluates each, then finishes with the best', () => {
    let state = planSweep('sw', spec(), DEFAULT_SETUP, 't0');
    const scores = [0.2, 0.6, 0.4];
    for (let k = 0; k < 3; k++) {
      const start = nextSweepAction(state);
      expect(start).toMatchObject({ kind: 'start_trial', index: k });
      if (start.kind !== 'start_trial') return;
      expect(start.config.learning_rate).toBe(state.trials[k]!.parameters.learning_rate);
      expect(start.config.max_steps).toBe(10);
      state = trialStarted(state, k, `run-${k}`);
      expect(nextSweepAction(state)).toEqual({ kind: 'continue_trial', index: k, run_id: `run-${k}` });
      state = trialTrained(state, k, { status: 'completed', heldout_loss: 1 });
      expect(nextSweepAction(state)).toEqual({ kind: 'evaluate_trial', index: k, run_id: `run-${k}` });
      state = trialEvaluated(state, k, scores[k]!);
    }
    const finish = nextSweepAction(state);
    expect(finish).toEqual({ kind: 'finish', best_index: 1 });
    state = sweepFinished(state, 1);
    expect(nextSweepAction(state)).toEqual({ kind: 'none' });
  });

  it('with the held-out loss objective skips evaluation and picks the lowest loss', () => {
    let state = planSweep('sw', spec({ objective: 'heldout_loss', evalset_id: null }), DEFAULT_SETUP, 't0');
    [1.5, 0.9, 1.1].forEach((loss, k) => {
      state = trialStarted(state, k, `run-${k}`);
      state = trialTrained(state, k, { status: 'completed', heldout_loss: loss });
    });
    expect(nextSweepAction(state)).toEqual({ kind: 'finish', best_index: 1 });
  });

  it('never picks a failed or early-stopped trial', () => {
    let state = planSweep('sw', spec({ objective: 'heldout_loss', evalset_id: null }), DEFAULT_SETUP, 't0');
    state = trialTrained(trialStarted(state, 0, 'a'), 0, { status: 'stopped_early', heldout_loss: 0.1 });
    state = trialTrained(trialStarted(state, 1, 'b'), 1, { status: 'failed', heldout_loss: null, error: 'NaN loss' });
    state = trialTrained(trialStarted(state, 2, 'c'), 2, { status: 'completed', heldout_loss: 3 });
    expect(nextSweepAction(state)).toEqual({ kind: 'finish', best_index: 2 });
    expect(state.trials[1]?.error).toBe('NaN loss');
  });

  it('fails trials whose parameters make an invalid config, and moves on', () => {
    let state = planSweep('sw', spec({ search_space: { warmup_steps: { kind: 'choice', values: [2] }, batch_size: { kind: 'randint', min: 0, max: 0 } } }), DEFAULT_SETUP, 't0');
    state = failInvalidTrials(state);
    expect(state.trials.every((t) => t.status === 'failed' && /batch_size/.test(t.error ?? ''))).toBe(true);
    expect(nextSweepAction(state)).toEqual({ kind: 'finish', best_index: null });
  });

  it('draws the same trial parameters for the same seed', () => {
    expect(planSweep('a', spec(), DEFAULT_SETUP, 't').trials.map((t) => t.parameters)).toEqual(planSweep('b', spec(), DEFAULT_SETUP, 'u').trials.map((t) => t.parameters));
  });
});
