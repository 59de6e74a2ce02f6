// The datasets repository against fake-indexeddb: summaries read from indexes give the same build
// as the pure path over whole records, live counts agree with the pure filter, a taken key is
// an error and never overwritten, delete and missing-id detection.
import { appendTraces, deleteTraces } from '../../../src/db/trace-store';
import { beforeAll, describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import {
  buildAndStoreDataset,
  countMatchingTraces,
  deleteDataset,
  findMissingTraceIds,
  getDataset,
  listDatasets,
  readTraceSummaries,
  takenVersions,
} from '../../../src/db/datasets-repository';
import { buildDataset } from '../../../src/datasets/manifest';
import { countMatching, summarizeTrace } from '../../../src/datasets/filters';
import type { DatasetBuildRequest, DatasetFilters } from '../../../src/datasets/types';
import { toStoredTrace } from '../../../src/traces/derive';
import type { StoredTrace } from '../../../src/traces/types';

const CATEGORIES = ['arithmetic', 'percent', 'units'];

function storedTrace(n: number): StoredTrace {
  const meta: Record<string, string | number> = { source: n % 4 === 0 ? 'ungar' : 'corpus', category: CATEGORIES[(n * n) % 3]!, n };
  if (n % 4 === 0) meta['result'] = ['win', 'loss', 'tie'][n % 3]!;
  const steps = Array.from({ length: n % 7 }, (_, i) => ({ i, type: 'computation', content: `step ${i} of ${n} ${'x'.repeat(n % 50)}` }));
  return toStoredTrace(
    { trace_version: '1.0', prompt: `prompt ${n}`, steps, final_answer: `${n}`, meta },
    {
      id: `0190aaaa-0000-7000-8000-${n.toString(16).padStart(12, '0')}`,
      created_at: new Date(Date.UTC(2026, 0, 1) + n * 3_600_000).toISOString(),
      content_hash: n.toString(16).padStart(64, '0'),
    },
  );
}

const traces = Array.from({ length: 240 }, (_, n) => storedTrace(n));
const db = new TunixDatabase('datasets-repository-test');
const CONTEXT = { appVersion: 'test', buildId: 'build-1', createdAt: '2026-02-01T00:00:00.000Z' };

function stratifiedRequest(version: string): DatasetBuildRequest {
  return {
    name: 'Demo Set',
    version,
    filters: { meta: ['source=corpus'], step_count: { min: 1 } },
    selection_strategy: 'stratified',
    stratify: { key: 'category', mode: 'balanced' },
    seed: 7,
    limit: 90,
    split: { eval_fraction: 0.2 },
  };
}

beforeAll(async () => {
  await appendTraces(db, traces);
});

describe('readTraceSummaries', () => {
  it('gives the same build as summaries of the whole records', async () => {
    const request = stratifiedRequest('v1');
    const fromIndexes = buildDataset(await readTraceSummaries(db), request, CONTEXT);
    const fromRecords = buildDataset(traces.map(summarizeTrace), request, CONTEXT);
    expect(fromIndexes.ok && fromRecords.ok).toBe(true);
    if (!fromIndexes.ok || !fromRecords.ok) return;
    expect(fromIndexes.value.trace_ids).toEqual(fromRecords.value.trace_ids);
    expect(fromIndexes.value.split).toEqual(fromRecords.value.split);
    expect(fromIndexes.value.stats).toEqual(fromRecords.value.stats);
    expect(fromIndexes.value.trace_count).toBe(90);
  });

  it('lists summaries newest first', async () => {
    const summaries = await readTraceSummaries(db);
    expect(summaries.map((s) => s.id)).toEqual(traces.map((t) => t.id).reverse());
  });
});

describe('countMatchingTraces', () => {
  const cases: [string, DatasetFilters][] = [
    ['no filter', { meta: [] }],
    ['two meta terms', { meta: ['source=ungar', 'category=percent'] }],
    ['source', { meta: [], source: 'corpus' }],
    ['step range', { meta: [], step_count: { min: 2, max: 4 } }],
    ['min score', { meta: [], min_baseline_score: 50 }],
    ['created range with an offset', { meta: ['category=units'], created: { from: '2026-01-03T02:00:00+02:00', to: '2026-01-06T00:00:00Z' } }],
  ];
  for (const [label, filters] of cases) {
    it(`agrees with the pure filter: ${label}`, async () => {
      const expected = countMatching(traces.map(summarizeTrace), filters);
      expect(await countMatchingTraces(db, filters)).toBe(expected);
    });
  }
});

describe('buildAndStoreDataset', () => {
  it('stores the manifest, and the same request with the same seed gives the same ids', async () => {
    const first = await buildAndStoreDataset(db, stratifiedRequest('v1'), { appVersion: 'test' });
    const again = await buildAndStoreDataset(db, stratifiedRequest('v2'), { appVersion: 'test' });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.value.trace_ids).toEqual(first.value.trace_ids);
    expect(first.value.provenance.store_counts.traces_total).toBe(240);
    expect((await getDataset(db, 'demo-set-v1'))?.build_id).toBe(first.value.build_id);
    expect(await takenVersions(db, 'Demo Set')).toEqual(new Set(['v1', 'v2']));
    expect((await listDatasets(db)).map((item) => item.dataset_key).sort()).toEqual(['demo-set-v1', 'demo-set-v2']);
  });

  it('refuses a taken key, naming the existing build, and keeps it unchanged', async () => {
    const stored = await getDataset(db, 'demo-set-v1');
    const retry = await buildAndStoreDataset(db, { ...stratifiedRequest('v1'), seed: 99 }, { appVersion: 'test' });
    expect(retry.ok).toBe(false);
    if (retry.ok) return;
    expect(retry.errors[0]!.path).toBe('version');
    expect(retry.errors[0]!.message).toContain(`dataset demo-set-v1 already exists (build ${stored!.build_id}`);
    expect(await getDataset(db, 'demo-set-v1')).toEqual(stored);
  });

  it('returns validation errors without writing', async () => {
    const before = await db.datasets.count();
    const result = await buildAndStoreDataset(db, { ...stratifiedRequest('v9'), seed: null }, { appVersion: 'test' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('seed');
    expect(await db.datasets.count()).toBe(before);
  });

  it('deletes a build by key and reports ids the store lost', async () => {
    const manifest = (await getDataset(db, 'demo-set-v2'))!;
    const gone = [manifest.trace_ids[3]!, manifest.trace_ids[40]!];
    await deleteTraces(db, gone);
    expect(await findMissingTraceIds(db, manifest.trace_ids)).toEqual(gone);
    expect(await deleteDataset(db, 'demo-set-v2')).toBe(true);
    expect(await deleteDataset(db, 'demo-set-v2')).toBe(false);
    expect(await getDataset(db, 'demo-set-v2')).toBeUndefined();
  });
});
