// The export reader's memory bound: in a scattered (random) order it holds a fixed number of
// pages, never the store, while handing out every record in the order asked; in a sequential
// order it reads each page once.
import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { TunixDatabase } from '../../../src/db/database';
import { BATCH_MAX_IDS, BATCH_MIN_IDS, createTraceReader, READ_SLICE_PAGES, RECENT_PAGES } from '../../../src/db/trace-reader';
import { appendTraces } from '../../../src/db/trace-store';
import { sourceFromIds } from '../../../src/export/stream';
import { uuidv7 } from '../../../src/shared/ids';
import { canonicalJson, type CanonicalTrace } from '../../../src/traces/canonical';
import type { StoredTrace } from '../../../src/traces/types';

const PAGES = 40;
const PER_PAGE = 500;

function trace(n: number): StoredTrace {
  return {
    id: uuidv7(),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(),
    content_hash: `hash-${n}`,
    baseline_score: 0,
    step_count: 1,
    total_chars: 20,
    meta_terms: [],
    trace_version: '1.0',
    prompt: `prompt ${n}`,
    steps: [{ i: 0, type: 't', content: `step ${n}` }],
    final_answer: `${n}`,
    meta: { n },
  };
}

async function storedTraces(name: string): Promise<{ db: TunixDatabase; traces: StoredTrace[] }> {
  const db = new TunixDatabase(name);
  const traces = Array.from({ length: PAGES * PER_PAGE }, (_, n) => trace(n));
  for (let page = 0; page < PAGES; page++) await appendTraces(db, traces.slice(page * PER_PAGE, (page + 1) * PER_PAGE));
  expect(await db.trace_pages.count()).toBe(PAGES);
  return { db, traces };
}

function shuffled<T>(values: T[], seed: string): T[] {
  const random = seedrandom(seed);
  const out = values.slice();
  for (let k = out.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [out[k], out[j]] = [out[j]!, out[k]!];
  }
  return out;
}

/** Every record of `ids` through the export source, and the size of each batch. */
async function readAll(db: TunixDatabase, ids: string[]) {
  const reader = await createTraceReader(db, ids);
  const records: (CanonicalTrace | undefined)[] = [];
  const sizes: number[] = [];
  for await (const batch of sourceFromIds(ids, reader, { batchEnd: reader.batchEnd })) {
    sizes.push(batch.length);
    for (const item of batch) records.push(item.trace as CanonicalTrace | undefined);
  }
  return { records, sizes, stats: reader.stats() };
}

describe('export trace reader', () => {
  it('holds a bounded number of pages for a random order, not the store, and gives every record in order', async () => {
    const { db, traces } = await storedTraces('reader-random');
    const order = shuffled(traces, 'reader-bound');
    const { records, sizes, stats } = await readAll(db, order.map((t) => t.id));
    expect(records.map((r) => r?.id)).toEqual(order.map((t) => t.id));
    expect(records.map((r) => r?.canonical)).toEqual(order.map(canonicalJson));
    expect(records.map((r) => r?.created_at)).toEqual(order.map((t) => t.created_at));
    // Scattered ids make big batches (each reads every page once), capped at BATCH_MAX_IDS.
    expect(sizes).toEqual([BATCH_MAX_IDS, PAGES * PER_PAGE - BATCH_MAX_IDS]);
    expect(stats.pagesRead).toBe(2 * PAGES - RECENT_PAGES); // the second batch starts with the pages kept from the first
    expect(stats.peakPagesHeld).toBeLessThanOrEqual(READ_SLICE_PAGES + RECENT_PAGES);
    expect(stats.peakPagesHeld).toBeLessThan(PAGES);
  });

  it('reads each page once for a sequential order, in batches cut at page changes', async () => {
    const { db, traces } = await storedTraces('reader-sequential');
    const newestFirst = traces.map((t) => t.id).reverse().slice(250); // starts mid-page
    const { records, sizes, stats } = await readAll(db, newestFirst);
    expect(records.map((r) => r?.id)).toEqual(newestFirst);
    expect(stats.pagesRead).toBe(PAGES);
    expect(stats.peakPagesHeld).toBeLessThanOrEqual(READ_SLICE_PAGES + RECENT_PAGES);
    expect(sizes.slice(0, -1).every((size) => size >= BATCH_MIN_IDS && size < BATCH_MIN_IDS + PER_PAGE)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(newestFirst.length);
  });

  it('reads missing and unwanted ids as undefined without breaking batches', async () => {
    const { db, traces } = await storedTraces('reader-missing');
    const wanted = traces.slice(0, 1_500).map((t) => t.id);
    const reader = await createTraceReader(db, wanted);
    const asked = [...wanted.slice(0, 3), 'gone', traces[1_600]!.id];
    expect((await reader(asked)).map((r) => r?.id)).toEqual([...wanted.slice(0, 3), undefined, undefined]);
    expect(reader.batchEnd(asked, 0)).toBe(asked.length);
  });

  it('locates the traces of a page without keys (a store restored before they existed) from its summary', async () => {
    const { db, traces } = await storedTraces('reader-unkeyed');
    const pages = await db.trace_keys.toCollection().primaryKeys();
    await db.trace_keys.bulkDelete([pages[0]!, pages[7]!]);
    const order = shuffled(traces, 'reader-unkeyed').map((t) => t.id);
    const { records } = await readAll(db, order);
    expect(records.map((r) => r?.id)).toEqual(order);
    const createdAt = new Map(traces.map((t) => [t.id, t.created_at]));
    expect(records.map((r) => r?.created_at)).toEqual(order.map((id) => createdAt.get(id)));
  });
});
