// The data a training run reads from the store: its dataset build and that build's traces,
// rendered as prompt/completion pairs (train split and held-out eval split). Owns only these
// reads; rendering and splitting are src/runs/run-data.ts. Never writes.
import type { DatasetManifest } from '../datasets/types';
import { renderExamples, runTraceIds } from '../runs/run-data';
import type { PromptCompletion } from '../train/data';
import type { TunixDatabase } from './database';
import { getDataset } from './datasets-repository';
import { getTraces } from './trace-store';

export interface RunInputs {
  dataset: DatasetManifest;
  train: PromptCompletion[];
  heldout: PromptCompletion[];
  /** Ids of the build whose traces the store no longer has. */
  missing: string[];
}

export async function loadRunInputs(db: TunixDatabase, datasetKey: string, systemInstruction = ''): Promise<RunInputs> {
  const dataset = await getDataset(db, datasetKey);
  if (!dataset) throw new Error(`dataset ${datasetKey} does not exist (deleted?)`);
  const ids = runTraceIds(dataset);
  const train = renderExamples(ids.train, await getTraces(db, ids.train), systemInstruction);
  const heldout = renderExamples(ids.heldout, await getTraces(db, ids.heldout), systemInstruction);
  return { dataset, train: train.examples, heldout: heldout.examples, missing: [...train.missing, ...heldout.missing] };
}
