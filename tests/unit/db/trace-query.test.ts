// Browser queries over indexes: meta AND filters, ranges, sorts, text search and histograms.
import { beforeAll, describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { EMPTY_FILTER, numericHistogram, queryTraceIds } from '../../../src/db/trace-query';
import { uuidv7 } from '../../../src/shared/ids';
import type { StoredTrace } from '../../../src/traces/types';
import { appendTraces } from '../../../src/db/trace-store';

const db = new TunixDatabase('trace-query-test');
const traces: StoredTrace[] = Array.from({ length: 60 }, (_, n) => ({
  id: uuidv7(),
  created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  content_hash: n.toString(16).padStart(64, '0'),
  baseline_score: (n * 37) % 100,
  step_count: 1 + (n % 4),
  total_chars: 50 + n * 10,
  meta_terms: [`source=${n % 2 ? 'odd' : 'even'}`, `tens=${Math.floor(n / 10)}`],
  trace_version: '1.0',
  prompt: n === 42 ? 'The Needle question' : `prompt ${n}`,
  steps: [{ i: 0, type: 'computation', content: `step ${n}` }],
  final_answer: n === 7 ? 'a NEEDLE answer' : `${n}`,
  meta: { source: n % 2 ? 'odd' : 'even', tens: Math.floor(n / 10) },
}));

beforeAll(async () => {
  await appendTraces(db, traces.slice(0, 25));
  await appendTraces(db, traces.slice(25));
});

describe('queryTraceIds', () => {
  it('returns every id newest first by default order created_desc', async () => {
    const ids = await queryTraceIds(db, EMPTY_FILTER, 'created_desc');
    expect(ids).toEqual(traces.map((t) => t.id).reverse());
  });

  it('ANDs meta terms and keeps creation order', async () => {
    const ids = await queryTraceIds(db, { ...EMPTY_FILTER, metaTerms: ['source=odd', 'tens=2'] }, 'created_asc');
    const expected = traces.filter((_, n) => n % 2 === 1 && Math.floor(n / 10) === 2).map((t) => t.id);
    expect(ids).toEqual(expected);
    expect(ids).toHaveLength(5);
  });

  it('applies numeric ranges inclusive of max only when asked', async () => {
    const inclusive = await queryTraceIds(db, { ...EMPTY_FILTER, ranges: { step_count: { min: 2, max: 3, includeMax: true } } }, 'created_asc');
    const exclusive = await queryTraceIds(db, { ...EMPTY_FILTER, ranges: { step_count: { min: 2, max: 3, includeMax: false } } }, 'created_asc');
    expect(inclusive).toEqual(traces.filter((t) => t.step_count === 2 || t.step_count === 3).map((t) => t.id));
    expect(exclusive).toEqual(traces.filter((t) => t.step_count === 2).map((t) => t.id));
  });

  it('sorts by score both ways', async () => {
    const ascending = await queryTraceIds(db, { ...EMPTY_FILTER, metaTerms: ['source=even'] }, 'score_asc');
    const scores = ascending.map((id) => traces.find((t) => t.id === id)!.baseline_score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(ascending).toHaveLength(30);
    const descending = await queryTraceIds(db, { ...EMPTY_FILTER, metaTerms: ['source=even'] }, 'score_desc');
    expect(descending).toEqual([...ascending].reverse());
  });

  it('finds text in the prompt or the answer, case-insensitively, and reports the scan', async () => {
    const scans: number[] = [];
    const ids = await queryTraceIds(db, { ...EMPTY_FILTER, text: 'needle' }, 'created_asc', { onScan: (scanned) => scans.push(scanned) });
    expect(ids).toEqual([traces[7]!.id, traces[42]!.id]);
    expect(scans.at(-1)).toBe(60);
  });

  it('stops a text scan when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(queryTraceIds(db, { ...EMPTY_FILTER, text: 'x' }, 'created_asc', { signal: controller.signal })).rejects.toThrow();
  });
});

describe('numericHistogram', () => {
  it('counts every trace once, over all traces or a subset', async () => {
    const all = await numericHistogram(db, 'step_count', null);
    expect(all.map((bar) => bar.count)).toEqual([15, 15, 15, 15]);
    const subset = new Set(traces.slice(0, 10).map((t) => t.id));
    const some = await numericHistogram(db, 'step_count', subset);
    expect(some.map((bar) => bar.count)).toEqual([3, 3, 2, 2]);
    const scores = await numericHistogram(db, 'baseline_score', null);
    expect(scores).toHaveLength(10);
    expect(scores.reduce((sum, bar) => sum + bar.count, 0)).toBe(60);
  });
});
