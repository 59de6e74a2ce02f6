// Page side of the eval worker (the Squoosh habit: the AbortSignal comes first). Owns one worker
// per evaluation: creates the evaluation record, starts the worker, and terminates it when the
// evaluation ends or the signal aborts, then ends the record as cancelled (its finished items
// stay stored) or failed (a worker that crashed cannot say so itself).
import { proxy, wrap } from 'comlink';
import type { EvalJob, EvalWorkerApi } from '../../../workers/eval.worker';
import { appRoot } from '../../app/shipped-models';
import { appDatabase } from '../../db/database';
import { createEvaluation, endEvaluation } from '../../db/evaluations-repository';
import type { EvalItem } from '../../evaluate/evalset';
import type { JudgeName } from '../../evaluate/judges';
import type { EvaluatedModel, GenerationSettings } from '../../evaluate/records';
import type { EvalProgress } from '../../evaluate/runner';
import type { BackendRequest } from '../../train/backend';

export interface EvalSetChoice {
  id: string;
  name: string;
  sha256: string;
  items: EvalItem[];
}

export interface EvaluationRequest {
  model: EvaluatedModel;
  model_label: string;
  evalset: EvalSetChoice;
  judge: JudgeName;
  generation: GenerationSettings;
  backend: BackendRequest;
}

export interface EvaluationEnd {
  id: string;
  label: string;
  status: 'completed' | 'cancelled' | 'failed';
  error: string | null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one evaluation in a fresh worker; `onCreated` gets the new evaluation's id first. */
export async function runEvaluationInWorker(
  signal: AbortSignal,
  request: EvaluationRequest,
  onProgress: (progress: EvalProgress) => void,
  onCreated: (id: string) => void = () => undefined,
): Promise<EvaluationEnd> {
  const db = appDatabase();
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  await createEvaluation(db, {
    id,
    created_at: now,
    finished_at: null,
    status: 'running',
    model: request.model,
    model_label: request.model_label,
    evalset_id: request.evalset.id,
    evalset_name: request.evalset.name,
    evalset_sha256: request.evalset.sha256,
    judge: request.judge,
    generation: request.generation,
    backend: request.backend,
    scorecard: null,
    format_compliance: null,
    error: null,
    items_total: request.evalset.items.length,
    items_done: 0,
    tokens: 0,
    elapsed_ms: 0,
  });
  onCreated(id);
  if (signal.aborted) {
    await endEvaluation(db, id, 'cancelled', null);
    return { id, label: request.model_label, status: 'cancelled', error: null };
  }
  const worker = new Worker(new URL('../../../workers/eval.worker.ts', import.meta.url), { type: 'module', name: 'eval' });
  const api = wrap<EvalWorkerApi>(worker);
  const job: EvalJob = { evaluation_id: id, items: request.evalset.items, backend: request.backend, app_root: appRoot() };
  try {
    await new Promise<void>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new DOMException('evaluation cancelled', 'AbortError')), { once: true });
      worker.addEventListener('error', (event) => reject(new Error(`the eval worker stopped: ${event.message || 'it could not start or crashed'}`)));
      api.evaluate(job, proxy(onProgress)).then(resolve, reject);
    });
    return { id, label: request.model_label, status: 'completed', error: null };
  } catch (error) {
    const status = signal.aborted ? 'cancelled' : 'failed';
    const message = status === 'cancelled' ? null : messageOf(error);
    worker.terminate();
    await endEvaluation(db, id, status, message);
    return { id, label: request.model_label, status, error: message };
  } finally {
    worker.terminate();
  }
}
