import { describe, expect, it } from 'vitest';
import { configDiff } from '../../../src/runs/compare';
import { configSummary, leaderboard } from '../../../src/runs/leaderboard';
import { evaluation, runManifest } from './fixtures';

const runs = new Map([
  ['run-1', runManifest({ run_id: 'run-1', name: 'first', dataset_key: 'corpus-v1' })],
  ['run-2', runManifest({ run_id: 'run-2', name: 'second', dataset_key: 'corpus-v2', train_config: { ...runManifest().train_config, learning_rate: 0.003 } })],
]);

describe('leaderboard', () => {
  const evaluations = [
    evaluation('e1', ['a1', 'a2'], { created_at: '2026-11-02T00:00:00.000Z' }),
    evaluation('e2', ['a1', 'a2', 'a3', 'a4'], { model: { kind: 'run', run_id: 'run-2', step: 50 }, created_at: '2026-11-03T00:00:00.000Z' }),
    evaluation('e3', ['a1', 'a2'], { model: { kind: 'untrained', run_id: 'run-2' }, created_at: '2026-11-04T00:00:00.000Z' }),
    evaluation('other-set', ['a1', 'a2', 'a3', 'a4', 'r1'], { evalset_id: 'eval_v2' }),
    evaluation('failed', [], { status: 'failed', scorecard: null }),
  ];

  it('ranks completed evaluations of one eval set by score, ties to the earlier one', () => {
    const rows = leaderboard(evaluations, runs, { evalset_id: 'eval_v1' });
    expect(rows.map((r) => [r.rank, r.evaluation_id])).toEqual([[1, 'e2'], [2, 'e1'], [3, 'e3']]);
    expect(rows[0]?.label).toBe('second @ step 50');
    expect(rows[2]?.label).toBe('second (untrained)');
    expect(rows[0]?.primary_score).toBeCloseTo(0.5);
  });

  it('filters by dataset and by date', () => {
    expect(leaderboard(evaluations, runs, { evalset_id: 'eval_v1', dataset_key: 'corpus-v1' }).map((r) => r.evaluation_id)).toEqual(['e1']);
    expect(leaderboard(evaluations, runs, { evalset_id: 'eval_v1', from: '2026-11-03', to: '2026-11-03' }).map((r) => r.evaluation_id)).toEqual(['e2']);
  });

  it('summarizes a config in one line', () => {
    expect(configSummary(runs.get('run-2')!)).toBe('tiny · lr 3e-3 · batch 16 · 1000 steps · wasm');
  });
});

describe('configDiff', () => {
  it('lists differing fields first and marks them', () => {
    const rows = configDiff([runs.get('run-1')!, runs.get('run-2')!]);
    const differing = rows.filter((r) => r.differs).map((r) => r.field);
    expect(differing).toEqual(['dataset_key', 'train.learning_rate']);
    expect(rows[1]?.values).toEqual(['0.0003', '0.003']);
    expect(rows.find((r) => r.field === 'model.dim')).toEqual({ field: 'model.dim', values: ['64', '64'], differs: false });
  });

  it('refuses fewer than 2 or more than 5 runs', () => {
    expect(() => configDiff([runManifest()])).toThrow(RangeError);
    expect(() => configDiff(Array.from({ length: 6 }, () => runManifest()))).toThrow(RangeError);
  });
});
