// The Runs screen: every training run, newest first, with status, dataset, model, backend, steps,
// loss and held-out loss, kept current from change notices (a run training in another tab moves
// here too). Each links to its detail.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { signal } from '@preact/signals';
import { hrefFor } from '../../app/router';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { listRuns } from '../../db/runs-repository';
import type { RunManifest } from '../../runs/types';
import { formatDate } from '../../ui/format';
import { StatusBadge } from './RunLivePanel';
import { formatLoss } from './run-stats';
import { RunsFilterBar } from './RunsFilterBar';
import { EvidenceImport } from './EvidenceImport';
import { filterAndSortRuns, NO_RUN_FILTERS, runFilterOptions, type RunFilters, type RunSort } from '../../runs/run-filters';
import { MAX_COMPARED_RUNS } from '../../runs/compare';

/** What the last delete freed, shown once on this screen. */
export const deletedNotice = signal<string | null>(null);

export function useRunList(): RunManifest[] | null {
  const [runs, setRuns] = useState<RunManifest[] | null>(null);
  useEffect(() => {
    let pending = false;
    const load = () => {
      if (pending) return;
      pending = true;
      // Metric writes announce 'runs' every second: coalesce them into one read per frame.
      requestAnimationFrame(() => {
        pending = false;
        void listRuns(appDatabase()).then(setRuns);
      });
    };
    load();
    return onDatabaseChange((table) => table === 'runs' && load());
  }, []);
  return runs;
}

export function RunsScreen() {
  const allRuns = useRunList();
  const [filters, setFilters] = useState<RunFilters>(NO_RUN_FILTERS);
  const [sort, setSort] = useState<RunSort>('newest');
  const [selected, setSelected] = useState<string[]>([]);
  const runs = useMemo(() => (allRuns ? filterAndSortRuns(allRuns, filters, sort) : null), [allRuns, filters, sort]);
  const toggle = (id: string, on: boolean) => setSelected(on ? [...selected.filter((s) => s !== id), id] : selected.filter((s) => s !== id));
  const comparable = selected.length >= 2 && selected.length <= MAX_COMPARED_RUNS;
  return (
    <section class="screen runs-screen" aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      {deletedNotice.value && (
        <p class="notice notice--ok" role="status">
          {deletedNotice.value}
        </p>
      )}
      <EvidenceImport />
      {runs === null && <p class="muted">Loading runs…</p>}
      {allRuns && allRuns.length > 0 && (
        <>
          <RunsFilterBar filters={filters} sort={sort} options={runFilterOptions(allRuns)} onChange={(f, s) => (setFilters(f), setSort(s))} />
          <div class="actions">
            <a
              class={`button${comparable ? '' : ' disabled'}`}
              href={comparable ? hrefFor({ name: 'run_compare', ids: selected }) : undefined}
              aria-disabled={!comparable}
            >
              Compare selected ({selected.length})
            </a>
            <span class="muted">Pick 2 to {MAX_COMPARED_RUNS} runs.</span>
          </div>
        </>
      )}
      {allRuns && allRuns.length > 0 && runs?.length === 0 && <p class="empty-inline">No run matches these filters.</p>}
      {allRuns?.length === 0 && (
        <div class="empty-inline">
          No training runs yet. <a href={hrefFor({ name: 'train' })}>Train a model</a>.
        </div>
      )}
      {runs && runs.length > 0 && (
        <table class="data-table compact">
          <caption>Training runs</caption>
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Compare</span>
              </th>
              <th scope="col">Run</th>
              <th scope="col">Status</th>
              <th scope="col">Dataset</th>
              <th scope="col">Model</th>
              <th scope="col">Backend</th>
              <th scope="col">Steps</th>
              <th scope="col">Loss</th>
              <th scope="col">Held-out loss</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.run_id}>
                <td>
                  <input type="checkbox" checked={selected.includes(run.run_id)} onChange={(e) => toggle(run.run_id, e.currentTarget.checked)} aria-label={`Compare ${run.name}`} />
                </td>
                <td>
                  <a href={hrefFor({ name: 'run', id: run.run_id })}>{run.name}</a>
                </td>
                <td>
                  <StatusBadge status={run.status} />
                </td>
                <td>{run.dataset_key}</td>
                <td>{run.model_preset}</td>
                <td>{run.backend_actual ?? run.backend_requested}</td>
                <td>
                  {run.step} / {run.train_config.max_steps}
                </td>
                <td>{formatLoss(run.final_metrics?.loss)}</td>
                <td>
                  {formatLoss(run.initial_heldout_loss)} → {formatLoss(run.final_metrics?.heldout_loss)}
                </td>
                <td>{formatDate(run.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
