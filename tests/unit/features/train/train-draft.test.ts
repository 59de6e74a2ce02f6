// The Train form's draft: a setup survives draft → setup, presets fill the shape, and each bad
// field is named by the form field it belongs to; run-screen numbers (smoothing, ETA).
import { describe, expect, it } from 'vitest';
import { BASE_FINE_TUNE_LEARNING_RATE, DEFAULT_SETUP } from '../../../../src/runs/config-file';
import { draftFromSetup, setupFromDraft, withBaseShape, withPreset, withStart } from '../../../../src/features/train/train-draft';
import { etaMs, formatDuration, msPerStep, smooth } from '../../../../src/features/runs/run-stats';
import type { MetricRecord } from '../../../../src/runs/types';

describe('train draft', () => {
  it('gives back the setup it was made from', () => {
    const setup = { ...DEFAULT_SETUP, dataset_key: 'demo-v1', train: { ...DEFAULT_SETUP.train, max_minutes: 2.5 } };
    expect(setupFromDraft(draftFromSetup(setup))).toEqual({ ok: true, value: setup });
  });

  it('fills a preset\'s shape and marks a changed shape custom', () => {
    const draft = withPreset(draftFromSetup({ ...DEFAULT_SETUP, dataset_key: 'd' }), 'small');
    const small = setupFromDraft(draft);
    expect(small.ok && small.value.model).toMatchObject({ dim: 128, layers: 4, heads: 4, context: 128 });
    expect(small.ok && small.value.model_preset).toBe('small');
    const custom = setupFromDraft({ ...draft, numbers: { ...draft.numbers, context: '96' } });
    expect(custom.ok && custom.value.model_preset).toBe('custom');
  });

  it('names every bad field', () => {
    const draft = draftFromSetup(DEFAULT_SETUP);
    const result = setupFromDraft({ ...draft, numbers: { ...draft.numbers, heads: '3', max_steps: '0', learning_rate: '', sample_every: '-1', max_minutes: '0', model_seed: 'x' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path).sort()).toEqual(['dataset_key', 'learning_rate', 'max_minutes', 'max_steps', 'model_seed', 'sample_every'].sort());
    const heads = setupFromDraft({ ...draft, dataset_key: 'd', numbers: { ...draft.numbers, heads: '3' } });
    expect(!heads.ok && heads.errors.map((e) => e.path)).toEqual(['heads']);
  });
});

describe('run numbers', () => {
  const metric = (step: number, seconds: number): MetricRecord => ({ run_id: 'r', step, epoch: 0, loss: 1, lr: 1, grad_norm: 1, tokens_per_s: 1, backend: 'wasm', timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString() });

  it('smooths with a debiased moving average', () => {
    expect(smooth([4, 2, 2], 0)).toEqual([4, 2, 2]);
    const smoothed = smooth([4, 2, 2], 0.5);
    expect(smoothed[0]).toBe(4);
    expect(smoothed[1]).toBeCloseTo((0.5 * 4 * 0.5 + 0.5 * 2) / 0.75, 10);
    expect(smooth([3, 3, 3, 3], 0.9).every((v) => Math.abs(v - 3) < 1e-12)).toBe(true);
  });

  it('estimates time left from the recent step rate', () => {
    const metrics = [metric(1, 0), metric(2, 2), metric(3, 4), metric(4, 6)];
    expect(msPerStep(metrics)).toBe(2000);
    expect(etaMs({ step: 4, train_config: { max_steps: 10 } as never }, metrics)).toBe(12_000);
    expect(etaMs({ step: 4, train_config: { max_steps: 10 } as never }, metrics.slice(0, 1))).toBeNull();
    expect(formatDuration(12_000)).toBe('12 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
  });
});

describe('starting points', () => {
  const base = { context: 64, layers: 2, heads: 4, dim: 64, dropout: 0, seed: 1 };

  it('a base fixes the shape and lowers the default learning rate; scratch restores it', () => {
    const scratch = withPreset(draftFromSetup({ ...DEFAULT_SETUP, dataset_key: 'd' }), 'small');
    const fromBase = withStart(scratch, base);
    expect(fromBase.preset).toBe('tiny');
    expect(fromBase.numbers).toMatchObject({ context: '64', layers: '2', heads: '4', dim: '64', model_seed: '1', learning_rate: String(BASE_FINE_TUNE_LEARNING_RATE) });
    expect(BASE_FINE_TUNE_LEARNING_RATE).toBeLessThan(DEFAULT_SETUP.train.learning_rate);
    const back = withStart(fromBase, null);
    expect(back.numbers.learning_rate).toBe(String(DEFAULT_SETUP.train.learning_rate));
    expect(back.numbers.context).toBe('64'); // the shape stays where the base left it, now editable
  });

  it('never changes a learning rate the person typed', () => {
    const typed = { ...draftFromSetup(DEFAULT_SETUP), numbers: { ...draftFromSetup(DEFAULT_SETUP).numbers, learning_rate: '0.002' } };
    expect(withStart(typed, base).numbers.learning_rate).toBe('0.002');
    expect(withStart(withStart(typed, base), null).numbers.learning_rate).toBe('0.002');
  });

  it('keeps the base shape over an imported config', () => {
    const imported = draftFromSetup({ ...DEFAULT_SETUP, model: { ...DEFAULT_SETUP.model, context: 256, dim: 128 } });
    expect(withBaseShape(imported, base).numbers).toMatchObject({ context: '64', dim: '64' });
  });
});
