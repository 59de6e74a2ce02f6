// The one Dexie database of the app. Owns: opening, versions (from schema.ts) and the typed
// tables. Nothing outside src/db/ imports Dexie; features and workers call the repositories.
// What is persisted: traces (the user's data, with the per-page keys exports read), import summaries, generated-set manifests, dataset
// manifests, imported eval sets, training runs (manifest, metrics, logs, checkpoints), evaluations
// with per-item results, registered models and sweeps.
import Dexie, { type Table, type Transaction } from 'dexie';
import type { GeneratorManifest } from '../generators/manifest';
import type { DatasetManifest } from '../datasets/types';
import type { EvalItem } from '../evaluate/evalset';
import type { EvalResultRecord, EvaluationRecord } from '../evaluate/records';
import type { SweepState } from '../runs/sweep-plan';
import type { CheckpointRecord, LogRecord, MetricRecord, ModelRecord, RunManifest } from '../runs/types';
import { SCHEMA_VERSIONS } from './schema';
import { rebuildTraceKeys, type TracePage } from './trace-store';
import type { TracePageKeys, TracePageSummary } from './trace-index';

export const DEFAULT_DATABASE_NAME = 'tunix-rt-web';

/** One import session's outcome, kept so the user can see what came in and when. */
export interface ImportRecord {
  id: string;
  started_at: string;
  finished_at: string;
  files: { name: string; bytes: number; format: string }[];
  mode: 'skip_invalid' | 'all_or_nothing';
  duplicates: 'skip' | 'keep';
  stored: number;
  invalid: number;
  duplicate: number;
  status: 'completed' | 'cancelled' | 'failed' | 'rejected';
  error?: string;
}

/** One generated set: its manifest and what the store kept of it. */
export interface GeneratedSetRecord {
  id: string;
  created_at: string;
  generator: string;
  manifest: GeneratorManifest;
  stored: number;
  duplicate: number;
  status: ImportRecord['status'];
}

/** An eval set the user imported (bundled sets live in evalsets/ and are never stored). */
export interface StoredEvalSet {
  id: string;
  name: string;
  created_at: string;
  items: EvalItem[];
  /** sha-256 hex of the imported JSONL text. */
  sha256: string;
}

/** Rewrites of stored rows a schema version needs, by version. */
const UPGRADES: Record<number, (transaction: Transaction) => Promise<void>> = {
  7: (transaction) => rebuildTraceKeys(transaction.table<TracePageSummary, string>('trace_summaries'), transaction.table<TracePageKeys, string>('trace_keys')),
};

export class TunixDatabase extends Dexie {
  trace_pages!: Table<TracePage, string>;
  trace_summaries!: Table<TracePageSummary, string>;
  trace_keys!: Table<TracePageKeys, string>;
  imports!: Table<ImportRecord, string>;
  generated_sets!: Table<GeneratedSetRecord, string>;
  datasets!: Table<DatasetManifest, string>;
  evalsets!: Table<StoredEvalSet, string>;
  runs!: Table<RunManifest, string>;
  metrics!: Table<MetricRecord, [string, number]>;
  logs!: Table<LogRecord, [string, number]>;
  checkpoints!: Table<CheckpointRecord, string>;
  evaluations!: Table<EvaluationRecord, string>;
  eval_results!: Table<EvalResultRecord, [string, string]>;
  models!: Table<ModelRecord, string>;
  sweeps!: Table<SweepState, string>;

  /**
   * @param bulkWrites relaxed durability: much faster bulk writes; safe for imports, whose
   *   batches are re-importable. Use the default (false) for everything else.
   */
  constructor(name: string = DEFAULT_DATABASE_NAME, options: { bulkWrites?: boolean } = {}) {
    super(name, options.bulkWrites ? { chromeTransactionDurability: 'relaxed' } : {});
    for (const entry of SCHEMA_VERSIONS) {
      const version = this.version(entry.version).stores(entry.stores);
      const upgrade = UPGRADES[entry.version];
      if (upgrade) version.upgrade(upgrade);
    }
  }
}

let pageDatabase: TunixDatabase | null = null;

/** The database instance of this realm (page or worker), opened lazily. */
export function appDatabase(): TunixDatabase {
  pageDatabase ??= new TunixDatabase();
  return pageDatabase;
}
