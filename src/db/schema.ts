// The IndexedDB schema, one entry per version, oldest first. A version is never edited once
// released: a change is a new entry (with an upgrade function when stored rows must change).
// Later issues append tables here (datasets, runs, checkpoints, metrics, eval results).

export interface SchemaVersion {
  version: number;
  /** Dexie store definitions; a table set to null is deleted. */
  stores: Record<string, string | null>;
  /** What changed, for the migration tests and the storage panel. */
  description: string;
}


export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: { trace_pages: 'id', trace_summaries: 'id' },
    description: 'traces stored in pages of up to 1,000, with a columnar summary per page for the in-memory index',
  },
  {
    version: 2,
    stores: { imports: 'id, started_at' },
    description: 'import history: one summary per import session',
  },
  {
    version: 3,
    stores: { generated_sets: 'id, created_at, generator' },
    description: 'generated demo sets: the generator manifest (seed, count, composition, JSONL hash) of each',
  },
  {
    version: 4,
    stores: { datasets: 'build_id, &dataset_key, created_at, name' },
    description: 'dataset builds: one manifest per build, its key unique so a build is never overwritten',
  },
  {
    version: 5,
    stores: { evalsets: 'id, name, created_at' },
    description: 'eval sets imported by the user: name, items and the sha-256 of the imported JSONL',
  },
  {
    version: 6,
    stores: {
      runs: 'run_id, created_at, status, dataset_key, sweep_id',
      metrics: '[run_id+step], run_id',
      logs: '[run_id+seq], run_id',
      checkpoints: 'id, run_id, [run_id+step]',
      evaluations: 'id, created_at, evalset_id, status',
      eval_results: '[evaluation_id+item_id], evaluation_id',
      models: 'id, name, &[name+version], sha256, run_id',
      sweeps: 'id, created_at, status',
    },
    description: 'training runs (manifest, metrics, logs, checkpoints), evaluations with per-item results, the model registry and sweeps',
  },
  {
    version: 7,
    stores: { trace_keys: 'id' },
    description: "trace keys: each page's trace ids and creation times, copied from its summary, for exports to find their traces without reading the summaries (filled from them on upgrade)",
  },
];

/**
 * Tables whose rows are derived from other tables: left out of backups and rebuilt after a
 * restore (trace_keys from trace_summaries).
 */
export const DERIVED_TABLES: ReadonlySet<string> = new Set(['trace_keys']);

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]!.version;
