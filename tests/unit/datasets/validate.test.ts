import { describe, expect, it } from 'vitest';
import { validateBuildRequest } from '../../../src/datasets/validate';
import type { DatasetBuildRequest } from '../../../src/datasets/types';

const BASE: DatasetBuildRequest = { name: 'hcd', version: 'v1', filters: { meta: [] }, selection_strategy: 'latest', limit: 100 };

function errorPaths(request: DatasetBuildRequest): string[] {
  const result = validateBuildRequest(request);
  return result.ok ? [] : result.errors.map((error) => error.path);
}

function firstMessage(request: DatasetBuildRequest): string {
  const result = validateBuildRequest(request);
  return result.ok ? '' : (result.errors[0]?.message ?? '');
}

describe('validateBuildRequest', () => {
  it('accepts a valid request of every strategy and returns it unchanged', () => {
    const requests: DatasetBuildRequest[] = [
      BASE,
      { ...BASE, selection_strategy: 'random', seed: 42 },
      { ...BASE, selection_strategy: 'all', limit: null },
      { ...BASE, selection_strategy: 'stratified', seed: 0, stratify: { key: 'category', mode: 'balanced' } },
      {
        ...BASE,
        seed: 7,
        split: { eval_fraction: 0.1 },
        filters: {
          meta: ['category=reasoning', 'note=a=b'],
          source: 'ungar',
          created: { from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' },
          step_count: { min: 1, max: 1 },
          min_baseline_score: 0,
        },
        session_id: 's1',
        parent_dataset_id: 'hcd-v0',
        training_run_id: null,
      },
    ];
    for (const request of requests) expect(validateBuildRequest(request)).toEqual({ ok: true, value: request });
  });

  it('requires a seed for random and stratified, saying why', () => {
    expect(errorPaths({ ...BASE, selection_strategy: 'random' })).toEqual(['seed']);
    expect(firstMessage({ ...BASE, selection_strategy: 'random', seed: null })).toBe(
      'the random strategy needs a seed, so that the same build can be made again',
    );
    expect(errorPaths({ ...BASE, selection_strategy: 'stratified', stratify: { key: 'result', mode: 'proportional' } })).toEqual(['seed']);
    expect(errorPaths({ ...BASE, selection_strategy: 'random', seed: 1.5 })).toEqual(['seed']);
  });

  it('keeps limit within 1–1,000,000 and whole, optional only for all', () => {
    for (const limit of [0, -1, 1_000_001, 2.5, Number.NaN]) expect(errorPaths({ ...BASE, limit })).toEqual(['limit']);
    expect(errorPaths({ ...BASE, limit: 1 })).toEqual([]);
    expect(errorPaths({ ...BASE, limit: 1_000_000 })).toEqual([]);
    expect(errorPaths({ ...BASE, limit: undefined })).toEqual(['limit']);
    expect(firstMessage({ ...BASE, limit: 0 })).toBe('limit must be a whole number from 1 to 1,000,000');
    expect(errorPaths({ ...BASE, selection_strategy: 'all', limit: 0 })).toEqual(['limit']);
  });

  it('checks the stratify options against the strategy', () => {
    const stratified: DatasetBuildRequest = { ...BASE, selection_strategy: 'stratified', seed: 1 };
    expect(errorPaths(stratified)).toEqual(['stratify']);
    expect(errorPaths({ ...stratified, stratify: { key: '', mode: 'balanced' } })).toEqual(['stratify.key']);
    expect(errorPaths({ ...stratified, stratify: { key: 'a=b', mode: 'balanced' } })).toEqual(['stratify.key']);
    expect(errorPaths({ ...stratified, stratify: { key: 'category', mode: 'equal' as 'balanced' } })).toEqual(['stratify.mode']);
    expect(errorPaths({ ...BASE, stratify: { key: 'category', mode: 'balanced' } })).toEqual(['stratify']);
  });

  it('keeps the split fraction strictly between 0 and 1 and needs a seed for it', () => {
    for (const eval_fraction of [0, 1, -0.1, 1.5, Number.NaN]) {
      expect(errorPaths({ ...BASE, seed: 1, split: { eval_fraction } })).toEqual(['split.eval_fraction']);
    }
    expect(errorPaths({ ...BASE, split: { eval_fraction: 0.2 } })).toEqual(['seed']);
    expect(firstMessage({ ...BASE, split: { eval_fraction: 0.2 } })).toBe(
      'a train/eval split needs a seed, so that the same split can be made again',
    );
  });

  it('points at the filter that is wrong', () => {
    expect(errorPaths({ ...BASE, filters: { meta: ['category=a', 'category', '=x'] } })).toEqual(['filters.meta[1]', 'filters.meta[2]']);
    expect(errorPaths({ ...BASE, filters: { meta: [], source: '' } })).toEqual(['filters.source']);
    expect(errorPaths({ ...BASE, filters: { meta: [], created: { from: 'yesterday' } } })).toEqual(['filters.created.from']);
    expect(errorPaths({ ...BASE, filters: { meta: [], created: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } } })).toEqual([
      'filters.created',
    ]);
    expect(errorPaths({ ...BASE, filters: { meta: [], step_count: { min: 5, max: 2 } } })).toEqual(['filters.step_count']);
    expect(errorPaths({ ...BASE, filters: { meta: [], step_count: { min: -1, max: 1.5 } } })).toEqual([
      'filters.step_count.min',
      'filters.step_count.max',
    ]);
    expect(errorPaths({ ...BASE, filters: { meta: [], min_baseline_score: 101 } })).toEqual(['filters.min_baseline_score']);
    expect(errorPaths({ ...BASE, filters: undefined as unknown as DatasetBuildRequest['filters'] })).toEqual(['filters']);
  });

  it('reports every problem at once, with names and unknown strategies', () => {
    const request = { ...BASE, name: '', version: '!!', selection_strategy: 'best' as 'latest', limit: 0, session_id: '' };
    expect(errorPaths(request)).toEqual(['name', 'version', 'selection_strategy', 'limit', 'session_id']);
    expect(validateBuildRequest(request)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([
        { path: 'selection_strategy', message: 'unknown selection strategy "best": use one of latest, random, all, stratified' },
      ]),
    });
  });
});
