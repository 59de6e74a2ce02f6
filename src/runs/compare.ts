// Comparing 2–5 runs: the config diff table (every model and train config field, with which
// values differ) and their final metrics side by side. Pure: manifests in, rows out.
import type { RunManifest } from './types';

export const MAX_COMPARED_RUNS = 5;

export interface ConfigDiffRow {
  /** e.g. `train.learning_rate`, `model.dim`, `dataset_key`. */
  field: string;
  values: string[];
  differs: boolean;
}

function format(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function fieldsOf(run: RunManifest): Map<string, unknown> {
  const fields = new Map<string, unknown>([
    ['dataset_key', run.dataset_key],
    ['model_preset', run.model_preset],
    ['init', run.init.kind === 'scratch' ? 'scratch' : `${run.init.model_id} (${run.init.sha256.slice(0, 12)})`],
    ['backend', run.backend_actual ?? run.backend_requested],
  ]);
  for (const [key, value] of Object.entries(run.model_config)) fields.set(`model.${key}`, value);
  for (const [key, value] of Object.entries(run.train_config)) fields.set(`train.${key}`, value);
  return fields;
}

/** One row per field of any run, differing rows first, then in field order. */
export function configDiff(runs: readonly RunManifest[]): ConfigDiffRow[] {
  if (runs.length < 2 || runs.length > MAX_COMPARED_RUNS) throw new RangeError(`compare 2 to ${MAX_COMPARED_RUNS} runs, not ${runs.length}`);
  const maps = runs.map(fieldsOf);
  const names: string[] = [];
  for (const map of maps) for (const name of map.keys()) if (!names.includes(name)) names.push(name);
  const rows = names.map((field) => {
    const values = maps.map((map) => format(map.get(field)));
    return { field, values, differs: new Set(values).size > 1 };
  });
  return [...rows.filter((r) => r.differs), ...rows.filter((r) => !r.differs)];
}
