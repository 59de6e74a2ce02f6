// Reads the shipped base models from the app's own origin: models/index.json, then a base's
// files, each checked by shipped-models.ts (sha-256 against the index first). The fetch function
// and the app's root URL come from the caller (the page, or a worker told the page's root), so
// this runs in Node tests with a fake fetch. Never fetches outside `root`, never stores anything.
import type { ValidationResult } from '../traces/types';
import { BUNDLE_FILES, type ModelBundle } from './model-bundle';
import { checkShippedModel, SHIPPED_INDEX_PATH, shippedFilePath, validateShippedIndex, type ShippedIndex, type ShippedModelEntry } from './shipped-models';

export type FetchFunction = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'arrayBuffer'>>;

async function fetchBytes(fetchFn: FetchFunction, root: string, path: string): Promise<ValidationResult<Uint8Array>> {
  const url = new URL(path, root).href;
  try {
    const response = await fetchFn(url);
    if (!response.ok) return { ok: false, errors: [{ path, message: `could not be read (HTTP ${response.status})` }] };
    return { ok: true, value: new Uint8Array(await response.arrayBuffer()) };
  } catch (error) {
    return { ok: false, errors: [{ path, message: `could not be read: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** The index of shipped bases under `root` (the app's root URL, ending in '/'). */
export async function loadShippedIndex(fetchFn: FetchFunction, root: string): Promise<ValidationResult<ShippedIndex>> {
  const bytes = await fetchBytes(fetchFn, root, SHIPPED_INDEX_PATH);
  if (!bytes.ok) return bytes;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.value));
  } catch {
    return { ok: false, errors: [{ path: SHIPPED_INDEX_PATH, message: 'is not UTF-8 JSON' }] };
  }
  const index = validateShippedIndex(json);
  return index.ok ? index : { ok: false, errors: index.errors.map((e) => ({ ...e, path: `${SHIPPED_INDEX_PATH}: ${e.path}` })) };
}

/** One base's model, its files fetched and checked against its index entry. */
export async function loadShippedModel(fetchFn: FetchFunction, root: string, entry: ShippedModelEntry): Promise<ValidationResult<ModelBundle & { sha256: string }>> {
  const names = [BUNDLE_FILES.weights, BUNDLE_FILES.config, BUNDLE_FILES.tokenizer] as const;
  const fetched = await Promise.all(names.map((name) => fetchBytes(fetchFn, root, shippedFilePath(entry.id, name))));
  const files: Record<string, Uint8Array> = {};
  for (const [k, result] of fetched.entries()) {
    if (!result.ok) return result;
    files[names[k]!] = result.value;
  }
  return checkShippedModel(entry, files);
}

/** The base `id` listed at `root` with its model (the index read first); errors name the file. */
export async function loadShippedModelById(fetchFn: FetchFunction, root: string, id: string): Promise<ValidationResult<{ entry: ShippedModelEntry; model: ModelBundle & { sha256: string } }>> {
  const index = await loadShippedIndex(fetchFn, root);
  if (!index.ok) return index;
  const entry = index.value.models.find((m) => m.id === id);
  if (!entry) return { ok: false, errors: [{ path: SHIPPED_INDEX_PATH, message: `lists no base model ${id} (removed in this version of the app?)` }] };
  const model = await loadShippedModel(fetchFn, root, entry);
  return model.ok ? { ok: true, value: { entry, model: model.value } } : model;
}
