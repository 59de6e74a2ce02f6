// Model bundles: a zip of model.safetensors (float32, parameter names in src/model/checkpoint.ts),
// config.json (the GptConfig) and tokenizer.json, plus optional provenance files, written with
// src/export/zip.ts and read back with src/shared/safe-unzip.ts. Reading treats the file as hostile: only plain
// names, at most MAX_BUNDLE_BYTES unpacked, every part validated and the three kept consistent
// (vocabulary size, shapes); the sha-256 of model.safetensors is the model's content address.
// Pure: bytes in, bytes out; never touches storage or tf.
import { createZipWriter } from '../export/zip';
import { safeUnzip } from '../shared/safe-unzip';
import { Sha256 } from '../generators/sha256';
import type { GptConfig } from '../model/config';
import { validateGptConfig } from '../model/config';
import { weightsFromSafetensors, weightsToSafetensors } from '../model/checkpoint';
import type { NamedWeights } from '../model/gpt';
import type { TokenizerJson } from '../model/tokenizer';
import { CharTokenizer } from '../model/tokenizer';
import type { ValidationResult } from '../traces/types';

export const BUNDLE_FILES = { weights: 'model.safetensors', config: 'config.json', tokenizer: 'tokenizer.json' } as const;
/** Unpacked size limit of a bundle (a `base` model is about 40 MB). */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export interface ModelBundle {
  config: GptConfig;
  tokenizer: TokenizerJson;
  weights: NamedWeights;
}

export interface ReadBundle extends ModelBundle {
  /** sha-256 hex of the bundle's model.safetensors. */
  sha256: string;
  /** The text of the extra files asked for that the zip holds, by name. */
  extra: Record<string, string>;
}

const encoder = new TextEncoder();

export function sha256OfBytes(bytes: Uint8Array): string {
  return new Sha256().update(bytes).digestHex();
}

/** The zip: model.safetensors, config.json, tokenizer.json, then `extra` files (e.g. run_manifest.json) in order. */
export function modelBundleZip(bundle: ModelBundle, extra: readonly { name: string; text: string }[] = []): Uint8Array {
  const writer = createZipWriter();
  const parts: Uint8Array[] = [];
  const add = (name: string, bytes: Uint8Array) => {
    parts.push(writer.beginEntry(name), writer.entryData(bytes), writer.endEntry());
  };
  add(BUNDLE_FILES.weights, weightsToSafetensors(bundle.config, bundle.weights));
  add(BUNDLE_FILES.config, encoder.encode(`${JSON.stringify(bundle.config, null, 2)}\n`));
  add(BUNDLE_FILES.tokenizer, encoder.encode(`${JSON.stringify(bundle.tokenizer)}\n`));
  for (const file of extra) add(file.name, encoder.encode(file.text));
  parts.push(writer.finish());
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function parseJsonFile(files: Readonly<Record<string, Uint8Array>>, name: string, missing: string): ValidationResult<unknown> {
  const bytes = files[name];
  if (!bytes) return { ok: false, errors: [{ path: name, message: `is missing ${missing}` }] };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, errors: [{ path: name, message: 'is not UTF-8 JSON' }] };
  }
}

function prefixed<T>(result: ValidationResult<T>, name: string): ValidationResult<T> {
  return result.ok ? result : { ok: false, errors: result.errors.map((e) => ({ ...e, path: e.path ? `${name}: ${e.path}` : name })) };
}

/**
 * The model in a bundle's files (model.safetensors, config.json, tokenizer.json by name), checked
 * and kept consistent; `missing` says where a missing file was looked for ("from the bundle").
 */
export function modelFromFiles(files: Readonly<Record<string, Uint8Array>>, missing = 'from the bundle'): ValidationResult<ModelBundle & { sha256: string }> {
  const configJson = parseJsonFile(files, BUNDLE_FILES.config, missing);
  if (!configJson.ok) return configJson;
  const config = prefixed(validateGptConfig(configJson.value), BUNDLE_FILES.config);
  if (!config.ok) return config;
  const tokenizerJson = parseJsonFile(files, BUNDLE_FILES.tokenizer, missing);
  if (!tokenizerJson.ok) return tokenizerJson;
  const tokenizer = prefixed(CharTokenizer.fromJSON(tokenizerJson.value), BUNDLE_FILES.tokenizer);
  if (!tokenizer.ok) return tokenizer;
  if (tokenizer.value.vocabSize !== config.value.vocab_size) {
    return { ok: false, errors: [{ path: `${BUNDLE_FILES.config}: vocab_size`, message: `is ${config.value.vocab_size} but tokenizer.json has ${tokenizer.value.vocabSize} tokens` }] };
  }
  const weightBytes = files[BUNDLE_FILES.weights];
  if (!weightBytes) return { ok: false, errors: [{ path: BUNDLE_FILES.weights, message: `is missing ${missing}` }] };
  const weights = prefixed(weightsFromSafetensors(weightBytes, config.value), BUNDLE_FILES.weights);
  if (!weights.ok) return weights;
  return { ok: true, value: { config: config.value, tokenizer: tokenizer.value.toJSON(), weights: weights.value.weights, sha256: sha256OfBytes(weightBytes) } };
}

/** Reads and checks a bundle zip; every problem names the file (and field) at fault. */
export function readModelBundle(zip: Uint8Array, extraFiles: readonly string[] = []): ValidationResult<ReadBundle> {
  const wanted: string[] = [...Object.values(BUNDLE_FILES), ...extraFiles];
  const unzipped = safeUnzip(zip, { maxEntries: 64, maxEntryBytes: MAX_BUNDLE_BYTES, maxTotalBytes: MAX_BUNDLE_BYTES });
  if (!unzipped.ok) {
    const { entry, message } = unzipped.error;
    return { ok: false, errors: [{ path: entry ?? '', message: `not a readable model bundle zip: ${message}` }] };
  }
  const files: Record<string, Uint8Array> = {};
  for (const file of unzipped.files) if (wanted.includes(file.name)) files[file.name] = file.data;
  const model = modelFromFiles(files);
  if (!model.ok) return model;
  const extra: Record<string, string> = {};
  for (const name of extraFiles) {
    const bytes = files[name];
    if (bytes === undefined) continue;
    try {
      extra[name] = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, errors: [{ path: name, message: 'is not UTF-8 text' }] };
    }
  }
  return { ok: true, value: { ...model.value, extra } };
}
