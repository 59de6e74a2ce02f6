// Starting points on the leaderboard: each evaluation is put with its start (a base itself, a
// base's fine-tune, from scratch, random init, registered), a base stays under a dataset filter,
// and the three-way comparison takes the best of each start per base.
import { describe, expect, it } from 'vitest';
import { leaderboard } from '../../../src/runs/leaderboard';
import { compareStarts, startingPointLabel, startingPointOf } from '../../../src/runs/starting-point';
import { evaluation, runManifest } from './fixtures';

const sha = 'b'.repeat(64);
const fromBase = runManifest({ run_id: 'ft', name: 'fine-tune', dataset_key: 'corpus-v1', init: { kind: 'base_model', model_id: 'base-tiny-v1', sha256: sha, source: 'shipped' } });
const scratch = runManifest({ run_id: 'sc', name: 'scratch', dataset_key: 'corpus-v1' });
const runs = new Map([fromBase, scratch].map((r) => [r.run_id, r]));

const evaluations = [
  evaluation('base', ['a1'], { model: { kind: 'base', model_id: 'base-tiny-v1', sha256: sha } }),
  evaluation('ft-400', ['a1', 'a2', 'a3'], { model: { kind: 'run', run_id: 'ft', step: 400 } }),
  evaluation('ft-start', ['a1'], { model: { kind: 'untrained', run_id: 'ft' }, created_at: '2026-11-03T00:00:00.000Z' }),
  evaluation('sc-400', ['a1', 'a2'], { model: { kind: 'run', run_id: 'sc', step: 400 } }),
  evaluation('sc-100', [], { model: { kind: 'run', run_id: 'sc', step: 100 } }),
  evaluation('sc-init', [], { model: { kind: 'untrained', run_id: 'sc' } }),
  evaluation('registered', ['a1'], { model: { kind: 'model', model_id: 'm1', sha256: sha } }),
  evaluation('orphan', [], { model: { kind: 'run', run_id: 'gone', step: 1 } }),
];

describe('starting points', () => {
  it('puts every evaluation with its start', () => {
    const starts = evaluations.map((e) => {
      const runId = 'run_id' in e.model ? e.model.run_id : undefined;
      return [e.id, startingPointLabel(startingPointOf(e, runId === undefined ? undefined : runs.get(runId)))];
    });
    expect(Object.fromEntries(starts)).toEqual({
      base: 'base-tiny-v1 (base)', 'ft-400': 'base-tiny-v1 + fine-tune', 'ft-start': 'base-tiny-v1 (base)', 'sc-400': 'from scratch', 'sc-100': 'from scratch',
      'sc-init': 'random init (untrained)', registered: 'registered model', orphan: 'unknown (run deleted)',
    });
  });

  it('keeps a shipped base under a dataset filter, and compares the best of each start', () => {
    const rows = leaderboard(evaluations, runs, { evalset_id: 'eval_v1', dataset_key: 'corpus-v1' });
    expect(rows.map((r) => r.evaluation_id)).toEqual(['ft-400', 'sc-400', 'base', 'ft-start', 'sc-100', 'sc-init']);
    const [comparison, ...others] = compareStarts(rows);
    expect(others).toEqual([]);
    expect(comparison?.base_id).toBe('base-tiny-v1');
    expect([comparison?.base?.evaluation_id, comparison?.fine_tuned?.evaluation_id, comparison?.scratch?.evaluation_id]).toEqual(['base', 'ft-400', 'sc-400']);
  });

  it('has nothing to compare without a base', () => {
    const rows = leaderboard(evaluations.filter((e) => e.id.startsWith('sc')), runs, { evalset_id: 'eval_v1' });
    expect(compareStarts(rows)).toEqual([]);
    const onlyFineTune = compareStarts(leaderboard([evaluations[1]!], runs, { evalset_id: 'eval_v1' }));
    expect(onlyFineTune).toEqual([expect.objectContaining({ base_id: 'base-tiny-v1', base: null, scratch: null })]);
  });
});
