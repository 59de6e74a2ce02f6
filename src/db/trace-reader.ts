// The export reader: long reads of a dataset's traces in the dataset's order (any order: newest
// first, random, stratified), as the canonical records the pages keep, unparsed. It locates the
// wanted ids once from the pages' keys (trace_keys: ids and times, a fifth of the summaries'
// bytes; a page without keys from its summary), then serves batches: each batch reads
// the pages its ids are on, a few at a time, copies out the records it needs and lets the pages
// go. Memory is bounded whatever the order: at most READ_SLICE_PAGES pages being read plus
// RECENT_PAGES kept for the next batch (a sequential export reads each page once), and the
// records of one batch. `batchEnd` sizes batches so that a scattered order (where every batch
// touches most pages) reads big batches instead of re-reading the store per thousand traces.
// Must never write, and never hold pages beyond those bounds.
import type { TunixDatabase } from './database';
import type { CanonicalTrace } from '../traces/canonical';
import type { TracePageKeys } from './trace-index';

/** Pages' keys read at once while locating (about 60 KB each for 1,000 traces). */
const LOCATE_SLICE_PAGES = 8;
/** Pages read at once within a batch. */
export const READ_SLICE_PAGES = 8;
/** Pages kept from one batch to the next (the page a sequential batch ends inside). */
export const RECENT_PAGES = 2;
/** A batch has at least this many ids (unless the ids end)… */
export const BATCH_MIN_IDS = 4_000;
/** …and at most this many: the records one batch holds. */
export const BATCH_MAX_IDS = 16_384;
/** Row slots per page in a packed (page, row) location; above PAGE_MAX_TRACES. */
const PAGE_ROW_SLOTS = 4_096;

/** One page as the reader holds it; `rowOf` is set when the page changed after the reader began. */
interface ReaderPage {
  records: string[];
  createdAt: string[];
  rowOf: Map<string, number> | null;
}

export interface ReaderStats {
  /** Pages read from storage so far. */
  pagesRead: number;
  /** The most pages held at once (being read and kept). */
  peakPagesHeld: number;
}

export interface TraceReader {
  /** The records of `ids` in their order; undefined for an id gone or not among the wanted ones. */
  (ids: readonly string[]): Promise<(CanonicalTrace | undefined)[]>;
  /**
   * Where the batch of `ids` starting at `start` should end (exclusive): at the first page
   * change after BATCH_MIN_IDS once the batch reads at most twice the rows it uses, else at
   * BATCH_MAX_IDS.
   */
  batchEnd(ids: readonly string[], start: number): number;
  stats(): ReaderStats;
}

/** `values` with each value equal to its predecessor replaced by it: one string per run. */
function shareRuns(values: string[]): string[] {
  for (let k = 1; k < values.length; k++) if (values[k] === values[k - 1]) values[k] = values[k - 1]!;
  return values;
}

/**
 * A reader of `wanted`, the ids it will be asked for (any other id reads as missing): keeps only
 * where each is and its creation time. A page that a delete rewrote after the reader began (it is
 * shorter then: pages are only ever shortened or removed) is read again with its summary.
 */
export async function createTraceReader(db: TunixDatabase, wanted: readonly string[] | Promise<readonly string[]>): Promise<TraceReader> {
  const pageIds: string[] = [];
  const pageLength: number[] = [];
  const createdAt: string[][] = [];
  const summaryIds = await db.trace_summaries.toCollection().primaryKeys();
  // Each page's keys (light: ids and times only), or its summary where keys are missing.
  const readKeys = async (pages: string[]): Promise<(TracePageKeys | undefined)[]> => {
    const keys = await db.trace_keys.bulkGet(pages);
    const unkeyed = pages.filter((_, k) => !keys[k]);
    if (unkeyed.length === 0) return keys;
    const summaries = new Map((await db.trace_summaries.bulkGet(unkeyed)).map((summary, k) => [unkeyed[k]!, summary]));
    return pages.map((page, k) => keys[k] ?? summaries.get(page));
  };
  const readSlice = (at: number) => readKeys(summaryIds.slice(at, at + LOCATE_SLICE_PAGES));
  let slice = readSlice(0);
  // Keyed by the wanted ids' own strings (the summaries' copies are dropped); -1: not found yet.
  const location = new Map<string, number>((await wanted).map((id) => [id, -1]));
  for (let at = 0; at < summaryIds.length; at += LOCATE_SLICE_PAGES) {
    const summaries = await slice;
    if (at + LOCATE_SLICE_PAGES < summaryIds.length) slice = readSlice(at + LOCATE_SLICE_PAGES);
    for (const summary of summaries) {
      if (!summary) continue;
      const page = pageIds.push(summary.id) - 1;
      const ids = summary.ids;
      let found = false;
      for (let row = 0; row < ids.length; row++) {
        if (location.get(ids[row]!) === -1) {
          location.set(ids[row]!, page * PAGE_ROW_SLOTS + row);
          found = true;
        }
      }
      pageLength.push(ids.length);
      createdAt.push(found ? shareRuns(summary.created_at) : []);
    }
  }

  const recent = new Map<number, ReaderPage | null>();
  const stats: ReaderStats = { pagesRead: 0, peakPagesHeld: 0 };
  const readPage = async (page: number, records: string[] | undefined): Promise<ReaderPage | null> => {
    if (records && records.length === pageLength[page]) return { records, createdAt: createdAt[page]!, rowOf: null };
    if (!records) return null;
    const [stored, summary] = await db.transaction('r', db.trace_pages, db.trace_summaries, () =>
      Promise.all([db.trace_pages.get(pageIds[page]!), db.trace_summaries.get(pageIds[page]!)]),
    );
    if (!stored || !summary) return null;
    return { records: stored.records, createdAt: summary.created_at, rowOf: new Map(summary.ids.map((id, row) => [id, row])) };
  };
  const recordOf = (id: string, at: number, page: ReaderPage | null | undefined): CanonicalTrace | undefined => {
    const row = page?.rowOf ? page.rowOf.get(id) : at % PAGE_ROW_SLOTS;
    const canonical = page && row !== undefined ? page.records[row] : undefined;
    return canonical === undefined ? undefined : { id, created_at: page!.createdAt[row!]!, canonical };
  };

  const read = async (ids: readonly string[]) => {
    const traces = new Array<CanonicalTrace | undefined>(ids.length);
    // Positions of the ids per page, pages in first-use order, and each id's location.
    const positions = new Map<number, number[]>();
    const locations = new Int32Array(ids.length);
    for (let k = 0; k < ids.length; k++) {
      const at = (locations[k] = location.get(ids[k]!) ?? -1);
      if (at < 0) continue;
      const page = Math.floor(at / PAGE_ROW_SLOTS);
      (positions.get(page) ?? positions.set(page, []).get(page)!).push(k);
    }
    const fill = (page: number, held: ReaderPage | null) => {
      for (const k of positions.get(page)!) traces[k] = recordOf(ids[k]!, locations[k]!, held);
    };
    const toRead: number[] = [];
    for (const page of positions.keys()) {
      if (recent.has(page)) fill(page, recent.get(page)!);
      else toRead.push(page);
    }
    let last: [number, ReaderPage | null][] = [];
    for (let at = 0; at < toRead.length; at += READ_SLICE_PAGES) {
      const pages = toRead.slice(at, at + READ_SLICE_PAGES);
      const stored = await db.trace_pages.bulkGet(pages.map((page) => pageIds[page]!));
      stats.pagesRead += pages.length;
      stats.peakPagesHeld = Math.max(stats.peakPagesHeld, pages.length + recent.size);
      last = [];
      for (const [k, page] of pages.entries()) {
        const held = await readPage(page, stored[k]?.records);
        fill(page, held);
        last.push([page, held]);
      }
    }
    // Keep the pages last read (a sequential order goes on in the last of them).
    for (const [page, held] of last.slice(-RECENT_PAGES)) {
      recent.delete(page);
      recent.set(page, held);
      if (recent.size > RECENT_PAGES) recent.delete(recent.keys().next().value!);
    }
    return traces;
  };

  const batchEnd = (ids: readonly string[], start: number) => {
    const touched = new Set<number>();
    let rows = 0;
    let end = start;
    for (; end < ids.length && end - start < BATCH_MAX_IDS; end++) {
      const at = location.get(ids[end]!) ?? -1;
      if (at < 0) continue;
      const page = Math.floor(at / PAGE_ROW_SLOTS);
      if (touched.has(page)) continue;
      if (end - start >= BATCH_MIN_IDS && rows <= 2 * (end - start)) break;
      touched.add(page);
      rows += pageLength[page]!;
    }
    return end;
  };

  return Object.assign(read, { batchEnd, stats: () => ({ ...stats }) });
}
