// What each stored table holds, in the words of the storage panel. A table added later without a
// label is still listed, under its own name.
const TABLE_LABELS: Record<string, string> = {
  trace_pages: 'Traces (bodies, in pages of up to 1,000)',
  trace_summaries: 'Trace index (one summary per page)',
  trace_keys: 'Trace keys (ids and times per page, for exports)',
  imports: 'Import history',
  generated_sets: 'Generated demo sets',
  datasets: 'Dataset builds (manifests with trace ids)',
  evalsets: 'Imported eval sets',
  runs: 'Training runs',
  metrics: 'Training metrics (one row per step)',
  logs: 'Training logs and samples',
  checkpoints: 'Checkpoints (weights and optimizer state)',
  evaluations: 'Evaluations',
  eval_results: 'Evaluation results (one row per item)',
  models: 'Registered models (weights)',
  sweeps: 'Sweeps',
};

export const tableLabel = (name: string): string => TABLE_LABELS[name] ?? name;
