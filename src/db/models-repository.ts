// The models table (the model registry): register a model version from weights (content
// addressed by the sha-256 of its model.safetensors, numbered v1, v2, … per name), list without
// weights, read one, delete one. Registering weights already registered under the same name
// returns that version instead of a duplicate. Must never store weights that do not fit their
// config (validateWeights) or a name that validateModelName refuses.
import { validateWeights } from '../model/checkpoint';
import type { GptConfig } from '../model/config';
import type { NamedWeights } from '../model/gpt';
import { modelSha256, nextModelVersion, validateModelName } from '../runs/model-registry';
import type { ModelRecord } from '../runs/types';
import type { ValidationResult } from '../traces/types';
import { announceChange } from './changes';
import type { TunixDatabase } from './database';
import { isQuotaError, StorageFullError } from './errors';

export type ModelListItem = Omit<ModelRecord, 'weights' | 'tokenizer'>;

export interface ModelRegistration {
  name: string;
  model_config: GptConfig;
  tokenizer: ModelRecord['tokenizer'];
  weights: NamedWeights;
  run_id?: string | null;
  dataset_key?: string | null;
  notes?: string;
  /** When given (an imported bundle), must equal the computed hash. */
  expected_sha256?: string;
}

export interface RegisteredModel {
  model: ModelRecord;
  /** False when the same weights were already registered under this name. */
  created: boolean;
}

export async function registerModel(db: TunixDatabase, request: ModelRegistration): Promise<ValidationResult<RegisteredModel>> {
  const nameProblem = validateModelName(request.name);
  if (nameProblem !== null) return { ok: false, errors: [{ path: 'name', message: nameProblem }] };
  const weights = validateWeights(request.model_config, request.weights);
  if (!weights.ok) return weights;
  const sha256 = modelSha256(request.model_config, weights.value);
  if (request.expected_sha256 !== undefined && request.expected_sha256 !== sha256) {
    return { ok: false, errors: [{ path: 'model.safetensors', message: `sha-256 is ${sha256}, the bundle says ${request.expected_sha256}: the file is corrupt or was changed` }] };
  }
  const name = request.name.trim();
  try {
    const result = await db.transaction('rw', db.models, async () => {
      const existing = await db.models.where('name').equals(name).toArray();
      const same = existing.find((model) => model.sha256 === sha256);
      if (same) return { model: same, created: false };
      const model: ModelRecord = {
        id: crypto.randomUUID(), name, version: nextModelVersion(existing, name), sha256, created_at: new Date().toISOString(),
        run_id: request.run_id ?? null, dataset_key: request.dataset_key ?? null, model_config: request.model_config,
        tokenizer: request.tokenizer, weights: weights.value, notes: request.notes ?? '',
      };
      await db.models.add(model);
      return { model, created: true };
    });
    if (result.created) announceChange('models');
    return { ok: true, value: result };
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError('Storage is full: the browser refused to store the model. Free space (Storage screen), then try again.');
    throw error;
  }
}

/** Every model version without weights, by name then newest version first. */
export async function listModels(db: TunixDatabase): Promise<ModelListItem[]> {
  const items: ModelListItem[] = [];
  await db.models.each((model) => {
    const { weights: _weights, tokenizer: _tokenizer, ...item } = model;
    items.push(item);
  });
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : b.version - a.version));
}

export async function getModel(db: TunixDatabase, id: string): Promise<ModelRecord | undefined> {
  return db.models.get(id);
}

/** Deletes one version; returns the bytes of weights freed (0 when it did not exist). */
export async function deleteModel(db: TunixDatabase, id: string): Promise<number> {
  const model = await db.models.get(id);
  if (!model) return 0;
  await db.models.delete(id);
  announceChange('models');
  return Object.values(model.weights).reduce((sum, values) => sum + values.byteLength, 0);
}
