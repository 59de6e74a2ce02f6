// The model registry, pure part: a model version's content address (sha-256 of its
// model.safetensors bytes, which encode every weight in parameterSpecs order with the config in
// the metadata, so equal weights and config give equal hashes), version numbering per name
// (v1, v2, …), and the model card README of a download. Never reads storage or touches tf.
import { escapeMarkdownInline, fencedBlock } from '../evaluate/delta';
import type { Scorecard } from '../evaluate/scorecard';
import { parameterCount } from '../model/config';
import { weightsToSafetensors } from '../model/checkpoint';
import type { GptConfig } from '../model/config';
import type { NamedWeights } from '../model/gpt';
import { modelBundleZip, readModelBundle, sha256OfBytes } from './model-bundle';
import type { ReadBundle } from './model-bundle';
import type { ValidationResult } from '../traces/types';
import type { ModelRecord, RunManifest } from './types';

/** The model's content address: sha-256 of its model.safetensors encoding. */
export function modelSha256(config: GptConfig, weights: NamedWeights): string {
  return sha256OfBytes(weightsToSafetensors(config, weights));
}

/** Model names: 1–64 characters of letters, digits, '.', '_', '-' and spaces, trimmed. */
export function validateModelName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'a model needs a name';
  if (trimmed.length > 64) return 'a model name has at most 64 characters';
  if (!/^[\p{L}\p{N}._ -]+$/u.test(trimmed)) return 'a model name may hold letters, digits, spaces, ".", "_" and "-" only';
  return null;
}

/** The next version number under `name`: one past the highest existing one (v1 first). */
export function nextModelVersion(existing: readonly Pick<ModelRecord, 'name' | 'version'>[], name: string): number {
  return existing.filter((model) => model.name === name).reduce((highest, model) => Math.max(highest, model.version), 0) + 1;
}

/** "name v3" */
export function modelLabel(model: Pick<ModelRecord, 'name' | 'version'>): string {
  return `${model.name} v${model.version}`;
}

export interface ModelCardInput {
  model: Omit<ModelRecord, 'weights'>;
  run: RunManifest | null;
  /** Scorecards of the model's evaluations, labelled by eval set. */
  scorecards: readonly { evalset_id: string; scorecard: Scorecard }[];
}

function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

/** README.md of a model download: what it is, what it was trained on, how it scores. */
export function modelCardMarkdown({ model, run, scorecards }: ModelCardInput): string {
  const { model_config: config } = model;
  const lines = [
    `# ${escapeMarkdownInline(modelLabel(model))}`,
    '',
    `- sha-256 of model.safetensors: \`${model.sha256}\``,
    `- Registered: ${model.created_at}`,
    `- Architecture: decoder-only GPT, ${config.layers} layers, ${config.heads} heads, dim ${config.dim}, context ${config.context}, vocabulary ${config.vocab_size} (${parameterCount(config).toLocaleString('en-US')} parameters)`,
    `- Files: model.safetensors (float32, GPT-2 parameter names), config.json, tokenizer.json (character-level with byte fallback)`,
  ];
  if (run) {
    lines.push(
      `- Trained by run ${escapeMarkdownInline(run.name)} (\`${run.run_id}\`) on dataset ${escapeMarkdownInline(run.dataset_key)} (build \`${run.build_id}\`)`,
      `- Started from: ${run.init.kind === 'scratch' ? 'random initialization' : `base model ${escapeMarkdownInline(run.init.model_id)} (\`${run.init.sha256}\`)`}`,
      `- Backend: ${run.backend_actual ?? run.backend_requested}; steps: ${run.step}; final loss: ${run.final_metrics?.loss?.toFixed(4) ?? '—'}; held-out loss: ${run.final_metrics?.heldout_loss?.toFixed(4) ?? '—'}`,
      '',
      '## Training config',
      '',
      fencedBlock(JSON.stringify(run.train_config, null, 2), 'json'),
    );
  }
  lines.push('', '## Evaluations', '');
  if (scorecards.length === 0) lines.push('Not evaluated yet.');
  else {
    lines.push('| eval set | judge | items | score | 95% interval |', '| --- | --- | ---: | ---: | --- |');
    for (const { evalset_id, scorecard } of scorecards) {
      const ci = scorecard.ci95 ? `${percent(scorecard.ci95[0])} – ${percent(scorecard.ci95[1])}` : '—';
      lines.push(`| ${escapeMarkdownInline(evalset_id)} | ${scorecard.judge} | ${scorecard.n_scored} | ${percent(scorecard.primary_score)} | ${ci} |`);
    }
  }
  if (model.notes.trim() !== '') lines.push('', '## Notes', '', fencedBlock(model.notes));
  return `${lines.join('\n')}\n`;
}

/** model.json inside a registry download: who the model is, so an import restores its name. */
export interface RegistryModelJson {
  registry_bundle_version: 1;
  name: string;
  version: number;
  sha256: string;
  created_at: string;
  run_id: string | null;
  dataset_key: string | null;
  notes: string;
}

/** The registry zip: the model bundle plus README.md (the model card) and model.json. */
export function registryBundleZip(model: ModelRecord, card: ModelCardInput): Uint8Array {
  const json: RegistryModelJson = {
    registry_bundle_version: 1, name: model.name, version: model.version, sha256: model.sha256, created_at: model.created_at,
    run_id: model.run_id, dataset_key: model.dataset_key, notes: model.notes,
  };
  return modelBundleZip(
    { config: model.model_config, tokenizer: model.tokenizer, weights: model.weights },
    [{ name: 'README.md', text: modelCardMarkdown(card) }, { name: 'model.json', text: `${JSON.stringify(json, null, 2)}\n` }],
  );
}

export interface ImportedRegistryBundle {
  bundle: ReadBundle;
  /** From model.json when present (else the file name the caller passes). */
  name: string;
  notes: string;
  run_id: string | null;
  dataset_key: string | null;
}

/** Reads a registry (or plain model) zip; model.json's sha-256, when present, must match the weights. */
export function readRegistryBundle(zip: Uint8Array, fallbackName: string): ValidationResult<ImportedRegistryBundle> {
  const read = readModelBundle(zip, ['model.json']);
  if (!read.ok) return read;
  const text = read.value.extra['model.json'];
  if (text === undefined) return { ok: true, value: { bundle: read.value, name: fallbackName, notes: '', run_id: null, dataset_key: null } };
  let json: Partial<RegistryModelJson>;
  try {
    json = JSON.parse(text) as Partial<RegistryModelJson>;
  } catch {
    return { ok: false, errors: [{ path: 'model.json', message: 'is not valid JSON' }] };
  }
  if (typeof json.sha256 !== 'string' || json.sha256 !== read.value.sha256) {
    return { ok: false, errors: [{ path: 'model.safetensors', message: `sha-256 is ${read.value.sha256} but model.json says ${String(json.sha256)}: the file is corrupt or was changed` }] };
  }
  return {
    ok: true,
    value: {
      bundle: read.value, name: typeof json.name === 'string' ? json.name : fallbackName, notes: typeof json.notes === 'string' ? json.notes : '',
      run_id: typeof json.run_id === 'string' ? json.run_id : null, dataset_key: typeof json.dataset_key === 'string' ? json.dataset_key : null,
    },
  };
}
