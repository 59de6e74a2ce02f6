// The datasets table and the reads a build needs. Owns: reading trace summaries from the trace
// index (never a trace body, so a build over 100,000 traces stays well under a second),
// the build itself in one read-write transaction (key check, candidates, manifest write), the
// live count of the build form, listing, deleting, and finding manifest ids the store lost.
// Must never select, filter or compute statistics itself (src/datasets/ does) and must never
// overwrite a stored build: the dataset_key index is unique and a taken key is an error value.
import { buildDataset, keyTakenMessage, type ExistingBuild } from '../datasets/manifest';
import { datasetKey } from '../datasets/key';
import type { DatasetBuildRequest, DatasetFilters, DatasetManifest, TraceSummary } from '../datasets/types';
import type { ValidationResult } from '../traces/types';
import type { TunixDatabase } from './database';
import { announceChange } from './changes';
import { describeQuotaError, isQuotaError } from './errors';
import type { TraceIndex } from './trace-index';
import { traceIndex } from './trace-store';
import { countMatching } from '../datasets/filters';

/** A dataset as the list shows it: the manifest without its id lists. */
export type DatasetListItem = Pick<
  DatasetManifest,
  'dataset_key' | 'build_id' | 'name' | 'version' | 'created_at' | 'selection_strategy' | 'trace_count' | 'parent_dataset_id'
> & { split: { train: number; eval: number } | null };

export interface BuildOptions {
  appVersion: string;
  /** Defaults: crypto.randomUUID() and the current time. */
  buildId?: string;
  createdAt?: string;
}

function toTraceSummaries(index: TraceIndex): TraceSummary[] {
  // Newest first, as select.ts expects.
  return index
    .liveRows()
    .reverse()
    .map(({ id, created_at, step_count, total_chars, baseline_score, meta_terms }) => ({ id, created_at, step_count, total_chars, baseline_score, meta_terms }));
}

/** Summaries of every stored trace, newest first, from the in-memory trace index (no bodies). */
export async function readTraceSummaries(db: TunixDatabase): Promise<TraceSummary[]> {
  return toTraceSummaries(await traceIndex(db));
}

/** How many stored traces `filters` keep (the build form's live count). */
export async function countMatchingTraces(db: TunixDatabase, filters: DatasetFilters): Promise<number> {
  return countMatching(await readTraceSummaries(db), filters);
}

async function existingBuild(db: TunixDatabase, key: string): Promise<ExistingBuild | null> {
  const found = await db.datasets.where('dataset_key').equals(key).first();
  return found ? { dataset_key: found.dataset_key, build_id: found.build_id, created_at: found.created_at, trace_count: found.trace_count } : null;
}

function isConstraintError(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConstraintError';
}

/**
 * Builds `request` from the store and stores its manifest, in one read-write transaction: the
 * key check, the summaries and the write see the same store. A taken key, an invalid request or
 * an empty match come back as errors; nothing is written then.
 */
export async function buildAndStoreDataset(
  db: TunixDatabase,
  request: DatasetBuildRequest,
  options: BuildOptions,
): Promise<ValidationResult<DatasetManifest>> {
  const key = datasetKey(String(request.name ?? ''), String(request.version ?? ''));
  let result: ValidationResult<DatasetManifest>;
  try {
    // Candidates come from this realm's trace index, which local writes keep current and remote
    // ones invalidate; the key check and the manifest write share one transaction.
    const candidates = await readTraceSummaries(db);
    result = await db.transaction('rw', [db.datasets, db.generated_sets], async () => {
      const existing = key.ok ? await existingBuild(db, key.value) : null;
      if (existing) return { ok: false, errors: [{ path: 'version', message: keyTakenMessage(existing) }] };
      const generated = await db.generated_sets.orderBy('created_at').toArray();
      const storeTraceCount = candidates.length;
      const built = buildDataset(candidates, request, {
        buildId: options.buildId ?? crypto.randomUUID(),
        createdAt: options.createdAt ?? new Date().toISOString(),
        appVersion: options.appVersion,
        generatorManifests: generated.map((set) => set.manifest),
        storeTraceCount,
        existing,
      });
      if (built.ok) await db.datasets.add(built.value);
      return built;
    });
  } catch (error) {
    const inner = (error as { inner?: unknown } | null)?.inner;
    if ((isConstraintError(error) || isConstraintError(inner)) && key.ok) {
      const existing = await existingBuild(db, key.value);
      if (existing) return { ok: false, errors: [{ path: 'version', message: keyTakenMessage(existing) }] };
    }
    if (isQuotaError(error)) throw describeQuotaError(0, 'the dataset manifest');
    throw error;
  }
  if (result.ok) announceChange('datasets');
  return result;
}

function toListItem(manifest: DatasetManifest): DatasetListItem {
  return {
    dataset_key: manifest.dataset_key,
    build_id: manifest.build_id,
    name: manifest.name,
    version: manifest.version,
    created_at: manifest.created_at,
    selection_strategy: manifest.selection_strategy,
    trace_count: manifest.trace_count,
    parent_dataset_id: manifest.parent_dataset_id,
    split: manifest.split ? { train: manifest.split.train_ids.length, eval: manifest.split.eval_ids.length } : null,
  };
}

/** Every stored dataset, newest first. */
export async function listDatasets(db: TunixDatabase): Promise<DatasetListItem[]> {
  const manifests = await db.datasets.orderBy('created_at').reverse().toArray();
  return manifests.map(toListItem);
}

export function getDataset(db: TunixDatabase, key: string): Promise<DatasetManifest | undefined> {
  return db.datasets.where('dataset_key').equals(key).first();
}

/** The versions already used under `name` (for rebuild-as-new-version). */
export async function takenVersions(db: TunixDatabase, name: string): Promise<Set<string>> {
  const manifests = await db.datasets.where('name').equals(name).toArray();
  return new Set(manifests.map((manifest) => manifest.version));
}

/** Deletes the build stored under `key`; false when there was none. Traces are kept. */
export async function deleteDataset(db: TunixDatabase, key: string): Promise<boolean> {
  const deleted = await db.transaction('rw', db.datasets, () => db.datasets.where('dataset_key').equals(key).delete());
  if (deleted > 0) announceChange('datasets');
  return deleted > 0;
}

/** The ids of `ids` the store no longer has, in their order. */
export async function findMissingTraceIds(db: TunixDatabase, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const index = await traceIndex(db);
  return ids.filter((id) => !index.has(id));
}
