import { describe, expect, it } from 'vitest';
import { EMPTY_SWEEP_DRAFT, sweepFromDraft } from '../../../../src/features/sweeps/sweep-draft';

describe('sweep draft', () => {
  it('builds a spec with the chosen spaces and the preset setup', () => {
    const result = sweepFromDraft({ ...EMPTY_SWEEP_DRAFT, dataset_key: 'd-v1', vary_batch: true, batch_values: '4, 8' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.spec.search_space).toEqual({ learning_rate: { kind: 'loguniform', min: 3e-4, max: 3e-3 }, batch_size: { kind: 'choice', values: [4, 8] } });
    expect(result.value.spec.base_config.max_steps).toBe(100);
    expect(result.value.spec.evalset_id).toBeNull();
    expect(result.value.setup.model).toMatchObject({ dim: 64, layers: 2, context: 128 });
    expect(result.value.setup.model_preset).toBe('custom');
  });

  it('reports bad fields by path', () => {
    const result = sweepFromDraft({ ...EMPTY_SWEEP_DRAFT, dataset_key: '', trials: 'x', lr_min: '0', context: '7' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['dataset_key', 'trials', 'search_space.learning_rate.min', 'context']));
  });

  it('asks for an eval set only with the eval-score objective', () => {
    const result = sweepFromDraft({ ...EMPTY_SWEEP_DRAFT, dataset_key: 'd-v1', objective: 'eval_score', evalset_id: 'eval_v1' });
    expect(result.ok && result.value.spec.evalset_id).toBe('eval_v1');
  });
});
