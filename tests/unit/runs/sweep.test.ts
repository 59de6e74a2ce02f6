import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import { bestTrial, shouldStopEarly, trialConfig, trialParameters, validateSweepSpec } from '../../../src/runs/sweep';

const spec = {
  name: 'lr sweep', dataset_key: 'corpus-v1', evalset_id: 'eval_v1', base_config: { ...DEFAULT_TRAIN_CONFIG, max_steps: 20 },
  search_space: { learning_rate: { kind: 'loguniform', min: 1e-4, max: 1e-2 }, batch_size: { kind: 'choice', values: [4, 8] }, warmup_steps: { kind: 'randint', min: 0, max: 5 } },
  trials: 3, seed: 7, objective: 'eval_score', early_stop_ratio: 0.5,
};

describe('validateSweepSpec', () => {
  it('accepts a valid spec', () => {
    const result = validateSweepSpec(spec);
    expect(result.ok).toBe(true);
  });

  it('names every problem with its path', () => {
    const result = validateSweepSpec({
      ...spec, trials: 0, objective: 'accuracy',
      search_space: { learning_rate: { kind: 'loguniform', min: 0, max: 1 }, batch_size: { kind: 'uniform', min: 1, max: 8 }, dropout: { kind: 'choice', values: [0] }, beta1: { kind: 'uniform', min: 0.9, max: 0.8 }, seed: { kind: 'choice', values: [1.5] } },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['trials', 'objective', 'search_space.learning_rate.min', 'search_space.batch_size.kind', 'search_space.dropout', 'search_space.beta1', 'search_space.seed.values[0]']));
  });

  it('requires an eval set for the eval_score objective and at least one parameter', () => {
    const result = validateSweepSpec({ ...spec, evalset_id: null, search_space: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['evalset_id', 'search_space']));
  });
});

describe('trial sampling', () => {
  const valid = validateSweepSpec(spec);
  if (!valid.ok) throw new Error('fixture invalid');

  it('is deterministic per seed and trial, and varies across trials', () => {
    const first = [0, 1, 2].map((k) => trialParameters(valid.value, k));
    expect([0, 1, 2].map((k) => trialParameters(valid.value, k))).toEqual(first);
    expect(new Set(first.map((p) => p.learning_rate)).size).toBe(3);
    expect(trialParameters({ ...valid.value, seed: 8 }, 0)).not.toEqual(first[0]);
  });

  it('stays inside every space', () => {
    for (let k = 0; k < 200; k++) {
      const p = trialParameters(valid.value, k);
      expect(p.learning_rate).toBeGreaterThanOrEqual(1e-4);
      expect(p.learning_rate).toBeLessThanOrEqual(1e-2);
      expect([4, 8]).toContain(p.batch_size);
      expect(Number.isInteger(p.warmup_steps)).toBe(true);
      expect(p.warmup_steps).toBeGreaterThanOrEqual(0);
      expect(p.warmup_steps).toBeLessThanOrEqual(5);
    }
  });

  it('applies parameters to the base config and validates the result', () => {
    const config = trialConfig(valid.value.base_config, { learning_rate: 0.001, batch_size: 4 });
    expect(config.ok && config.value.learning_rate).toBe(0.001);
    expect(config.ok && config.value.max_steps).toBe(20);
    expect(trialConfig(valid.value.base_config, { batch_size: 0 }).ok).toBe(false);
  });
});

describe('bestTrial and early stopping', () => {
  it('maximizes eval score and minimizes held-out loss, skipping trials without a value', () => {
    const outcomes = [{ index: 0, objective: 0.4 }, { index: 1, objective: null }, { index: 2, objective: 0.6 }, { index: 3, objective: 0.6 }];
    expect(bestTrial('eval_score', outcomes)).toBe(2);
    expect(bestTrial('heldout_loss', outcomes)).toBe(0);
    expect(bestTrial('eval_score', [{ index: 0, objective: null }])).toBeNull();
  });

  it('stops a trial clearly worse than the best at the same step, never during warmup', () => {
    const best = new Map([[10, 2.0]]);
    expect(shouldStopEarly(0.5, 10, 5, 3.1, best)).toBe(true);
    expect(shouldStopEarly(0.5, 10, 5, 2.9, best)).toBe(false);
    expect(shouldStopEarly(0.5, 4, 5, 9, new Map([[4, 1]]))).toBe(false);
    expect(shouldStopEarly(null, 10, 5, 9, best)).toBe(false);
    expect(shouldStopEarly(0.5, 11, 5, 9, best)).toBe(false);
  });
});
