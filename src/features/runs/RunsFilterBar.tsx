// The Runs screen's filter and sort controls (status, dataset, backend, date range, order).
import type { RunFilters, RunSort } from '../../runs/run-filters';

interface Props {
  filters: RunFilters;
  sort: RunSort;
  options: { statuses: string[]; datasets: string[]; backends: string[] };
  onChange: (filters: RunFilters, sort: RunSort) => void;
}

const SORTS: { value: RunSort; label: string }[] = [
  { value: 'newest', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'loss', label: 'Lowest loss' },
  { value: 'heldout', label: 'Lowest held-out loss' },
  { value: 'name', label: 'Name' },
];

export function RunsFilterBar({ filters, sort, options, onChange }: Props) {
  const choice = (key: 'status' | 'dataset' | 'backend', label: string, values: string[]) => (
    <div class="field">
      <label for={`runs-${key}`}>{label}</label>
      <select id={`runs-${key}`} value={filters[key]} onChange={(e) => onChange({ ...filters, [key]: e.currentTarget.value }, sort)}>
        <option value="">Any</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <div class="filters form-grid" role="group" aria-label="Filter runs">
      {choice('status', 'Status', options.statuses)}
      {choice('dataset', 'Dataset', options.datasets)}
      {choice('backend', 'Backend', options.backends)}
      <div class="field">
        <label for="runs-from">Created from</label>
        <input id="runs-from" type="date" value={filters.from} onInput={(e) => onChange({ ...filters, from: e.currentTarget.value }, sort)} />
      </div>
      <div class="field">
        <label for="runs-to">Created to</label>
        <input id="runs-to" type="date" value={filters.to} onInput={(e) => onChange({ ...filters, to: e.currentTarget.value }, sort)} />
      </div>
      <div class="field">
        <label for="runs-sort">Sort</label>
        <select id="runs-sort" value={sort} onChange={(e) => onChange(filters, e.currentTarget.value as RunSort)}>
          {SORTS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
