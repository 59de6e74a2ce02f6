// Evidence bundles, pure part: the files of a run's evidence zip (run manifest, metrics, eval
// summary, delta report, dataset manifest, eval set README and hash, and a README saying how to
// reproduce the run) and reading a bundle back into a reproducible run request (same dataset
// build, model config, train config, seed and backend). Never reads storage or writes zips.
import type { DatasetManifest } from '../datasets/types';
import { escapeMarkdownInline, fencedBlock } from '../evaluate/delta';
import { validateGptConfig } from '../model/config';
import type { GptConfig } from '../model/config';
import type { ValidationIssue, ValidationResult } from '../traces/types';
import { validateTrainConfig } from '../train/config';
import type { TrainConfig } from '../train/config';
import { metricsJsonlLines, runManifestJson } from './manifest';
import type { MetricRecord, RunManifest } from './types';

export const EVIDENCE_BUNDLE_VERSION = 1;

export interface EvidenceInput {
  run: RunManifest;
  metrics: readonly MetricRecord[];
  dataset: DatasetManifest | null;
  evalset: { id: string; sha256: string; readme: string } | null;
  /** eval_summary.json and delta_report.md of the run's before/after comparison, when it has one. */
  evalSummaryJson: string | null;
  deltaReportMarkdown: string | null;
  createdAt: string;
}

export interface BundleFile {
  name: string;
  text: string;
}


function reproduceReadme(input: EvidenceInput, names: readonly string[]): string {
  const { run } = input;
  const final = run.final_metrics;
  return [
    `# Evidence for run ${escapeMarkdownInline(run.name)}`,
    '',
    `- Run id: \`${run.run_id}\`, status ${run.status}, ${run.step} steps on ${run.backend_actual ?? run.backend_requested}`,
    `- Dataset: ${escapeMarkdownInline(run.dataset_key)} (build \`${run.build_id}\`)${input.dataset ? `, ${input.dataset.trace_count} traces` : ' (manifest not available)'}`,
    `- Final loss ${final?.loss?.toFixed(4) ?? '—'}, held-out loss ${final?.initial_heldout_loss?.toFixed(4) ?? '—'} → ${final?.heldout_loss?.toFixed(4) ?? '—'}`,
    input.evalset ? `- Eval set: ${escapeMarkdownInline(input.evalset.id)} (sha-256 \`${input.evalset.sha256}\`)` : '- Not evaluated',
    `- Bundle written ${input.createdAt} by tunix-rt web ${run.app_version}`,
    '',
    '## Files',
    '',
    ...names.map((name) => `- \`${name}\``),
    '',
    '## How to reproduce',
    '',
    '1. Open tunix-rt web and import the traces of the dataset (or restore a backup holding them), then build the dataset with the filters of `dataset_manifest.json` (same name, version and seed give the same `trace_ids`).',
    '2. On the Runs screen choose "Import evidence bundle" and pick this zip: the run config (model config, train config, seed, backend) is re-created against that dataset.',
    `3. Start it on the same backend (${run.backend_actual ?? run.backend_requested}): with the same seed the loss curve in \`metrics.jsonl\` is reproduced step for step.`,
    '',
    '## Run config',
    '',
    fencedBlock(JSON.stringify({ model_config: run.model_config, train_config: run.train_config }, null, 2), 'json'),
  ].join('\n') + '\n';
}

/** Every file of the bundle, README first. */
export function evidenceBundleFiles(input: EvidenceInput): BundleFile[] {
  const files: BundleFile[] = [
    { name: 'run_manifest.json', text: `${JSON.stringify({ evidence_bundle_version: EVIDENCE_BUNDLE_VERSION, ...JSON.parse(runManifestJson(input.run)) }, null, 2)}\n` },
    { name: 'metrics.jsonl', text: metricsJsonlLines(input.metrics).join('') },
  ];
  if (input.evalSummaryJson !== null) files.push({ name: 'eval_summary.json', text: input.evalSummaryJson });
  if (input.deltaReportMarkdown !== null) files.push({ name: 'delta_report.md', text: input.deltaReportMarkdown });
  if (input.dataset) files.push({ name: 'dataset_manifest.json', text: `${JSON.stringify(input.dataset, null, 2)}\n` });
  if (input.evalset) {
    files.push({ name: 'evalset_README.md', text: input.evalset.readme });
    files.push({ name: 'evalset.sha256', text: `${input.evalset.sha256}  ${input.evalset.id}\n` });
  }
  return [{ name: 'README.md', text: reproduceReadme(input, ['README.md', ...files.map((f) => f.name)]) }, ...files];
}

/** What a bundle re-creates: a new run with the original's data, configs, seed and backend. */
export interface ReproductionRequest {
  original_run_id: string;
  name: string;
  dataset_key: string;
  build_id: string;
  model_preset: RunManifest['model_preset'];
  model_config: GptConfig;
  train_config: TrainConfig;
  init: RunManifest['init'];
  backend: RunManifest['backend_requested'];
  system_instruction: string;
  sample_every: number;
  /** The original's loss per step, to compare the rerun with. */
  expected_losses: number[];
}

/** Reads the run manifest and metrics of a bundle (file name → text) into a reproduction request. */
export function readEvidenceBundle(files: ReadonlyMap<string, string>): ValidationResult<ReproductionRequest> {
  const text = files.get('run_manifest.json');
  if (text === undefined) return { ok: false, errors: [{ path: 'run_manifest.json', message: 'is missing from the bundle' }] };
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, errors: [{ path: 'run_manifest.json', message: `is not valid JSON (${(error as Error).message})` }] };
  }
  const errors: ValidationIssue[] = [];
  if (manifest.evidence_bundle_version !== EVIDENCE_BUNDLE_VERSION) errors.push({ path: 'run_manifest.json.evidence_bundle_version', message: `must be ${EVIDENCE_BUNDLE_VERSION}` });
  for (const key of ['run_id', 'name', 'dataset_key', 'build_id'] as const) {
    if (typeof manifest[key] !== 'string' || manifest[key] === '') errors.push({ path: `run_manifest.json.${key}`, message: 'must be a non-empty string' });
  }
  const model = validateGptConfig(manifest.model_config);
  if (!model.ok) errors.push(...model.errors.map((e) => ({ ...e, path: `run_manifest.json.model_config.${e.path}` })));
  const train = validateTrainConfig(manifest.train_config);
  if (!train.ok) errors.push(...train.errors.map((e) => ({ ...e, path: `run_manifest.json.train_config.${e.path}` })));
  const losses: number[] = [];
  (files.get('metrics.jsonl') ?? '').split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const loss = (JSON.parse(line) as { loss?: unknown }).loss;
      if (typeof loss !== 'number') throw new Error('no numeric loss');
      losses.push(loss);
    } catch (error) {
      errors.push({ path: 'metrics.jsonl', line: index + 1, message: (error as Error).message });
    }
  });
  if (errors.length > 0 || !model.ok || !train.ok) return { ok: false, errors };
  const init = (manifest.init as RunManifest['init'] | undefined) ?? { kind: 'scratch' };
  return {
    ok: true,
    value: {
      original_run_id: manifest.run_id as string, name: `${manifest.name as string} (reproduced)`,
      dataset_key: manifest.dataset_key as string, build_id: manifest.build_id as string,
      model_preset: (manifest.model_preset as RunManifest['model_preset'] | undefined) ?? 'custom',
      model_config: model.value, train_config: train.value, init,
      backend: (manifest.backend_actual as RunManifest['backend_requested'] | null) ?? (manifest.backend_requested as RunManifest['backend_requested']) ?? 'auto',
      system_instruction: typeof manifest.system_instruction === 'string' ? manifest.system_instruction : '',
      sample_every: Number.isInteger(manifest.sample_every) ? (manifest.sample_every as number) : 0,
      expected_losses: losses,
    },
  };
}
