// The in-memory index of every stored trace: one row per trace with the fields that filters,
// sorts, histograms, duplicate checks and dataset builds need, loaded from the per-page
// summaries. Pure (no Dexie): rows are appended in insertion order and deleted rows are marked
// dead, so row order is creation order. Must never hold trace bodies.
import { makeBins, type Bin } from '../shared/histogram';
import type { StoredTrace } from '../traces/types';

/** Columnar summary of one stored page of traces, in the page's order. */
export interface TracePageSummary {
  id: string;
  ids: string[];
  created_at: string[];
  content_hash: string[];
  step_count: number[];
  total_chars: number[];
  baseline_score: number[];
  meta_terms: string[][];
}

/** The ids and creation times of one page's traces, in the page's order (see schema version 7). */
export interface TracePageKeys {
  id: string;
  ids: string[];
  created_at: string[];
}

/** A page's keys, from its summary. */
export function keysOfSummary(summary: TracePageSummary): TracePageKeys {
  return { id: summary.id, ids: summary.ids, created_at: summary.created_at };
}

/** One trace's indexed fields (what a dataset build or the browser needs without the body). */
export interface TraceRow {
  id: string;
  created_at: string;
  content_hash: string;
  step_count: number;
  total_chars: number;
  baseline_score: number;
  meta_terms: string[];
}

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
  /** Case-insensitive substring of the prompt or the final answer (answered by scanning bodies). */
  text: string;
  ranges: Partial<Record<NumericField, NumericRange>>;
}

export const EMPTY_FILTER: TraceFilter = { metaTerms: [], text: '', ranges: {} };

export interface HistogramBar extends Bin {
  count: number;
}

const HISTOGRAM_SHAPE: Record<NumericField, { integer: boolean; maxBins: number; fixed?: [number, number] }> = {
  step_count: { integer: true, maxBins: 16 },
  total_chars: { integer: true, maxBins: 16 },
  baseline_score: { integer: false, maxBins: 10, fixed: [0, 100] },
};

export function summarizePage(pageId: string, traces: readonly StoredTrace[]): TracePageSummary {
  return {
    id: pageId,
    ids: traces.map((t) => t.id),
    created_at: traces.map((t) => t.created_at),
    content_hash: traces.map((t) => t.content_hash),
    step_count: traces.map((t) => t.step_count),
    total_chars: traces.map((t) => t.total_chars),
    baseline_score: traces.map((t) => t.baseline_score),
    meta_terms: traces.map((t) => t.meta_terms),
  };
}

export class TraceIndex {
  private readonly rows: TraceRow[] = [];
  private readonly pageOfRow: string[] = [];
  private readonly alive: boolean[] = [];
  private readonly rowOfId = new Map<string, number>();
  private readonly hashCounts = new Map<string, number>();
  private readonly rowsOfTerm = new Map<string, number[]>();
  private readonly pages = new Set<string>();
  private live = 0;

  static fromSummaries(summaries: Iterable<TracePageSummary>): TraceIndex {
    const index = new TraceIndex();
    for (const summary of summaries) index.addPage(summary);
    return index;
  }

  get count(): number {
    return this.live;
  }

  /** Adds a page's rows; a page already added (a write racing a load) is ignored. */
  addPage(summary: TracePageSummary): void {
    if (this.pages.has(summary.id)) return;
    this.pages.add(summary.id);
    for (let k = 0; k < summary.ids.length; k++) {
      const row = this.rows.length;
      const terms = summary.meta_terms[k] ?? [];
      const hash = summary.content_hash[k]!;
      this.rows.push({
        id: summary.ids[k]!,
        created_at: summary.created_at[k]!,
        content_hash: hash,
        step_count: summary.step_count[k]!,
        total_chars: summary.total_chars[k]!,
        baseline_score: summary.baseline_score[k]!,
        meta_terms: terms,
      });
      this.pageOfRow.push(summary.id);
      this.alive.push(true);
      this.rowOfId.set(summary.ids[k]!, row);
      this.hashCounts.set(hash, (this.hashCounts.get(hash) ?? 0) + 1);
      for (const term of terms) {
        let list = this.rowsOfTerm.get(term);
        if (!list) this.rowsOfTerm.set(term, (list = []));
        list.push(row);
      }
      this.live++;
    }
  }

  /** Marks the rows of `ids` deleted; returns how many were alive. */
  remove(ids: Iterable<string>): number {
    let removed = 0;
    for (const id of ids) {
      const row = this.rowOfId.get(id);
      if (row === undefined || !this.alive[row]) continue;
      this.alive[row] = false;
      this.rowOfId.delete(id);
      const hash = this.rows[row]!.content_hash;
      const left = (this.hashCounts.get(hash) ?? 1) - 1;
      if (left > 0) this.hashCounts.set(hash, left);
      else this.hashCounts.delete(hash);
      this.live--;
      removed++;
    }
    return removed;
  }

  has(id: string): boolean {
    return this.rowOfId.has(id);
  }

  hasHash(hash: string): boolean {
    return this.hashCounts.has(hash);
  }

  pageOf(id: string): string | undefined {
    const row = this.rowOfId.get(id);
    return row === undefined ? undefined : this.pageOfRow[row];
  }

  row(id: string): TraceRow | undefined {
    const row = this.rowOfId.get(id);
    return row === undefined ? undefined : this.rows[row];
  }

  /** Every live row, oldest first. */
  liveRows(): TraceRow[] {
    return this.rows.filter((_, row) => this.alive[row]);
  }

  /** Ids matching the filter's terms and ranges (text is not applied here), in `sort` order. */
  query(filter: TraceFilter, sort: TraceSort): string[] {
    let candidates = this.candidateRows(filter.metaTerms);
    const ranges = Object.entries(filter.ranges) as [NumericField, NumericRange][];
    if (ranges.length > 0) {
      candidates = candidates.filter((row) => ranges.every(([field, range]) => inRange(this.rows[row]![field], range)));
    }
    const descending = sort.endsWith('_desc');
    if (!sort.startsWith('created')) {
      const field: NumericField = sort.startsWith('score') ? 'baseline_score' : 'step_count';
      // Stable: equal values keep creation order, so ties read oldest-first (newest-first descending).
      candidates = candidates.slice().sort((a, b) => this.rows[a]![field] - this.rows[b]![field] || a - b);
    }
    const ids = candidates.map((row) => this.rows[row]!.id);
    return descending ? ids.reverse() : ids;
  }

  private candidateRows(terms: string[]): number[] {
    if (terms.length === 0) return this.rows.map((_, row) => row).filter((row) => this.alive[row]);
    const lists = terms.map((term) => this.rowsOfTerm.get(term) ?? []).sort((a, b) => a.length - b.length);
    const [shortest, ...others] = lists;
    const sets = others.map((list) => new Set(list));
    return shortest!.filter((row) => this.alive[row] && sets.every((set) => set.has(row)));
  }

  /** Histogram of `field` over the live rows in `ids` (all live rows when null). */
  histogram(field: NumericField, ids: ReadonlySet<string> | null): HistogramBar[] {
    const shape = HISTOGRAM_SHAPE[field];
    const values: number[] = [];
    for (let row = 0; row < this.rows.length; row++) {
      if (this.alive[row] && (!ids || ids.has(this.rows[row]!.id))) values.push(this.rows[row]![field]);
    }
    let min = shape.fixed?.[0] ?? Infinity;
    let max = shape.fixed?.[1] ?? -Infinity;
    if (!shape.fixed) {
      for (const row of this.rows.keys()) {
        if (!this.alive[row]) continue;
        const value = this.rows[row]![field];
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
    const bins = makeBins(min, max, shape);
    const counts = new Array<number>(bins.length).fill(0);
    for (const value of values) {
      const bin = bins.findIndex((b) => value >= b.lo && (value < b.hi || (b.last && value <= b.hi)));
      if (bin >= 0) counts[bin]!++;
    }
    return bins.map((bin, k) => ({ ...bin, count: counts[k]! }));
  }
}

function inRange(value: number, range: NumericRange): boolean {
  return value >= range.min && (value < range.max || (range.includeMax && value === range.max));
}
