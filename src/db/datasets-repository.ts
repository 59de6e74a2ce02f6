// The datasets table and the reads a build needs. Owns: reading trace summaries from the traces
// table's INDEXES (never a trace body, so a build over 100,000 traces stays well under a second),
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

/** Meta keys whose terms every summary carries: the statistics count them. */
const STATS_META_KEYS = ['category', 'source', 'result'] as const;

type NumericColumn = 'step_count' | 'total_chars' | 'baseline_score';

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

/** id → value of one indexed field, read by a key cursor over its index (no record values). */
async function readIndexColumn<K extends string | number>(db: TunixDatabase, field: NumericColumn | 'created_at'): Promise<Map<string, K>> {
  const column = new Map<string, K>();
  await db.traces.orderBy(field).eachKey((key, cursor) => {
    column.set(cursor.primaryKey as string, key as K);
  });
  return column;
}

/** id → the `key=value` terms of `key` (a trace has at most one per key), from the meta_terms index. */
async function readMetaKey(db: TunixDatabase, key: string, into: Map<string, string[]>): Promise<void> {
  const terms = (await db.traces.where('meta_terms').startsWith(`${key}=`).uniqueKeys()) as string[];
  const idLists = await Promise.all(terms.map((term) => db.traces.where('meta_terms').equals(term).primaryKeys()));
  terms.forEach((term, k) => {
    for (const id of idLists[k]!) {
      const list = into.get(id);
      if (list) list.push(term);
      else into.set(id, [term]);
    }
  });
}

/** Ids carrying every term (AND), ascending (creation order); null when there are no terms. */
async function idsWithAllTerms(db: TunixDatabase, terms: readonly string[]): Promise<string[] | null> {
  if (terms.length === 0) return null;
  const lists = await Promise.all(terms.map((term) => db.traces.where('meta_terms').equals(term).primaryKeys()));
  lists.sort((a, b) => a.length - b.length);
  let result = lists[0]!;
  for (const list of lists.slice(1)) {
    const allowed = new Set(list);
    result = result.filter((id) => allowed.has(id));
  }
  return result;
}

function metaKeysToRead(stratifyKey: string | undefined): Set<string> {
  const keys = new Set<string>(STATS_META_KEYS);
  if (stratifyKey) keys.add(stratifyKey);
  return keys;
}

/**
 * Summaries of the traces a build with `filters` can take: every stored trace, or only those with
 * all of the filter's meta terms (an index lookup). `meta_terms` holds just the terms a build
 * reads: the filter's own, and those of `category`, `source`, `result` and the stratify key.
 */
export async function readTraceSummaries(db: TunixDatabase, filters: DatasetFilters, stratifyKey?: string): Promise<TraceSummary[]> {
  const [narrowed, steps, chars, scores, created] = await Promise.all([
    idsWithAllTerms(db, filters.meta ?? []),
    readIndexColumn<number>(db, 'step_count'),
    readIndexColumn<number>(db, 'total_chars'),
    readIndexColumn<number>(db, 'baseline_score'),
    readIndexColumn<string>(db, 'created_at'),
  ]);
  const terms = new Map<string, string[]>();
  for (const key of metaKeysToRead(stratifyKey)) await readMetaKey(db, key, terms);
  const filterTerms = filters.meta ?? [];
  const ids = narrowed ?? [...steps.keys()].sort();
  const summaries: TraceSummary[] = new Array<TraceSummary>(ids.length);
  // Newest first, as select.ts expects (it sorts again only when the order is off).
  for (let k = 0, at = ids.length - 1; at >= 0; k++, at--) {
    const id = ids[at]!;
    const own = terms.get(id) ?? [];
    summaries[k] = {
      id,
      created_at: created.get(id) ?? '',
      step_count: steps.get(id) ?? 0,
      total_chars: chars.get(id) ?? 0,
      baseline_score: scores.get(id) ?? 0,
      meta_terms: filterTerms.length > 0 ? [...filterTerms, ...own] : own,
    };
  }
  return summaries;
}

/** `iso` as toISOString writes it, so that it compares with stored created_at as text. */
function canonicalInstant(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

/** How many stored traces `filters` keep: index lookups and counts only (the form's live count). */
export async function countMatchingTraces(db: TunixDatabase, filters: DatasetFilters): Promise<number> {
  const lists: Promise<string[]>[] = [];
  const terms = [...(filters.meta ?? []), ...(filters.source ? [`source=${filters.source}`] : [])];
  for (const term of terms) lists.push(db.traces.where('meta_terms').equals(term).primaryKeys());
  const steps = filters.step_count;
  if (steps && (steps.min !== undefined || steps.max !== undefined)) {
    lists.push(db.traces.where('step_count').between(steps.min ?? 0, steps.max ?? Infinity, true, true).primaryKeys());
  }
  if (filters.min_baseline_score !== undefined) {
    lists.push(db.traces.where('baseline_score').aboveOrEqual(filters.min_baseline_score).primaryKeys());
  }
  const created = filters.created;
  if (created && (created.from || created.to)) {
    const from = created.from ? canonicalInstant(created.from) : '';
    const to = created.to ? canonicalInstant(created.to) : '\uffff';
    lists.push(db.traces.where('created_at').between(from, to, true, true).primaryKeys());
  }
  if (lists.length === 0) return db.traces.count();
  const resolved = (await Promise.all(lists)).sort((a, b) => a.length - b.length);
  let result = resolved[0]!;
  for (const list of resolved.slice(1)) {
    const allowed = new Set(list);
    result = result.filter((id) => allowed.has(id));
  }
  return result.length;
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
    result = await db.transaction('rw', [db.traces, db.datasets, db.generated_sets], async () => {
      const existing = key.ok ? await existingBuild(db, key.value) : null;
      if (existing) return { ok: false, errors: [{ path: 'version', message: keyTakenMessage(existing) }] };
      const [candidates, storeTraceCount, generated] = await Promise.all([
        readTraceSummaries(db, request.filters ?? { meta: [] }, request.stratify?.key),
        db.traces.count(),
        db.generated_sets.orderBy('created_at').toArray(),
      ]);
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

/** The ids of `ids` the traces table no longer has, in their order (primary-key lookups only). */
export async function findMissingTraceIds(db: TunixDatabase, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const stored = new Set(await db.traces.where('id').anyOf(ids as string[]).primaryKeys());
  return ids.filter((id) => !stored.has(id));
}
