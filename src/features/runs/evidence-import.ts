// Importing an evidence bundle: the zip is read as hostile input, its run manifest re-creates the
// run's setup (model and train config, seed, backend) in the Train form against the same dataset,
// so starting it reruns the experiment; the dataset must exist (same key) or the import says how
// to make it.
import { appDatabase } from '../../db/database';
import { getDataset } from '../../db/datasets-repository';
import { readEvidenceBundle } from '../../runs/evidence';
import { safeUnzip } from '../../shared/safe-unzip';
import type { ValidationResult } from '../../traces/types';
import { draftFromSetup, trainDraft } from '../train/train-draft';

export interface ImportedEvidence {
  name: string;
  dataset_key: string;
  /** The dataset exists under the key but is another build than the original run's. */
  other_build: boolean;
  steps: number;
}

export async function importEvidenceBundle(file: File): Promise<ValidationResult<ImportedEvidence>> {
  const unzipped = safeUnzip(new Uint8Array(await file.arrayBuffer()), { maxEntries: 32, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 128 * 1024 * 1024 });
  if (!unzipped.ok) return { ok: false, errors: [{ path: unzipped.error.entry ?? file.name, message: unzipped.error.message }] };
  const decoder = new TextDecoder();
  const files = new Map(unzipped.files.map((f) => [f.name, decoder.decode(f.data)]));
  const read = readEvidenceBundle(files);
  if (!read.ok) return read;
  const request = read.value;
  const dataset = await getDataset(appDatabase(), request.dataset_key);
  if (!dataset) {
    return { ok: false, errors: [{ path: 'dataset_key', message: `dataset ${request.dataset_key} is not in this browser: import its traces and build it with the filters of dataset_manifest.json (same name, version and seed), then import the bundle again` }] };
  }
  const { vocab_size: _vocab, ...model } = request.model_config;
  trainDraft.value = draftFromSetup(
    { model_preset: request.model_preset, model, train: request.train_config, backend: request.backend, system_instruction: request.system_instruction, sample_every: request.sample_every, dataset_key: request.dataset_key },
    request.name,
  );
  return { ok: true, value: { name: request.name, dataset_key: request.dataset_key, other_build: dataset.build_id !== request.build_id, steps: request.expected_losses.length } };
}
