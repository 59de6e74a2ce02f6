// The trace browser's queries: filtered, sorted id lists and histograms from the in-memory
// index, plus text search by scanning the pages of the candidate traces. Returns ids only;
// rows are fetched per visible window.
import type { TunixDatabase } from './database';
import { getTraces, traceIndex } from './trace-store';
import type { HistogramBar, NumericField, TraceFilter, TraceSort } from './trace-index';

export { EMPTY_FILTER } from './trace-index';
export type { HistogramBar, NumericField, NumericRange, TraceFilter, TraceSort } from './trace-index';

export interface QueryOptions {
  signal?: AbortSignal;
  /** Text search progress: traces scanned so far and how many to scan. */
  onScan?: (scanned: number, total: number) => void;
}

const TEXT_SCAN_CHUNK = 2_000;

/** Ids matching `filter`, in `sort` order. */
export async function queryTraceIds(db: TunixDatabase, filter: TraceFilter, sort: TraceSort, options: QueryOptions = {}): Promise<string[]> {
  const ids = (await traceIndex(db)).query(filter, sort);
  const needle = filter.text.trim().toLowerCase();
  return needle ? filterByText(db, ids, needle, options) : ids;
}

async function filterByText(db: TunixDatabase, ids: string[], needle: string, options: QueryOptions): Promise<string[]> {
  const kept: string[] = [];
  for (let start = 0; start < ids.length; start += TEXT_SCAN_CHUNK) {
    options.signal?.throwIfAborted();
    const traces = await getTraces(db, ids.slice(start, start + TEXT_SCAN_CHUNK));
    for (const trace of traces) {
      if (trace && (trace.prompt.toLowerCase().includes(needle) || trace.final_answer.toLowerCase().includes(needle))) kept.push(trace.id);
    }
    options.onScan?.(Math.min(start + TEXT_SCAN_CHUNK, ids.length), ids.length);
  }
  return kept;
}

/** Histogram of `field` over the traces in `ids` (all traces when `ids` is null). */
export async function numericHistogram(db: TunixDatabase, field: NumericField, ids: ReadonlySet<string> | null): Promise<HistogramBar[]> {
  return (await traceIndex(db)).histogram(field, ids);
}
