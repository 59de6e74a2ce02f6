// Model registry glue for the screens: download a version as a zip (bundle + model card), import
// a zip back (hash verified), register a run's newest checkpoint. Reads through the repositories;
// the card's scores come from the model's completed evaluations.
import { appDatabase } from '../../db/database';
import { getModel, registerModel } from '../../db/models-repository';
import type { RegisteredModel } from '../../db/models-repository';
import { getRun, latestCheckpoint } from '../../db/runs-repository';
import { readRegistryBundle, registryBundleZip } from '../../runs/model-registry';
import type { ValidationResult } from '../../traces/types';
import { downloadBlob } from '../../ui/download';

/** A file-system-safe stem: `adder-v3`. */
export function modelFileStem(name: string, version: number): string {
  return `${name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model'}-v${version}`;
}

export async function downloadModel(id: string): Promise<void> {
  const db = appDatabase();
  const model = await getModel(db, id);
  if (!model) throw new Error('this model version no longer exists');
  const run = model.run_id ? ((await getRun(db, model.run_id)) ?? null) : null;
  const evaluations = await db.evaluations.where('status').equals('completed').toArray();
  const scorecards = evaluations
    .filter((e) => e.model.kind === 'model' && e.model.model_id === id && e.scorecard !== null)
    .map((e) => ({ evalset_id: e.evalset_id, scorecard: e.scorecard! }));
  const zip = registryBundleZip(model, { model, run, scorecards });
  downloadBlob(`${modelFileStem(model.name, model.version)}.zip`, new Blob([zip as BlobPart], { type: 'application/zip' }));
}

/** Reads a zip the user picked and registers it; errors name the file part at fault. */
export async function importModelFile(file: File): Promise<ValidationResult<RegisteredModel>> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const read = readRegistryBundle(bytes, file.name.replace(/\.zip$/i, ''));
  if (!read.ok) return read;
  const { bundle, name, notes, run_id, dataset_key } = read.value;
  return registerModel(appDatabase(), {
    name, notes, run_id, dataset_key, model_config: bundle.config, tokenizer: bundle.tokenizer, weights: bundle.weights, expected_sha256: bundle.sha256,
  });
}

/** Registers the newest checkpoint of a run under `name`. */
export async function registerRunModel(runId: string, name: string, notes = ''): Promise<ValidationResult<RegisteredModel>> {
  const db = appDatabase();
  const [run, checkpoint] = await Promise.all([getRun(db, runId), latestCheckpoint(db, runId)]);
  if (!run) return { ok: false, errors: [{ path: 'run', message: `run ${runId} does not exist` }] };
  if (!checkpoint) return { ok: false, errors: [{ path: 'run', message: `run ${run.name} has no checkpoint yet` }] };
  const { state } = checkpoint;
  return registerModel(db, {
    name, notes, run_id: run.run_id, dataset_key: run.dataset_key, model_config: state.model_config, tokenizer: state.tokenizer, weights: state.weights,
  });
}
