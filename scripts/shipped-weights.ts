// Node: a shipped base's model read from public/models and checked as the app checks it (the
// index's sha-256, config and parameter count), for continued pretraining (`npm run pretrain --
// --init <id>`) and the test that re-runs a shipped base's pretraining.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_FILES, type ModelBundle } from '../src/runs/model-bundle';
import { checkShippedModel, shippedFilePath, SHIPPED_INDEX_PATH, validateShippedIndex } from '../src/runs/shipped-models';

const PUBLIC = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'public');

export function shippedModel(id: string): ModelBundle {
  const index = validateShippedIndex(JSON.parse(readFileSync(path.join(PUBLIC, SHIPPED_INDEX_PATH), 'utf8')));
  if (!index.ok) throw new Error(`${SHIPPED_INDEX_PATH}: ${index.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  const entry = index.value.models.find((model) => model.id === id);
  if (!entry) throw new Error(`${SHIPPED_INDEX_PATH} lists no model ${id} (it has ${index.value.models.map((model) => model.id).join(', ')})`);
  const files = Object.fromEntries(Object.values(BUNDLE_FILES).map((file) => [file, new Uint8Array(readFileSync(path.join(PUBLIC, shippedFilePath(id, file))))]));
  const model = checkShippedModel(entry, files);
  if (!model.ok) throw new Error(model.errors.map((e) => `${e.path} ${e.message}`).join('; '));
  return model.value;
}
