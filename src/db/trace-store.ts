// Trace storage: bodies in pages of up to 1,000 traces (`trace_pages`) with a columnar summary
// per page (`trace_summaries`), written together in one transaction. IndexedDB in Chromium costs
// ~150 µs per record whatever its size (measured here), so one record per trace would cap
// imports near 6,000 traces/s; pages lift that limit. Filters, sorts, histograms and duplicate
// checks run on the in-memory TraceIndex built from the summaries, cached per realm and
// reloaded when another context (a worker, another tab) changes the traces.
import type { StoredTrace } from '../traces/types';
import type { TunixDatabase } from './database';
import { announceChange, onDatabaseChange } from './changes';
import { describeQuotaError, isQuotaError } from './errors';
import { summarizePage, TraceIndex } from './trace-index';
import { uuidv7 } from '../shared/ids';

/** A stored page of traces; its id is a time-ordered UUID, so page order is insertion order. */
export interface TracePage {
  id: string;
  traces: StoredTrace[];
}

/** Pages close at this many traces or this many characters, whichever comes first. */
export const PAGE_MAX_TRACES = 1_000;
export const PAGE_MAX_CHARS = 4_000_000;
const PAGE_CACHE_SIZE = 8;

interface RealmCache {
  index: Promise<TraceIndex> | null;
  pages: Map<string, TracePage>;
}

const caches = new WeakMap<TunixDatabase, RealmCache>();

function cacheOf(db: TunixDatabase): RealmCache {
  let cache = caches.get(db);
  if (!cache) {
    const created: RealmCache = { index: null, pages: new Map() };
    onDatabaseChange((table, remote) => {
      if (table === 'traces' && remote) {
        created.index = null;
        created.pages.clear();
      }
    });
    caches.set(db, (cache = created));
  }
  return cache;
}

/** The index of every stored trace, loaded once per realm and kept current. */
export function traceIndex(db: TunixDatabase): Promise<TraceIndex> {
  const cache = cacheOf(db);
  cache.index ??= db.trace_summaries.toArray().then((summaries) => TraceIndex.fromSummaries(summaries));
  return cache.index;
}

function splitIntoPages(traces: StoredTrace[]): TracePage[] {
  const pages: TracePage[] = [];
  let current: StoredTrace[] = [];
  let chars = 0;
  for (const trace of traces) {
    if (current.length > 0 && (current.length >= PAGE_MAX_TRACES || chars + trace.total_chars > PAGE_MAX_CHARS)) {
      pages.push({ id: uuidv7(), traces: current });
      current = [];
      chars = 0;
    }
    current.push(trace);
    chars += trace.total_chars;
  }
  if (current.length > 0) pages.push({ id: uuidv7(), traces: current });
  return pages;
}

/** Stores a batch in one transaction: all of it or none of it. */
export async function appendTraces(db: TunixDatabase, traces: StoredTrace[], storedBefore = 0): Promise<void> {
  if (traces.length === 0) return;
  const pages = splitIntoPages(traces);
  const summaries = pages.map((page) => summarizePage(page.id, page.traces));
  try {
    await db.transaction('rw', db.trace_pages, db.trace_summaries, async () => {
      await db.trace_pages.bulkAdd(pages);
      await db.trace_summaries.bulkAdd(summaries);
    });
  } catch (error) {
    if (isQuotaError(error)) throw describeQuotaError(storedBefore, `a batch of ${traces.length} traces`);
    throw error;
  }
  const cache = cacheOf(db);
  if (cache.index) {
    const index = await cache.index;
    for (const summary of summaries) index.addPage(summary);
  }
  announceChange('traces');
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
  await db.transaction('rw', db.trace_pages, db.trace_summaries, async () => {
    const pages = await db.trace_pages.bulkGet([...byPage.keys()]);
    for (const page of pages) {
      if (!page) continue;
      const doomed = byPage.get(page.id)!;
      const kept = page.traces.filter((trace) => !doomed.has(trace.id));
      if (kept.length === 0) {
        await db.trace_pages.delete(page.id);
        await db.trace_summaries.delete(page.id);
      } else {
        await db.trace_pages.put({ id: page.id, traces: kept });
        await db.trace_summaries.put(summarizePage(page.id, kept));
      }
    }
  });
  const cache = cacheOf(db);
  for (const pageId of byPage.keys()) cache.pages.delete(pageId);
  const removed = index.remove(ids);
  announceChange('traces');
  return removed;
}

export async function countTraces(db: TunixDatabase): Promise<number> {
  return (await traceIndex(db)).count;
}

async function loadPages(db: TunixDatabase, pageIds: string[]): Promise<Map<string, TracePage>> {
  const cache = cacheOf(db);
  const found = new Map<string, TracePage>();
  const missing = pageIds.filter((id) => {
    const cached = cache.pages.get(id);
    if (cached) found.set(id, cached);
    return !cached;
  });
  if (missing.length > 0) {
    const pages = await db.trace_pages.bulkGet(missing);
    for (const page of pages) {
      if (!page) continue;
      found.set(page.id, page);
      cache.pages.set(page.id, page);
      if (cache.pages.size > PAGE_CACHE_SIZE) cache.pages.delete(cache.pages.keys().next().value!);
    }
  }
  return found;
}

/** Traces for ids, in the given order; ids no longer stored come back as undefined. */
export async function getTraces(db: TunixDatabase, ids: readonly string[]): Promise<(StoredTrace | undefined)[]> {
  const index = await traceIndex(db);
  const pageIds = [...new Set(ids.map((id) => index.pageOf(id)).filter((page): page is string => page !== undefined))];
  const pages = await loadPages(db, pageIds);
  const byId = new Map<string, StoredTrace>();
  for (const page of pages.values()) for (const trace of page.traces) byId.set(trace.id, trace);
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
    const pages = await db.trace_pages.bulkGet(pageIds.slice(at, at + 4));
    for (const page of pages) if (page) visit(page.traces);
  }
}
