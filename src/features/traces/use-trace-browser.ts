// View-model of the trace browser: filter and sort state, the matching id list (from indexes),
// histograms, selection, and a refresh whenever any context changes the traces table.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { signal } from '@preact/signals';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { countTraces, newestTraces } from '../../db/trace-store';
import {
  EMPTY_FILTER,
  numericHistogram,
  queryTraceIds,
  type HistogramBar,
  type NumericField,
  type TraceFilter,
  type TraceSort,
} from '../../db/trace-query';

export const HISTOGRAM_FIELDS: { field: NumericField; title: string }[] = [
  { field: 'step_count', title: 'Steps' },
  { field: 'total_chars', title: 'Length (chars)' },
  { field: 'baseline_score', title: 'Baseline score' },
];

export interface TraceBrowserState {
  filter: TraceFilter;
  setFilter: (next: TraceFilter) => void;
  sort: TraceSort;
  setSort: (next: TraceSort) => void;
  ids: string[] | null;
  /** True while `ids` holds only the newest page, shown before the index of the store is loaded. */
  partial: boolean;
  storeCount: number | null;
  scan: { scanned: number; total: number } | null;
  error: string | null;
  histograms: Record<NumericField, HistogramBar[] | null>;
  dataVersion: number;
}

// Filter, sort and selection outlive the screen: opening a trace and coming back keeps them.
const filterState = signal<TraceFilter>(EMPTY_FILTER);
const sortState = signal<TraceSort>('created_desc');
export const selectedTraceIds = signal<ReadonlySet<string>>(new Set());

/** Resolves once the browser has painted the current state, or after 100 ms in a hidden tab. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}

function useDataVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => onDatabaseChange((table) => table === 'traces' && setVersion((v) => v + 1)), []);
  return version;
}

export function useTraceBrowser(): TraceBrowserState {
  const db = appDatabase();
  const dataVersion = useDataVersion();
  const filter = filterState.value;
  const sort = sortState.value;
  const setFilter = (next: TraceFilter) => (filterState.value = next);
  const setSort = (next: TraceSort) => (sortState.value = next);
  const [ids, setIds] = useState<string[] | null>(null);
  const [partial, setPartial] = useState(false);
  const fullResultShown = useRef(false);
  const [storeCount, setStoreCount] = useState<number | null>(null);
  const [scan, setScan] = useState<TraceBrowserState['scan']>(null);
  const [error, setError] = useState<string | null>(null);
  const [histograms, setHistograms] = useState<TraceBrowserState['histograms']>({ step_count: null, total_chars: null, baseline_score: null });

  const unfiltered = filter.metaTerms.length === 0 && !filter.text.trim() && Object.keys(filter.ranges).length === 0;

  // The default view (newest first, no filter) shows the newest page first: indexing a store of
  // 100,000+ traces takes a moment, so the index is loaded only once those rows are on screen.
  const previewShown = useMemo(() => {
    if (!unfiltered || sort !== 'created_desc') return Promise.resolve();
    return newestTraces(db)
      .then((traces) => {
        if (fullResultShown.current || traces.length === 0) return;
        setIds(traces.map((trace) => trace.id));
        setPartial(true);
      })
      .then(afterNextPaint);
  }, []);

  useEffect(() => {
    void previewShown.then(() => countTraces(db)).then(setStoreCount);
  }, [dataVersion]);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    setScan(null);
    previewShown
      .then(() => queryTraceIds(db, filter, sort, { signal: controller.signal, onScan: (scanned, total) => setScan({ scanned, total }) }))
      .then((result) => {
        if (controller.signal.aborted) return;
        fullResultShown.current = true;
        setPartial(false);
        setIds(result);
        setScan(null);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason instanceof Error ? reason.message : String(reason));
      });
    return () => controller.abort();
  }, [filter, sort, dataVersion]);

  const idSet = useMemo(() => (ids && !unfiltered ? new Set(ids) : null), [ids, unfiltered]);
  useEffect(() => {
    if (ids === null || partial) return;
    let cancelled = false;
    // Histograms come after the rows: they never delay the first rows on screen.
    const timer = setTimeout(() => {
      for (const { field } of HISTOGRAM_FIELDS) {
        void numericHistogram(db, field, idSet).then((bars) => {
          if (!cancelled) setHistograms((previous) => ({ ...previous, [field]: bars }));
        });
      }
    }, 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [idSet, ids === null, partial, dataVersion]);

  return { filter, setFilter, sort, setSort, ids, partial, storeCount, scan, error, histograms, dataVersion };
}
