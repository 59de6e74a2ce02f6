// The dataset records: what a build asks for, the light per-trace summary a build reads, the
// statistics it computes and the manifest it stores and exports. Types and constants only:
// validation is validate.ts, selection select.ts, statistics stats.ts, manifests manifest.ts.
import type { GeneratorManifest } from '../generators/manifest';

export const DATASET_SCHEMA_VERSION = '1.0';

export const SELECTION_STRATEGIES = ['latest', 'random', 'all', 'stratified'] as const;
export type SelectionStrategy = (typeof SELECTION_STRATEGIES)[number];

export const STRATIFY_MODES = ['proportional', 'balanced'] as const;
export type StratifyMode = (typeof STRATIFY_MODES)[number];

export const MIN_LIMIT = 1;
export const MAX_LIMIT = 1_000_000;

/** Inclusive bounds; either end may be left open. */
export interface NumberRange {
  min?: number;
  max?: number;
}

/** Inclusive ISO-8601 instants; either end may be left open. */
export interface TimeRange {
  from?: string;
  to?: string;
}

/** Every given condition must hold (AND). */
export interface DatasetFilters {
  /** `key=value` terms, written exactly as StoredTrace.meta_terms writes them. */
  meta: string[];
  /** The trace's source (TraceSummary.source, else its `source=` meta term). */
  source?: string;
  created?: TimeRange;
  step_count?: NumberRange;
  /** Lowest baseline_score kept, in [0, 100]. */
  min_baseline_score?: number;
}

export interface StratifyOptions {
  /** The meta key whose values are the strata, e.g. `category` or `result`. */
  key: string;
  /** proportional: each stratum keeps its share; balanced: strata as equal as their sizes allow. */
  mode: StratifyMode;
}

export interface SplitRequest {
  /** Share of the selection that goes to eval, in (0, 1). */
  eval_fraction: number;
}

export interface DatasetBuildRequest {
  name: string;
  version: string;
  filters: DatasetFilters;
  selection_strategy: SelectionStrategy;
  /** Required by random, stratified and split; an integer. */
  seed?: number | null;
  /** 1–1,000,000; required except for `all`, where it caps the count when given. */
  limit?: number | null;
  /** Required by stratified. */
  stratify?: StratifyOptions | null;
  split?: SplitRequest | null;
  session_id?: string | null;
  parent_dataset_id?: string | null;
  training_run_id?: string | null;
}

/** What a build needs to know about one stored trace: no text. */
export interface TraceSummary {
  id: string;
  created_at: string;
  step_count: number;
  total_chars: number;
  baseline_score: number;
  meta_terms: string[];
  source?: string;
}

/** One histogram bar: values v with lo <= v < hi (hi null: no upper edge). */
export interface HistogramBin {
  label: string;
  lo: number;
  hi: number | null;
  count: number;
}

export interface DatasetStats {
  trace_count: number;
  /** null when the dataset is empty. */
  avg_step_count: number | null;
  min_step_count: number | null;
  max_step_count: number | null;
  avg_total_chars: number | null;
  step_count_histogram: HistogramBin[];
  total_chars_histogram: HistogramBin[];
  /** Traces per value of the `category`, `source` and `result` meta keys, keys sorted. */
  by_category: Record<string, number>;
  by_source: Record<string, number>;
  by_result: Record<string, number>;
}

export interface DatasetSplit {
  eval_fraction: number;
  /** Both in manifest order; together they are exactly trace_ids. */
  train_ids: string[];
  eval_ids: string[];
}

export interface StoreCounts {
  /** Traces in the store when the build ran. */
  traces_total: number;
  /** Of those, how many matched the filters. */
  traces_matching: number;
}

export interface DatasetProvenance {
  app_version: string;
  /** Manifests of the generated sets the store held traces from. */
  generator_manifests: GeneratorManifest[];
  store_counts: StoreCounts;
}

export interface DatasetManifest {
  dataset_key: string;
  build_id: string;
  name: string;
  version: string;
  dataset_schema_version: typeof DATASET_SCHEMA_VERSION;
  created_at: string;
  filters: DatasetFilters;
  selection_strategy: SelectionStrategy;
  stratify: StratifyOptions | null;
  seed: number | null;
  limit: number | null;
  trace_ids: string[];
  trace_count: number;
  split: DatasetSplit | null;
  stats: DatasetStats;
  session_id: string | null;
  parent_dataset_id: string | null;
  training_run_id: string | null;
  provenance: DatasetProvenance;
}
