// A dataset build from start to finish, without storage: validate the request, refuse a key
// that is taken, filter, select, split, compute statistics, and assemble the manifest with the
// fields in the order the manifest file shows them. The caller (the datasets repository) reads
// the summaries and the existing build, passes a fresh build id and the time, and stores the
// result. Must never overwrite anything and never read the clock or randomness itself.
import type { ValidationResult } from '../traces/types';
import type { GeneratorManifest } from '../generators/manifest';
import { datasetKey, nextVersion } from './key';
import { filterCandidates, selectFromMatches } from './select';
import { splitTrainEval } from './split';
import { computeStats } from './stats';
import { validateBuildRequest } from './validate';
import {
  DATASET_SCHEMA_VERSION,
  type DatasetBuildRequest,
  type DatasetManifest,
  type DatasetProvenance,
  type DatasetSplit,
  type DatasetStats,
  type TraceSummary,
} from './types';

/** What the store already holds under a key. */
export type ExistingBuild = Pick<DatasetManifest, 'dataset_key' | 'build_id' | 'created_at' | 'trace_count'>;

export interface BuildContext {
  /** A fresh UUID for this build (crypto.randomUUID()). */
  buildId: string;
  /** ISO-8601 time of the build. */
  createdAt: string;
  appVersion: string;
  generatorManifests?: GeneratorManifest[];
  /** Traces in the store; the number of candidates when not given. */
  storeTraceCount?: number;
  /** The stored build with the request's key, if there is one. */
  existing?: ExistingBuild | null;
}

export interface ManifestParts {
  key: string;
  request: DatasetBuildRequest;
  traceIds: string[];
  split: DatasetSplit | null;
  stats: DatasetStats;
  buildId: string;
  createdAt: string;
  provenance: DatasetProvenance;
}

/** The manifest, fields in file order. */
export function buildManifest(parts: ManifestParts): DatasetManifest {
  const request = parts.request;
  return {
    dataset_key: parts.key,
    build_id: parts.buildId,
    name: request.name,
    version: request.version,
    dataset_schema_version: DATASET_SCHEMA_VERSION,
    created_at: parts.createdAt,
    filters: request.filters,
    selection_strategy: request.selection_strategy,
    stratify: request.stratify ?? null,
    seed: request.seed ?? null,
    limit: request.limit ?? null,
    trace_ids: parts.traceIds,
    trace_count: parts.traceIds.length,
    split: parts.split,
    stats: parts.stats,
    session_id: request.session_id ?? null,
    parent_dataset_id: request.parent_dataset_id ?? null,
    training_run_id: request.training_run_id ?? null,
    provenance: parts.provenance,
  };
}

export function keyTakenMessage(existing: ExistingBuild): string {
  return (
    `dataset ${existing.dataset_key} already exists (build ${existing.build_id}, ` +
    `${existing.trace_count} traces, created ${existing.created_at}); choose a new version`
  );
}

/** Builds the dataset `request` describes from `candidates` (the store's summaries, any order). */
export function buildDataset(
  candidates: readonly TraceSummary[],
  request: DatasetBuildRequest,
  context: BuildContext,
): ValidationResult<DatasetManifest> {
  const valid = validateBuildRequest(request);
  if (!valid.ok) return valid;
  const key = datasetKey(request.name, request.version);
  if (!key.ok) return key;
  if (context.existing && context.existing.dataset_key === key.value) {
    return { ok: false, errors: [{ path: 'version', message: keyTakenMessage(context.existing) }] };
  }
  const matched = filterCandidates(candidates, request.filters);
  if (matched.length === 0) {
    return { ok: false, errors: [{ path: 'filters', message: `no trace matches the filters (of ${candidates.length} candidates)` }] };
  }
  const selected = selectFromMatches(matched, request);
  const traceIds = selected.map((summary) => summary.id);
  const split = request.split
    ? { eval_fraction: request.split.eval_fraction, ...splitTrainEval(traceIds, request.split.eval_fraction, request.seed ?? 0) }
    : null;
  const manifest = buildManifest({
    key: key.value,
    request,
    traceIds,
    split,
    stats: computeStats(selected),
    buildId: context.buildId,
    createdAt: context.createdAt,
    provenance: {
      app_version: context.appVersion,
      generator_manifests: context.generatorManifests ?? [],
      store_counts: { traces_total: context.storeTraceCount ?? candidates.length, traces_matching: matched.length },
    },
  });
  return { ok: true, value: manifest };
}

/**
 * The request that rebuilds `manifest` as a new version (the next free one unless `version` is
 * given), with the old dataset (its key) as parent.
 */
export function requestFromManifest(
  manifest: DatasetManifest,
  options: { version?: string; takenVersions?: ReadonlySet<string> } = {},
): DatasetBuildRequest {
  return {
    name: manifest.name,
    version: options.version ?? nextVersion(manifest.version, options.takenVersions),
    filters: structuredClone(manifest.filters),
    selection_strategy: manifest.selection_strategy,
    seed: manifest.seed,
    limit: manifest.limit,
    stratify: manifest.stratify ? { ...manifest.stratify } : null,
    split: manifest.split ? { eval_fraction: manifest.split.eval_fraction } : null,
    session_id: manifest.session_id,
    parent_dataset_id: manifest.dataset_key,
    training_run_id: manifest.training_run_id,
  };
}

/** manifest.json: pretty JSON with a trailing newline. */
export function manifestToJson(manifest: DatasetManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
