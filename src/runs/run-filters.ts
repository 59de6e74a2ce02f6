// Filtering and sorting the runs list (status, dataset, backend, created date range; newest,
// oldest, lowest loss, lowest held-out loss, name). Pure: manifests in, manifests out.
import type { RunManifest } from './types';

export interface RunFilters {
  status: string;
  dataset: string;
  backend: string;
  /** ISO dates (yyyy-mm-dd), inclusive; '' for open. */
  from: string;
  to: string;
}

export type RunSort = 'newest' | 'oldest' | 'loss' | 'heldout' | 'name';
export const NO_RUN_FILTERS: RunFilters = { status: '', dataset: '', backend: '', from: '', to: '' };

const backendOf = (run: RunManifest) => run.backend_actual ?? run.backend_requested;
const last = (value: number | null | undefined) => value ?? Number.POSITIVE_INFINITY;

export function filterAndSortRuns(runs: readonly RunManifest[], filters: RunFilters, sort: RunSort): RunManifest[] {
  const kept = runs.filter(
    (run) =>
      (filters.status === '' || run.status === filters.status) &&
      (filters.dataset === '' || run.dataset_key === filters.dataset) &&
      (filters.backend === '' || backendOf(run) === filters.backend) &&
      (filters.from === '' || run.created_at.slice(0, 10) >= filters.from) &&
      (filters.to === '' || run.created_at.slice(0, 10) <= filters.to),
  );
  const compare: Record<RunSort, (a: RunManifest, b: RunManifest) => number> = {
    newest: (a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0),
    oldest: (a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0),
    loss: (a, b) => last(a.final_metrics?.loss) - last(b.final_metrics?.loss),
    heldout: (a, b) => last(a.final_metrics?.heldout_loss) - last(b.final_metrics?.heldout_loss),
    name: (a, b) => a.name.localeCompare(b.name),
  };
  return kept.sort(compare[sort]);
}

/** The distinct values of a field across runs, sorted, for the filter menus. */
export function runFilterOptions(runs: readonly RunManifest[]): { statuses: string[]; datasets: string[]; backends: string[] } {
  const distinct = (values: string[]) => [...new Set(values)].sort();
  return { statuses: distinct(runs.map((r) => r.status)), datasets: distinct(runs.map((r) => r.dataset_key)), backends: distinct(runs.map(backendOf)) };
}
