// Eval worker: a thin comlink adapter over src/evaluate/runner.ts. Starts the tfjs backend (WASM
// unless the job asks for another, chosen and checked like training's), loads the evaluation's
// weights from IndexedDB (a run checkpoint, a registered model, or a run's untrained start) or,
// for a shipped base model, from the app's own origin (checked against models/index.json),
// evaluates the items the page sends, and stores results batch by batch with the record's counts.
// Cancel is the page terminating this worker: what was stored stays, the page ends the record.
import { expose } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { loadEvaluatedModel, type ShippedBaseLoader } from '../src/db/evaluation-models';
import { loadShippedModelById } from '../src/runs/shipped-models-loader';
import { appendEvalResults, endEvaluation, getEvaluation, updateEvaluation } from '../src/db/evaluations-repository';
import type { EvalItem } from '../src/evaluate/evalset';
import { modelForEvaluation, runEvaluation } from '../src/evaluate/runner';
import type { EvalProgress } from '../src/evaluate/runner';
import type { BackendRequest } from '../src/train/backend';
import { startBackend } from './tf-backends';

export interface EvalJob {
  evaluation_id: string;
  /** The eval set's items, in order (the page resolves bundled and imported sets). */
  items: EvalItem[];
  backend: BackendRequest;
  batch_size?: number;
  /** The app's root URL (where models/index.json lies): a worker's own URL says nothing of it. */
  app_root: string;
}

/** Loads a shipped base from the app's root and insists on the sha-256 the evaluation names. */
function shippedLoader(root: string): ShippedBaseLoader {
  return async (modelId, sha256) => {
    const loaded = await loadShippedModelById((url) => fetch(url), root, modelId);
    if (!loaded.ok) throw new Error(`base model ${modelId}: ${loaded.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    if (loaded.value.model.sha256 !== sha256) throw new Error(`base model ${modelId} is now ${loaded.value.model.sha256}, not ${sha256} as recorded: this version of the app ships another ${modelId}`);
    return loaded.value.model;
  };
}

let database: TunixDatabase | null = null;

/** How often a running evaluation's record is touched, so other tabs never take it for interrupted (STALE_AFTER_MS). */
const HEARTBEAT_MS = 30_000;

async function evaluate(job: EvalJob, onProgress: (progress: EvalProgress) => void): Promise<void> {
  const db = (database ??= new TunixDatabase());
  const id = job.evaluation_id;
  const record = await getEvaluation(db, id);
  if (!record) throw new Error(`evaluation ${id} does not exist`);
  try {
    const backend = await startBackend(job.backend);
    if (!backend.ok) throw new Error(`no TensorFlow.js backend started: ${backend.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    const loaded = await loadEvaluatedModel(db, record.model, shippedLoader(job.app_root));
    const { model, tokenizer } = modelForEvaluation(loaded.label, loaded.config, loaded.tokenizer, loaded.weights);
    await updateEvaluation(db, id, { backend: backend.value.actual, model_config: loaded.config, model_label: loaded.label });
    let elapsed = 0;
    const heartbeat = setInterval(() => void updateEvaluation(db, id, {}).catch(() => undefined), HEARTBEAT_MS);
    try {
      const outcome = await runEvaluation(model, tokenizer, job.items, {
        judge: record.judge,
        generation: record.generation,
        batchSize: job.batch_size,
        onProgress: (progress) => {
          elapsed = progress.elapsed_ms;
          onProgress(progress);
        },
        onResults: (results) => appendEvalResults(db, id, results, elapsed),
      });
      await updateEvaluation(db, id, {
        status: 'completed',
        finished_at: new Date().toISOString(),
        scorecard: outcome.scorecard,
        format_compliance: outcome.scorecard.format_compliance,
        items_done: job.items.length,
        tokens: outcome.tokens,
        elapsed_ms: outcome.elapsed_ms,
      });
    } finally {
      clearInterval(heartbeat);
      model.dispose();
    }
  } catch (error) {
    await endEvaluation(db, id, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
}

const api = { evaluate };

export type EvalWorkerApi = typeof api;

expose(api);
