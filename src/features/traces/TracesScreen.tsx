// The trace browser screen: filters and histograms beside a virtualized table, selection with
// delete and compare, and an empty state that leads to import.
import { useEffect, useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { deleteTraces } from '../../db/trace-store';
import type { TraceSort } from '../../db/trace-query';
import { hrefFor, navigate } from '../../app/router';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Histogram } from '../../ui/Histogram';
import { formatCount } from '../../ui/format';
import { FilterPanel } from './FilterPanel';
import { TraceTable } from './TraceTable';
import { HISTOGRAM_FIELDS, selectedTraceIds, useTraceBrowser } from './use-trace-browser';
import { draftFromTraceFilter, pendingDraft } from '../datasets/build-draft';

const SORTS: { value: TraceSort; label: string }[] = [
  { value: 'created_desc', label: 'Newest first' },
  { value: 'created_asc', label: 'Oldest first' },
  { value: 'score_desc', label: 'Score, high to low' },
  { value: 'score_asc', label: 'Score, low to high' },
  { value: 'steps_desc', label: 'Most steps' },
  { value: 'steps_asc', label: 'Fewest steps' },
];

export function TracesScreen() {
  const browser = useTraceBrowser();
  const { filter, setFilter, ids, storeCount } = browser;
  const selected = selectedTraceIds.value;
  const setSelected = (next: ReadonlySet<string>) => (selectedTraceIds.value = next);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => void performance.mark('traces:open'), []);

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  };

  const deleteSelected = async () => {
    setConfirming(false);
    const count = await deleteTraces(appDatabase(), [...selected]);
    setSelected(new Set());
    setNotice(`Deleted ${formatCount(count)} trace${count === 1 ? '' : 's'}.`);
  };

  if (storeCount === 0) {
    return (
      <section class="screen empty-state" aria-labelledby="traces-title">
        <h1 id="traces-title">No traces yet</h1>
        <p>A reasoning trace is a prompt, numbered reasoning steps and a final answer. Bring your own, or start from demo data.</p>
        <div class="actions">
          <a class="button primary" href={hrefFor({ name: 'import' })}>
            Import JSONL or JSON files
          </a>
          <a class="button" href={hrefFor({ name: 'generate' })}>
            Generate demo data
          </a>
        </div>
        {notice && <p role="status">{notice}</p>}
      </section>
    );
  }

  const selectedIds = [...selected];
  return (
    <section class="screen traces-screen" aria-labelledby="traces-title">
      <div class="traces-layout">
        <aside class="traces-sidebar">
          <FilterPanel filter={filter} onChange={setFilter} />
          {HISTOGRAM_FIELDS.map(({ field, title }) => {
            const range = filter.ranges[field];
            const active = browser.histograms[field]?.find((bar) => range && bar.lo === range.min && bar.hi === range.max);
            return (
              <Histogram
                key={field}
                title={title}
                bars={browser.histograms[field]}
                activeLabel={active?.label}
                onSelect={(bar) => setFilter({ ...filter, ranges: { ...filter.ranges, [field]: { min: bar.lo, max: bar.hi, includeMax: bar.last } } })}
              />
            );
          })}
        </aside>
        <div class="traces-main">
          <div class="toolbar">
            <h1 id="traces-title">Traces</h1>
            <p class="count" aria-live="polite">
              {ids === null
                ? 'Loading…'
                : browser.partial
                  ? `Newest ${formatCount(ids.length)} shown · indexing the store…`
                  : `${formatCount(ids.length)} of ${formatCount(storeCount ?? ids.length)} traces`}
              {browser.scan && ` · searching ${formatCount(browser.scan.scanned)} / ${formatCount(browser.scan.total)}`}
            </p>
            <label class="inline">
              <span>Sort</span>
              <select value={browser.sort} onChange={(event) => browser.setSort(event.currentTarget.value as TraceSort)}>
                {SORTS.map((sort) => (
                  <option key={sort.value} value={sort.value}>
                    {sort.label}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" disabled={selected.size === 0} onClick={() => setConfirming(true)}>
              Delete {selected.size > 0 ? formatCount(selected.size) : ''} selected
            </button>
            <button
              type="button"
              disabled={selected.size !== 2}
              title="Select exactly two traces to compare them"
              onClick={() => navigate({ name: 'compare', left: selectedIds[0]!, right: selectedIds[1]! })}
            >
              Compare 2 selected
            </button>
            <button
              type="button"
              onClick={() => {
                pendingDraft.value = draftFromTraceFilter(filter);
                navigate({ name: 'datasets' });
              }}
            >
              Build a dataset from this filter
            </button>
          </div>
          {notice && (
            <p class="notice notice--ok" role="status">
              {notice}
            </p>
          )}
          {browser.error && (
            <p class="notice notice--error" role="alert">
              {browser.error}
            </p>
          )}
          {ids && ids.length === 0 && <p class="empty-inline">No trace matches these filters.</p>}
          {ids && ids.length > 0 && <TraceTable ids={ids} dataVersion={browser.dataVersion} selected={selected} onToggle={toggle} />}
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${formatCount(selected.size)} trace${selected.size === 1 ? '' : 's'}?`}
          confirmLabel="Delete"
          onConfirm={() => void deleteSelected()}
          onCancel={() => setConfirming(false)}
        >
          <p>This removes them from this browser's store. It cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
