// Trace storage: bodies in pages of up to 1,000 traces (`trace_pages`) with a columnar summary
// per page (`trace_summaries`) and the page's ids and creation times (`trace_keys`, what an export
// reads to find its traces), written together in one transaction. IndexedDB in Chromium costs
// ~150 µs per record whatever its size (measured here), so one record per trace would cap
// imports near 6,000 traces/s; pages lift that limit. A page keeps each trace as its canonical
// JSON string (already computed for the content hash): cloning strings into IndexedDB is far
// cheaper than cloning nested objects, and a read parses only the traces it needs (the export reader, trace-reader.ts, parses none). Filters, sorts, histograms and duplicate
// checks run on the in-memory TraceIndex built from the summaries, cached per realm and
// reloaded when another context (a worker, another tab) changes the traces.
import type { StoredTrace } from '../traces/types';
import type { TunixDatabase } from './database';
import { announceChange, onDatabaseChange } from './changes';
import { describeQuotaError, isQuotaError } from './errors';
import type { Table } from 'dexie';
import { keysOfSummary, summarizePage, TraceIndex, type TracePageKeys, type TracePageSummary } from './trace-index';
import { StoredKeys } from './stored-keys';
import { canonicalJson } from '../traces/canonical';
import { uuidv7 } from '../shared/ids';

/**
 * A stored page; its id is a time-ordered UUID, so page order is insertion order. `records[k]`
 * is the canonical JSON of the k-th trace; its id and derived fields live in the page summary.
 */
export interface TracePage {
  id: string;
  records: string[];
}

interface PageContent {
  page: TracePage;
  summary: TracePageSummary;
}

/** Pages close at this many traces or this many characters, whichever comes first. */
export const PAGE_MAX_TRACES = 1_000;
export const PAGE_MAX_CHARS = 4_000_000;
const PAGE_CACHE_SIZE = 8;

interface RealmCache {
  index: Promise<TraceIndex> | null;
  /** Only the ids and hashes (duplicate checks), for contexts that do not need the index. */
  keys: Promise<StoredKeys> | null;
  pages: Map<string, StoredTrace[]>;
}

const caches = new WeakMap<TunixDatabase, RealmCache>();

function cacheOf(db: TunixDatabase): RealmCache {
  let cache = caches.get(db);
  if (!cache) {
    const created: RealmCache = { index: null, keys: null, pages: new Map() };
    onDatabaseChange((table, remote) => {
      if (table === 'traces' && remote) {
        created.index = null;
        created.keys = null;
        created.pages.clear();
      }
    });
    caches.set(db, (cache = created));
  }
  return cache;
}

/** Drops this realm's index and page cache (after the store was rewritten underneath them). */
export function forgetTraceCache(db: TunixDatabase): void {
  const cache = cacheOf(db);
  cache.index = null;
  cache.pages.clear();
}

/** The index of every stored trace, loaded once per realm and kept current. */
export function traceIndex(db: TunixDatabase): Promise<TraceIndex> {
  const cache = cacheOf(db);
  cache.index ??= loadIndex(db);
  return cache.index;
}

/** The ids and content hashes of every stored trace, loaded once per realm and kept current. */
export function storedKeys(db: TunixDatabase): Promise<StoredKeys> {
  const cache = cacheOf(db);
  cache.keys ??= addAllPages(db, new StoredKeys());
  return cache.keys;
}

/** Summary pages read and indexed per slice; the thread gets a turn between slices. */
const INDEX_SLICE_PAGES = 8;

/** Adds every stored summary to `target` slice by slice, so a large store never blocks its thread for long. */
async function addAllPages<T extends { addPage(summary: TracePageSummary): void }>(db: TunixDatabase, target: T): Promise<T> {
  const pageIds = await db.trace_summaries.toCollection().primaryKeys();
  for (let at = 0; at < pageIds.length; at += INDEX_SLICE_PAGES) {
    const summaries = await db.trace_summaries.bulkGet(pageIds.slice(at, at + INDEX_SLICE_PAGES));
    for (const summary of summaries) if (summary) target.addPage(summary);
    if (at + INDEX_SLICE_PAGES < pageIds.length) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return target;
}

async function loadIndex(db: TunixDatabase): Promise<TraceIndex> {
  const index = await addAllPages(db, new TraceIndex());
  performance.mark('traces:index-ready');
  return index;
}

function makePage(traces: StoredTrace[], records: string[]): PageContent {
  const id = uuidv7();
  return { page: { id, records }, summary: summarizePage(id, traces) };
}

function splitIntoPages(traces: StoredTrace[], records: string[]): PageContent[] {
  const contents: PageContent[] = [];
  let start = 0;
  let chars = 0;
  for (let k = 0; k < traces.length; k++) {
    const size = traces[k]!.total_chars;
    if (k > start && (k - start >= PAGE_MAX_TRACES || chars + size > PAGE_MAX_CHARS)) {
      contents.push(makePage(traces.slice(start, k), records.slice(start, k)));
      start = k;
      chars = 0;
    }
    chars += size;
  }
  if (start < traces.length) contents.push(makePage(traces.slice(start), records.slice(start)));
  return contents;
}

/** One stored trace, rebuilt from its record and row `k` of its page summary. */
function tracesFromRecord(record: string, summary: TracePageSummary, k: number): StoredTrace {
  const trace = JSON.parse(record) as StoredTrace;
  trace.id = summary.ids[k]!;
  trace.created_at = summary.created_at[k]!;
  trace.content_hash = summary.content_hash[k]!;
  trace.baseline_score = summary.baseline_score[k]!;
  trace.step_count = summary.step_count[k]!;
  trace.total_chars = summary.total_chars[k]!;
  trace.meta_terms = summary.meta_terms[k]!;
  return trace;
}

/** The stored traces of a page, rebuilt from its records and its summary. */
function tracesOf({ page, summary }: PageContent): StoredTrace[] {
  return page.records.map((record, k) => tracesFromRecord(record, summary, k));
}

/**
 * Stores a batch in one transaction: all of it or none of it. `records` (the canonical JSON of
 * each trace, as the importer already has it) is computed when not given.
 */
export async function appendTraces(db: TunixDatabase, traces: StoredTrace[], storedBefore = 0, records?: string[]): Promise<void> {
  if (traces.length === 0) return;
  const contents = splitIntoPages(traces, records ?? traces.map(canonicalJson));
  const pages = contents.map((content) => content.page);
  const summaries = contents.map((content) => content.summary);
  try {
    await db.transaction('rw', db.trace_pages, db.trace_summaries, db.trace_keys, async () => {
      await db.trace_pages.bulkAdd(pages);
      await db.trace_summaries.bulkAdd(summaries);
      await db.trace_keys.bulkAdd(summaries.map(keysOfSummary));
    });
  } catch (error) {
    if (isQuotaError(error)) throw describeQuotaError(storedBefore, `a batch of ${traces.length} traces`);
    throw error;
  }
  const cache = cacheOf(db);
  for (const loaded of [cache.index, cache.keys]) {
    if (!loaded) continue;
    const target = await loaded;
    for (const summary of summaries) target.addPage(summary);
  }
  announceChange('traces');
}

/** Removes the given trace ids from their pages (rewritten, or deleted when emptied), in one transaction. */
async function removeFromPages(db: TunixDatabase, byPage: ReadonlyMap<string, ReadonlySet<string>>): Promise<void> {
  await db.transaction('rw', db.trace_pages, db.trace_summaries, db.trace_keys, async () => {
    const pageIds = [...byPage.keys()];
    const [pages, summaries] = await Promise.all([db.trace_pages.bulkGet(pageIds), db.trace_summaries.bulkGet(pageIds)]);
    for (const [k, page] of pages.entries()) {
      const summary = summaries[k];
      if (!page || !summary) continue;
      const doomed = byPage.get(page.id)!;
      const keep = summary.ids.map((id) => !doomed.has(id));
      if (!keep.includes(true)) {
        await db.trace_pages.delete(page.id);
        await db.trace_summaries.delete(page.id);
        await db.trace_keys.delete(page.id);
        continue;
      }
      const kept = filterSummary(summary, keep);
      await db.trace_pages.put({ id: page.id, records: page.records.filter((_, row) => keep[row]) });
      await db.trace_summaries.put(kept);
      await db.trace_keys.put(keysOfSummary(kept));
    }
  });
}

/**
 * After pages were put in by key (a merge restore), keeps every trace id in one page only: a
 * trace of another page whose id also appears in one of `keptPageIds` is removed from that other
 * page. Call it inside the transaction that wrote the pages; returns how many rows were removed.
 */
export async function dropTracesShadowedBy(db: TunixDatabase, keptPageIds: ReadonlySet<string>): Promise<number> {
  const summaries = await db.trace_summaries.toArray();
  const kept = new Set<string>();
  for (const summary of summaries) if (keptPageIds.has(summary.id)) for (const id of summary.ids) kept.add(id);
  const byPage = new Map<string, Set<string>>();
  let removed = 0;
  for (const summary of summaries) {
    if (keptPageIds.has(summary.id)) continue;
    const shadowed = summary.ids.filter((id) => kept.has(id));
    if (shadowed.length > 0) byPage.set(summary.id, new Set(shadowed));
    removed += shadowed.length;
  }
  if (byPage.size > 0) await removeFromPages(db, byPage);
  return removed;
}

/**
 * Writes every page's keys anew from its summary: on the upgrade that adds trace_keys, and after
 * a restore (which leaves the derived table out). Call it inside a transaction over both tables.
 */
export async function rebuildTraceKeys(summaries: Table<TracePageSummary, string>, keys: Table<TracePageKeys, string>): Promise<void> {
  await keys.clear();
  await summaries.each((summary) => void keys.add(keysOfSummary(summary)));
}

/** Deletes traces by id, rewriting the pages that held them; returns how many existed. */
export async function deleteTraces(db: TunixDatabase, ids: string[]): Promise<number> {
  const index = await traceIndex(db);
  const byPage = new Map<string, Set<string>>();
  for (const id of ids) {
    const page = index.pageOf(id);
    if (page) (byPage.get(page) ?? byPage.set(page, new Set()).get(page)!).add(id);
  }
  if (byPage.size === 0) return 0;
  await removeFromPages(db, byPage);
  const cache = cacheOf(db);
  for (const pageId of byPage.keys()) cache.pages.delete(pageId);
  if (cache.keys) (await cache.keys).remove(ids);
  const removed = index.remove(ids);
  announceChange('traces');
  return removed;
}

export async function countTraces(db: TunixDatabase): Promise<number> {
  return (await traceIndex(db)).count;
}

function filterSummary(summary: TracePageSummary, keep: boolean[]): TracePageSummary {
  const pick = <T>(column: T[]) => column.filter((_, row) => keep[row]);
  return {
    id: summary.id,
    ids: pick(summary.ids),
    created_at: pick(summary.created_at),
    content_hash: pick(summary.content_hash),
    step_count: pick(summary.step_count),
    total_chars: pick(summary.total_chars),
    baseline_score: pick(summary.baseline_score),
    meta_terms: pick(summary.meta_terms),
  };
}

async function readPageContents(db: TunixDatabase, pageIds: string[]): Promise<PageContent[]> {
  const [pages, summaries] = await Promise.all([db.trace_pages.bulkGet(pageIds), db.trace_summaries.bulkGet(pageIds)]);
  const contents: PageContent[] = [];
  pages.forEach((page, k) => {
    const summary = summaries[k];
    if (page && summary) contents.push({ page, summary });
  });
  return contents;
}

async function loadPages(db: TunixDatabase, pageIds: string[]): Promise<StoredTrace[][]> {
  const cache = cacheOf(db);
  const found: StoredTrace[][] = [];
  const missing = pageIds.filter((id) => {
    const cached = cache.pages.get(id);
    if (cached) found.push(cached);
    return !cached;
  });
  for (const content of await readPageContents(db, missing)) {
    const traces = tracesOf(content);
    found.push(traces);
    cache.pages.set(content.page.id, traces);
    if (cache.pages.size > PAGE_CACHE_SIZE) cache.pages.delete(cache.pages.keys().next().value!);
  }
  return found;
}

/**
 * The newest stored traces (newest first, at most one page), read without the index so the
 * browser can show rows while the index of a large store is still loading.
 */
export async function newestTraces(db: TunixDatabase): Promise<StoredTrace[]> {
  const [pageId] = await db.trace_pages.orderBy(':id').reverse().limit(1).primaryKeys();
  if (!pageId) return [];
  const [content] = await readPageContents(db, [pageId]);
  if (!content) return [];
  const traces = tracesOf(content);
  cacheOf(db).pages.set(pageId, traces);
  return traces.slice().reverse();
}

/** Traces for ids, in the given order; ids no longer stored come back as undefined. */
export async function getTraces(db: TunixDatabase, ids: readonly string[]): Promise<(StoredTrace | undefined)[]> {
  const cached = new Map<string, StoredTrace>();
  const wanted = new Set(ids);
  for (const traces of cacheOf(db).pages.values()) for (const trace of traces) if (wanted.has(trace.id)) cached.set(trace.id, trace);
  if (cached.size === wanted.size) return ids.map((id) => cached.get(id));
  const index = await traceIndex(db);
  const pageIds = [...new Set(ids.map((id) => index.pageOf(id)).filter((page): page is string => page !== undefined))];
  const byId = new Map<string, StoredTrace>();
  for (const traces of await loadPages(db, pageIds)) for (const trace of traces) if (wanted.has(trace.id)) byId.set(trace.id, trace);
  return ids.map((id) => byId.get(id));
}

export async function getTrace(db: TunixDatabase, id: string): Promise<StoredTrace | undefined> {
  return (await getTraces(db, [id]))[0];
}

/** Visits every stored page in insertion order (for scans: text search, export of everything). */
export async function forEachTracePage(db: TunixDatabase, visit: (traces: StoredTrace[]) => void, signal?: AbortSignal): Promise<void> {
  const pageIds = await db.trace_pages.toCollection().primaryKeys();
  for (let at = 0; at < pageIds.length; at += 4) {
    signal?.throwIfAborted();
    for (const content of await readPageContents(db, pageIds.slice(at, at + 4))) visit(tracesOf(content));
  }
}
