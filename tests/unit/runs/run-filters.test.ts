import { describe, expect, it } from 'vitest';
import { filterAndSortRuns, NO_RUN_FILTERS, runFilterOptions } from '../../../src/runs/run-filters';
import { runManifest } from './fixtures';

const final = (loss: number, heldout: number) => ({ step: 1, loss, heldout_loss: heldout, initial_heldout_loss: 5, tokens_per_s: 1, elapsed_ms: 1 });
const runs = [
  runManifest({ run_id: 'a', name: 'alpha', status: 'completed', dataset_key: 'd1', backend_actual: 'wasm', created_at: '2026-11-01T10:00:00.000Z', final_metrics: final(0.5, 0.9) }),
  runManifest({ run_id: 'b', name: 'beta', status: 'failed', dataset_key: 'd2', backend_actual: 'webgpu', created_at: '2026-11-03T10:00:00.000Z', final_metrics: null }),
  runManifest({ run_id: 'c', name: 'gamma', status: 'completed', dataset_key: 'd1', backend_actual: 'wasm', created_at: '2026-11-02T10:00:00.000Z', final_metrics: final(0.3, 1.2) }),
];
const ids = (list: { run_id: string }[]) => list.map((r) => r.run_id);

describe('run filters', () => {
  it('filters by status, dataset, backend and date range', () => {
    expect(ids(filterAndSortRuns(runs, { ...NO_RUN_FILTERS, status: 'completed' }, 'newest'))).toEqual(['c', 'a']);
    expect(ids(filterAndSortRuns(runs, { ...NO_RUN_FILTERS, dataset: 'd2' }, 'newest'))).toEqual(['b']);
    expect(ids(filterAndSortRuns(runs, { ...NO_RUN_FILTERS, backend: 'wasm', from: '2026-11-02' }, 'newest'))).toEqual(['c']);
    expect(ids(filterAndSortRuns(runs, { ...NO_RUN_FILTERS, to: '2026-11-01' }, 'newest'))).toEqual(['a']);
  });

  it('sorts by date, loss, held-out loss (runs without one last) and name', () => {
    expect(ids(filterAndSortRuns(runs, NO_RUN_FILTERS, 'oldest'))).toEqual(['a', 'c', 'b']);
    expect(ids(filterAndSortRuns(runs, NO_RUN_FILTERS, 'loss'))).toEqual(['c', 'a', 'b']);
    expect(ids(filterAndSortRuns(runs, NO_RUN_FILTERS, 'heldout'))).toEqual(['a', 'c', 'b']);
    expect(ids(filterAndSortRuns(runs, NO_RUN_FILTERS, 'name'))).toEqual(['a', 'b', 'c']);
  });

  it('offers the distinct values present', () => {
    expect(runFilterOptions(runs)).toEqual({ statuses: ['completed', 'failed'], datasets: ['d1', 'd2'], backends: ['wasm', 'webgpu'] });
  });
});
