// The trace browser's queries: filtered, sorted id lists and histograms, answered from indexes
// so that 100,000+ traces stay fast. Returns ids only; rows are fetched per visible window.
import type { TunixDatabase } from './database';
import { makeBins, type Bin } from '../shared/histogram';

export type TraceSort = 'created_desc' | 'created_asc' | 'score_desc' | 'score_asc' | 'steps_desc' | 'steps_asc';
export type NumericField = 'step_count' | 'total_chars' | 'baseline_score';

export interface NumericRange {
  min: number;
  max: number;
  /** Whether `max` itself is inside the range. */
  includeMax: boolean;
}

export interface TraceFilter {
  /** `key=value` meta terms, all of which must match. */
  metaTerms: string[];
  /** Case-insensitive substring of the prompt or the final answer. */
  text: string;
  ranges: Partial<Record<NumericField, NumericRange>>;
}

export const EMPTY_FILTER: TraceFilter = { metaTerms: [], text: '', ranges: {} };

export interface QueryOptions {
  signal?: AbortSignal;
  /** Text search progress: traces scanned so far and how many to scan. */
  onScan?: (scanned: number, total: number) => void;
}

const TEXT_SCAN_CHUNK = 2_000;

function idsInRange(db: TunixDatabase, field: NumericField, range: NumericRange): Promise<string[]> {
  return db.traces.where(field).between(range.min, range.max, true, range.includeMax).primaryKeys();
}

/** Ids matching `filter`, in `sort` order. */
export async function queryTraceIds(
  db: TunixDatabase,
  filter: TraceFilter,
  sort: TraceSort,
  options: QueryOptions = {},
): Promise<string[]> {
  const termLists = await Promise.all(filter.metaTerms.map((term) => db.traces.where('meta_terms').equals(term).primaryKeys()));
  const rangeLists = await Promise.all(
    (Object.entries(filter.ranges) as [NumericField, NumericRange][]).map(([field, range]) => idsInRange(db, field, range)),
  );
  const descending = sort.endsWith('_desc');
  let ordered: string[];
  const restrictions: string[][] = [...rangeLists];
  if (sort.startsWith('created')) {
    // Meta-term lists come in primary-key (= creation) order: the shortest is the cheapest base.
    termLists.sort((a, b) => a.length - b.length);
    const [shortest, ...others] = termLists;
    ordered = shortest ?? (await db.traces.toCollection().primaryKeys());
    restrictions.push(...others);
  } else {
    ordered = await db.traces.orderBy(sort.startsWith('score') ? 'baseline_score' : 'step_count').primaryKeys();
    restrictions.push(...termLists);
  }
  let result = ordered;
  for (const list of restrictions.sort((a, b) => a.length - b.length)) {
    if (result.length === 0) break;
    const allowed = new Set(list);
    result = result.filter((id) => allowed.has(id));
  }
  if (descending) result = result.slice().reverse();
  const needle = filter.text.trim().toLowerCase();
  return needle ? filterByText(db, result, needle, options) : result;
}

async function filterByText(db: TunixDatabase, ids: string[], needle: string, options: QueryOptions): Promise<string[]> {
  const kept: string[] = [];
  for (let start = 0; start < ids.length; start += TEXT_SCAN_CHUNK) {
    options.signal?.throwIfAborted();
    const chunk = ids.slice(start, start + TEXT_SCAN_CHUNK);
    const traces = await db.traces.bulkGet(chunk);
    for (const trace of traces) {
      if (trace && (trace.prompt.toLowerCase().includes(needle) || trace.final_answer.toLowerCase().includes(needle))) {
        kept.push(trace.id);
      }
    }
    options.onScan?.(Math.min(start + TEXT_SCAN_CHUNK, ids.length), ids.length);
  }
  return kept;
}

export interface HistogramBar extends Bin {
  count: number;
}

const HISTOGRAM_SHAPE: Record<NumericField, { integer: boolean; maxBins: number; fixed?: [number, number] }> = {
  step_count: { integer: true, maxBins: 16 },
  total_chars: { integer: true, maxBins: 16 },
  baseline_score: { integer: false, maxBins: 10, fixed: [0, 100] },
};

/** Histogram of `field` over the traces in `ids` (all traces when `ids` is null). */
export async function numericHistogram(db: TunixDatabase, field: NumericField, ids: Set<string> | null): Promise<HistogramBar[]> {
  const shape = HISTOGRAM_SHAPE[field];
  let min: number;
  let max: number;
  if (shape.fixed) {
    [min, max] = shape.fixed;
  } else {
    const [lowest] = await db.traces.orderBy(field).limit(1).keys();
    const [highest] = await db.traces.orderBy(field).reverse().limit(1).keys();
    if (typeof lowest !== 'number' || typeof highest !== 'number') return [];
    [min, max] = [lowest, highest];
  }
  const bins = makeBins(min, max, shape);
  const counts = await Promise.all(
    bins.map(async (bin) => {
      const range = { min: bin.lo, max: bin.hi, includeMax: bin.last };
      if (!ids) return db.traces.where(field).between(range.min, range.max, true, range.includeMax).count();
      const inBin = await idsInRange(db, field, range);
      let count = 0;
      for (const id of inBin) if (ids.has(id)) count++;
      return count;
    }),
  );
  return bins.map((bin, k) => ({ ...bin, count: counts[k] ?? 0 }));
}
