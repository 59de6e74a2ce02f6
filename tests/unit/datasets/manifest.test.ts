import { describe, expect, it } from 'vitest';
import { buildDataset, manifestToJson, requestFromManifest, type BuildContext } from '../../../src/datasets/manifest';
import { selectTraces } from '../../../src/datasets/select';
import type { DatasetBuildRequest, DatasetManifest } from '../../../src/datasets/types';
import { newestFirst } from './summaries';

const REQUEST: DatasetBuildRequest = {
  name: 'HCD Baseline',
  version: 'v1',
  filters: { meta: ['source=ungar'] },
  selection_strategy: 'stratified',
  seed: 42,
  limit: 60,
  stratify: { key: 'result', mode: 'balanced' },
  split: { eval_fraction: 0.2 },
  session_id: 'session-1',
};

const CONTEXT: BuildContext = {
  buildId: '0b7e6c1e-2f7e-4c1a-9d55-0c9a1f3e2b10',
  createdAt: '2026-03-01T10:00:00.000Z',
  appVersion: '0.1.0',
  storeTraceCount: 5_000,
};

function built(request = REQUEST, context = CONTEXT): DatasetManifest {
  const result = buildDataset(newestFirst(1_000), request, context);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

describe('buildDataset', () => {
  it('writes the manifest fields in file order', () => {
    expect(Object.keys(built())).toEqual([
      'dataset_key', 'build_id', 'name', 'version', 'dataset_schema_version', 'created_at', 'filters', 'selection_strategy',
      'stratify', 'seed', 'limit', 'trace_ids', 'trace_count', 'split', 'stats', 'session_id', 'parent_dataset_id',
      'training_run_id', 'provenance',
    ]);
  });

  it('records the key, the request, the selection, its split, stats and provenance', () => {
    const manifest = built();
    expect(manifest).toMatchObject({
      dataset_key: 'hcd-baseline-v1',
      build_id: CONTEXT.buildId,
      dataset_schema_version: '1.0',
      created_at: CONTEXT.createdAt,
      seed: 42,
      limit: 60,
      trace_count: 60,
      session_id: 'session-1',
      parent_dataset_id: null,
      training_run_id: null,
      provenance: { app_version: '0.1.0', generator_manifests: [], store_counts: { traces_total: 5_000, traces_matching: 250 } },
    });
    expect(manifest.trace_ids).toEqual(selectTraces(newestFirst(1_000), REQUEST));
    expect(manifest.stats.trace_count).toBe(60);
    expect(manifest.stats.by_result).toEqual({ loss: 20, tie: 20, win: 20 });
    expect(manifest.split!.eval_fraction).toBe(0.2);
    expect(manifest.split!.eval_ids).toHaveLength(12);
    expect([...manifest.split!.train_ids, ...manifest.split!.eval_ids].sort()).toEqual([...manifest.trace_ids].sort());
  });

  it('builds the same trace ids and split again from the same store, request and seed', () => {
    const first = built();
    const second = built(structuredClone(REQUEST), { ...CONTEXT, buildId: 'another-build', createdAt: '2026-03-02T00:00:00.000Z' });
    expect(second.trace_ids).toEqual(first.trace_ids);
    expect(second.split).toEqual(first.split);
    expect(second.stats).toEqual(first.stats);
  });

  it('never overwrites: a taken key is an error naming the existing build', () => {
    const existing = { dataset_key: 'hcd-baseline-v1', build_id: 'b-1', created_at: '2026-02-01T00:00:00.000Z', trace_count: 10 };
    expect(buildDataset(newestFirst(100), REQUEST, { ...CONTEXT, existing })).toEqual({
      ok: false,
      errors: [
        {
          path: 'version',
          message: 'dataset hcd-baseline-v1 already exists (build b-1, 10 traces, created 2026-02-01T00:00:00.000Z); choose a new version',
        },
      ],
    });
  });

  it('passes validation errors through and refuses an empty selection', () => {
    const invalid = buildDataset(newestFirst(10), { ...REQUEST, seed: null }, CONTEXT);
    expect(invalid.ok ? [] : invalid.errors.map((error) => error.path)).toEqual(['seed']);
    const empty = buildDataset(newestFirst(10), { ...REQUEST, filters: { meta: ['source=nowhere'] } }, CONTEXT);
    expect(empty).toEqual({ ok: false, errors: [{ path: 'filters', message: 'no trace matches the filters (of 10 candidates)' }] });
  });

  it('uses null for what was not asked', () => {
    const manifest = built({ name: 'plain', version: '1', filters: { meta: [] }, selection_strategy: 'all' }, { ...CONTEXT, storeTraceCount: undefined });
    expect(manifest).toMatchObject({ stratify: null, seed: null, limit: null, split: null, session_id: null, trace_count: 1_000 });
    expect(manifest.provenance.store_counts).toEqual({ traces_total: 1_000, traces_matching: 1_000 });
  });
});

describe('requestFromManifest', () => {
  it('prefills a rebuild as the next free version with the old dataset as parent', () => {
    const manifest = built();
    const request = requestFromManifest(manifest, { takenVersions: new Set(['v2']) });
    expect(request).toEqual({ ...REQUEST, version: 'v3', parent_dataset_id: 'hcd-baseline-v1', training_run_id: null });
    const rebuilt = buildDataset(newestFirst(1_000), request, CONTEXT);
    expect(rebuilt.ok && rebuilt.value.trace_ids).toEqual(manifest.trace_ids);
    expect(rebuilt.ok && rebuilt.value.dataset_key).toBe('hcd-baseline-v3');
  });
});

describe('manifestToJson', () => {
  it('is pretty JSON with a final newline that parses back to the manifest', () => {
    const manifest = built();
    const text = manifestToJson(manifest);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "dataset_key": "hcd-baseline-v1",\n  "build_id"')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(manifest)));
  });
});
