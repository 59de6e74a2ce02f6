// The shipped base models: the schema of public/models/index.json (one entry per base, its
// files under public/models/<id>/) and the check of a base's files against its entry (sha-256 of
// model.safetensors, then config, tokenizer and weights as a model bundle's, then the entry's
// parameters and context). Adding a base is a folder and one entry: nothing here knows a base by
// name. Pure: values and bytes in, results out; never fetches, never touches storage or tf.
import { MODEL_PRESETS, parameterCount, type ModelPresetName } from '../model/config';
import type { ValidationIssue, ValidationResult } from '../traces/types';
import { BUNDLE_FILES, modelFromFiles, sha256OfBytes, type ModelBundle } from './model-bundle';

export const SHIPPED_INDEX_VERSION = 1;
/** Where the index lies, relative to the app's root (the folder of index.html). */
export const SHIPPED_INDEX_PATH = 'models/index.json';
/** The files of every shipped base, in its folder. */
export const SHIPPED_MODEL_FILES = [BUNDLE_FILES.weights, BUNDLE_FILES.config, BUNDLE_FILES.tokenizer, 'MODEL_CARD.md'] as const;
export type ShippedModelFile = (typeof SHIPPED_MODEL_FILES)[number];

export interface ShippedModelEntry {
  /** Folder name and the id runs record: lowercase letters, digits and dashes. */
  id: string;
  preset: ModelPresetName | 'custom';
  /** sha-256 hex of model.safetensors: the model's content address. */
  sha256: string;
  parameters: number;
  context: number;
  /** Text tokens the base was pretrained on (its model card's "Tokens seen"). */
  tokens_seen: number;
  /** One line saying what the base can do. */
  summary: string;
  /**
   * How to check the weights are reproducible: the options of `npm run pretrain` that made them
   * and the sha-256 of the weights its run recorded at its first checkpoint (a test re-runs the
   * pretraining to that step and compares).
   */
  reproduce?: ShippedReproduction;
}

export interface ShippedReproduction {
  /** The command's options as src/train/pretrain.ts's PretrainOptions. */
  options: Record<string, number | string>;
  check_step: number;
  check_sha256: string;
}

export interface ShippedIndex {
  index_version: number;
  models: ShippedModelEntry[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SHA_PATTERN = /^[0-9a-f]{64}$/;
const ENTRY_KEYS: readonly (keyof ShippedModelEntry)[] = ['id', 'preset', 'sha256', 'parameters', 'context', 'tokens_seen', 'summary', 'reproduce'];
const PRESETS: readonly string[] = [...Object.keys(MODEL_PRESETS), 'custom'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function entryIssues(value: unknown, path: string): ValidationIssue[] {
  if (!isRecord(value)) return [{ path, message: 'must be an object' }];
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(value)) if (!(ENTRY_KEYS as readonly string[]).includes(key)) issues.push({ path: `${path}.${key}`, message: 'is not a field of a shipped model entry' });
  const need = (ok: boolean, key: keyof ShippedModelEntry, message: string) => ok || issues.push({ path: `${path}.${key}`, message });
  need(typeof value.id === 'string' && ID_PATTERN.test(value.id), 'id', 'must be 1–64 lowercase letters, digits or dashes (the folder name under models/)');
  need(typeof value.preset === 'string' && PRESETS.includes(value.preset), 'preset', `must be one of ${PRESETS.join(', ')}`);
  need(typeof value.sha256 === 'string' && SHA_PATTERN.test(value.sha256), 'sha256', 'must be 64 lowercase hex digits (sha-256 of model.safetensors)');
  for (const key of ['parameters', 'context', 'tokens_seen'] as const) need(positiveInteger(value[key]), key, 'must be a positive integer');
  need(typeof value.summary === 'string' && value.summary.trim() !== '' && value.summary.length <= 200 && !/[\r\n]/.test(value.summary), 'summary', 'must be one line of 1–200 characters');
  if (value.reproduce !== undefined) issues.push(...reproductionIssues(value.reproduce, `${path}.reproduce`));
  return issues;
}

function reproductionIssues(value: unknown, path: string): ValidationIssue[] {
  if (!isRecord(value)) return [{ path, message: 'must be an object {options, check_step, check_sha256}' }];
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(value)) if (!['options', 'check_step', 'check_sha256'].includes(key)) issues.push({ path: `${path}.${key}`, message: 'is not a field of a reproduction' });
  const options = value.options;
  if (!isRecord(options) || Object.values(options).some((v) => typeof v !== 'number' && typeof v !== 'string')) issues.push({ path: `${path}.options`, message: 'must be an object of pretraining options (numbers and strings)' });
  if (!positiveInteger(value.check_step)) issues.push({ path: `${path}.check_step`, message: 'must be a positive integer' });
  if (typeof value.check_sha256 !== 'string' || !SHA_PATTERN.test(value.check_sha256)) issues.push({ path: `${path}.check_sha256`, message: 'must be 64 lowercase hex digits' });
  return issues;
}

/** Checks the parsed index.json; every problem has its JSON path (e.g. `models[1].sha256`). */
export function validateShippedIndex(value: unknown): ValidationResult<ShippedIndex> {
  if (!isRecord(value)) return { ok: false, errors: [{ path: '', message: 'must be an object {index_version, models}' }] };
  const errors: ValidationIssue[] = [];
  for (const key of Object.keys(value)) if (key !== 'index_version' && key !== 'models') errors.push({ path: key, message: 'is not a field of the index' });
  if (value.index_version !== SHIPPED_INDEX_VERSION) errors.push({ path: 'index_version', message: `must be ${SHIPPED_INDEX_VERSION}` });
  if (!Array.isArray(value.models)) return { ok: false, errors: [...errors, { path: 'models', message: 'must be an array' }] };
  const seen = new Set<string>();
  value.models.forEach((entry: unknown, k) => {
    errors.push(...entryIssues(entry, `models[${k}]`));
    const id = isRecord(entry) ? entry.id : undefined;
    if (typeof id === 'string' && seen.has(id)) errors.push({ path: `models[${k}].id`, message: `${id} is listed twice` });
    if (typeof id === 'string') seen.add(id);
  });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { index_version: SHIPPED_INDEX_VERSION, models: value.models as ShippedModelEntry[] } };
}

/** A base's file, relative to the app's root: `models/<id>/<file>`. */
export function shippedFilePath(id: string, file: ShippedModelFile): string {
  return `models/${id}/${file}`;
}

/**
 * The base's model from its fetched files, after checking that model.safetensors has the sha-256
 * of the index and that the config agrees with the entry; errors name the file at fault.
 */
export function checkShippedModel(entry: ShippedModelEntry, files: Readonly<Record<string, Uint8Array>>): ValidationResult<ModelBundle & { sha256: string }> {
  const weightsPath = shippedFilePath(entry.id, BUNDLE_FILES.weights);
  const weights = files[BUNDLE_FILES.weights];
  if (weights) {
    const actual = sha256OfBytes(weights);
    if (actual !== entry.sha256) return { ok: false, errors: [{ path: weightsPath, message: `has sha-256 ${actual}, but ${SHIPPED_INDEX_PATH} gives ${entry.sha256}: the file is damaged or from another version` }] };
  }
  const model = modelFromFiles(files, `from models/${entry.id}/`);
  if (!model.ok) return { ok: false, errors: model.errors.map((e) => ({ ...e, path: `models/${entry.id}/${e.path}` })) };
  const { config } = model.value;
  const mismatch = (field: string, onDisk: number, listed: number): ValidationResult<never> => ({
    ok: false,
    errors: [{ path: `${SHIPPED_INDEX_PATH}: ${entry.id}.${field}`, message: `is ${listed}, but ${shippedFilePath(entry.id, BUNDLE_FILES.config)} gives ${onDisk}` }],
  });
  if (config.context !== entry.context) return mismatch('context', config.context, entry.context);
  if (parameterCount(config) !== entry.parameters) return mismatch('parameters', parameterCount(config), entry.parameters);
  return model;
}
