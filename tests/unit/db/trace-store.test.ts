// The paged trace store: pages and summaries written together, reads by id across pages,
// deletes that rewrite pages, and the in-memory index kept in step with both.
import { describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { createTraceReader } from '../../../src/db/trace-reader';
import { appendTraces, countTraces, deleteTraces, getTrace, getTraces, PAGE_MAX_TRACES, storedKeys, traceIndex } from '../../../src/db/trace-store';
import { uuidv7 } from '../../../src/shared/ids';
import { canonicalJson, parseCanonicalTrace, type CanonicalTrace } from '../../../src/traces/canonical';
import type { StoredTrace } from '../../../src/traces/types';

function trace(n: number, chars = 100): StoredTrace {
  return {
    id: uuidv7(),
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n % 60)).toISOString(),
    content_hash: `hash-${n}`,
    baseline_score: n % 100,
    step_count: 1 + (n % 3),
    total_chars: chars,
    meta_terms: [`n=${n}`],
    trace_version: '1.0',
    prompt: `prompt ${n}`,
    steps: [{ i: 0, type: 't', content: `step ${n}` }],
    final_answer: `${n}`,
    meta: { n },
  };
}

/** What the export reader gives back of a stored trace: the record, its id and time. */
function exported({ id, created_at, trace_version, prompt, steps, final_answer, meta }: StoredTrace) {
  return { final_answer, meta, prompt, steps, trace_version, id, created_at };
}

describe('paged trace store', () => {
  it('splits a batch into pages by count and by size, all in one write', async () => {
    const db = new TunixDatabase('store-pages');
    const traces = Array.from({ length: PAGE_MAX_TRACES + 10 }, (_, n) => trace(n));
    await appendTraces(db, traces);
    expect(await db.trace_pages.count()).toBe(2);
    const big = Array.from({ length: 3 }, (_, n) => trace(5_000 + n, 3_000_000));
    await appendTraces(db, big);
    expect(await db.trace_pages.count()).toBe(5);
    expect(await db.trace_summaries.count()).toBe(5);
    expect(await countTraces(db)).toBe(PAGE_MAX_TRACES + 13);
  });

  it('reads traces by id in the order asked, across pages, with undefined for unknown ids', async () => {
    const db = new TunixDatabase('store-reads');
    const first = Array.from({ length: 5 }, (_, n) => trace(n));
    const second = Array.from({ length: 5 }, (_, n) => trace(10 + n));
    await appendTraces(db, first);
    await appendTraces(db, second);
    const wanted = [second[2]!.id, 'no-such-id', first[4]!.id];
    expect((await getTraces(db, wanted)).map((t) => t?.final_answer)).toEqual(['12', undefined, '4']);
    expect((await getTrace(db, first[0]!.id))?.prompt).toBe('prompt 0');
  });

  it('deletes by rewriting pages, drops emptied pages, and keeps the index and a fresh load in step', async () => {
    const db = new TunixDatabase('store-deletes');
    const first = Array.from({ length: 4 }, (_, n) => trace(n));
    const second = Array.from({ length: 2 }, (_, n) => trace(10 + n));
    await appendTraces(db, first);
    await appendTraces(db, second);
    const removed = await deleteTraces(db, [first[1]!.id, second[0]!.id, second[1]!.id, 'unknown']);
    expect(removed).toBe(3);
    expect(await db.trace_pages.count()).toBe(1);
    const index = await traceIndex(db);
    expect(index.count).toBe(3);
    expect(index.hasHash('hash-1')).toBe(false);
    expect(index.hasHash('hash-0')).toBe(true);
    const fresh = new TunixDatabase('store-deletes');
    expect((await traceIndex(fresh)).query({ metaTerms: [], text: '', ranges: {} }, 'created_asc')).toEqual([first[0]!.id, first[2]!.id, first[3]!.id]);
    expect(await getTrace(fresh, first[1]!.id)).toBeUndefined();
    // Each page's keys follow its summary: the emptied page has none, the rewritten one its rest.
    const summaries = await db.trace_summaries.toArray();
    expect(await db.trace_keys.toArray()).toEqual(summaries.map((summary) => ({ id: summary.id, ids: summary.ids, created_at: summary.created_at })));
    expect((await db.trace_keys.toArray()).flatMap((keys) => keys.ids)).toEqual([first[0]!.id, first[2]!.id, first[3]!.id]);
  });

  it('reads long id sequences page by page for export, in the order asked, as canonical records of the stored traces', async () => {
    const db = new TunixDatabase('store-reader');
    const traces = Array.from({ length: 2_500 }, (_, n) => trace(n));
    await appendTraces(db, traces);
    const newestFirst = traces.map((t) => t.id).reverse();
    const read = await createTraceReader(db, Promise.resolve(newestFirst.slice(0, -1)));
    const batches: (CanonicalTrace | undefined)[] = [];
    for (let at = 0; at < newestFirst.length - 1; at += 700) batches.push(...(await read(newestFirst.slice(at, Math.min(at + 700, newestFirst.length - 1)))));
    expect(batches.map((t) => t?.id)).toEqual(newestFirst.slice(0, -1));
    expect(batches.map((t) => t && parseCanonicalTrace(t))).toEqual((await getTraces(db, newestFirst.slice(0, -1))).map((t) => t && exported(t)));
    expect(batches.map((t) => t?.canonical)).toEqual(newestFirst.slice(0, -1).map((id) => canonicalJson(traces.find((t) => t.id === id)!)));
    const [missing, notWanted, fifth] = await read(['missing', traces[0]!.id, traces[5]!.id]);
    expect(missing).toBeUndefined();
    expect(notWanted).toBeUndefined(); // stored, but not among the ids the reader was made for
    expect(fifth && parseCanonicalTrace(fifth)).toEqual(exported((await getTrace(db, traces[5]!.id))!));
  });

  it('reads the right traces from a page that a delete rewrote after the reader began', async () => {
    const db = new TunixDatabase('store-reader-deletes');
    const traces = Array.from({ length: 30 }, (_, n) => trace(n));
    await appendTraces(db, traces);
    const ids = traces.map((t) => t.id);
    const read = await createTraceReader(db, ids);
    await deleteTraces(db, [traces[3]!.id, traces[10]!.id]);
    const found = await read(ids);
    expect(found.map((t) => t?.id)).toEqual(ids.map((id, n) => (n === 3 || n === 10 ? undefined : id)));
    expect(found.map((t) => t && parseCanonicalTrace(t))).toEqual(traces.map((t, n) => (n === 3 || n === 10 ? undefined : exported(t))));
  });

  it('keeps the ids and hashes for duplicate checks current through appends and deletes', async () => {
    const db = new TunixDatabase('store-keys');
    const first = Array.from({ length: 5 }, (_, n) => trace(n));
    await appendTraces(db, first);
    const keys = await storedKeys(db);
    expect(keys.has(first[0]!.id) && keys.hasHash('hash-4')).toBe(true);
    const twin = { ...trace(4), content_hash: 'hash-4' };
    await appendTraces(db, [twin, trace(7)]);
    expect(keys.has(twin.id) && keys.hasHash('hash-7')).toBe(true);
    await deleteTraces(db, [first[4]!.id, first[1]!.id]);
    expect(keys.has(first[4]!.id)).toBe(false);
    expect(keys.hasHash('hash-4')).toBe(true); // the twin still has it
    expect(keys.hasHash('hash-1')).toBe(false);
    const fresh = await storedKeys(new TunixDatabase('store-keys'));
    for (const id of [first[0]!.id, twin.id]) expect(fresh.has(id)).toBe(true);
    expect(fresh.hasHash('hash-1')).toBe(false);
  });
});
