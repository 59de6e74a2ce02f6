// Train worker: a thin comlink adapter. Owns its database handle, the tfjs backend of this worker
// and the local cancel. startRun plans and stores a new run from the Train screen's setup, then
// trains it; resumeRun continues a stored run from its newest checkpoint; both write everything
// through the runs repository (src/runs/executor.ts does the work). checkBackends runs the
// cross-backend check (use a fresh worker for it: it switches backends). Web Locks are the
// page's business (src/features/train/train-client.ts).
import { expose } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { appendLogs, createRun, getRun, runStore, transitionRun } from '../src/db/runs-repository';
import { loadRunInputs, type RunInputs } from '../src/db/run-inputs';
import type { TrainSetup } from '../src/runs/config-file';
import { executeRun, type RunProgress } from '../src/runs/executor';
import { planNewRun, type BaseModelChoice } from '../src/runs/new-run';
import type { RunManifest } from '../src/runs/types';
import type { NamedWeights } from '../src/model/gpt';
import { runBackendCheck, type BackendCheckResult } from '../src/train/backend-check';
import type { BackendRequest, BackendName } from '../src/train/backend';
import { startBackend } from './tf-backends';

export interface StartRunRequest {
  runId: string;
  name?: string;
  appVersion: string;
  setup: TrainSetup & { dataset_key: string };
  base?: BaseModelChoice & { weights: NamedWeights };
}

let database: TunixDatabase | null = null;
let controller = new AbortController();
const db = () => (database ??= new TunixDatabase());

async function failRun(runId: string, error: unknown): Promise<RunManifest> {
  const message = error instanceof Error ? error.message : String(error);
  await appendLogs(db(), runId, [{ level: 'error', message }]);
  const failed = await transitionRun(db(), runId, 'failed', { finished_at: new Date().toISOString(), error: message });
  if (!failed.ok) throw error;
  return failed.value;
}

async function train(run: RunManifest, inputs: RunInputs, onProgress: (p: RunProgress) => void, base?: StartRunRequest['base']): Promise<RunManifest> {
  controller = new AbortController();
  if (inputs.missing.length > 0) await appendLogs(db(), run.run_id, [{ level: 'warn', message: `${inputs.missing.length} traces of dataset ${run.dataset_key} are no longer in the store` }]);
  const backend = await startBackend(run.backend_requested as BackendRequest);
  if (!backend.ok) return failRun(run.run_id, new Error(`no backend could start: ${backend.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`));
  return executeRun({
    store: runStore(db()), runId: run.run_id, train: inputs.train, heldout: inputs.heldout, backend: backend.value,
    signal: controller.signal, onProgress, ...(base ? { base: { weights: base.weights, tokenizer: base.tokenizer } } : {}),
  });
}

const api = {
  async startRun(request: StartRunRequest, onProgress: (p: RunProgress) => void): Promise<RunManifest> {
    const inputs = await loadRunInputs(db(), request.setup.dataset_key, request.setup.system_instruction);
    const planned = planNewRun({
      runId: request.runId, createdAt: new Date().toISOString(), appVersion: request.appVersion, setup: request.setup,
      dataset: inputs.dataset, train: inputs.train, heldout: inputs.heldout,
      ...(request.name ? { name: request.name } : {}), ...(request.base ? { base: request.base } : {}),
    });
    if (!planned.ok) throw new Error(planned.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    await createRun(db(), planned.value);
    return train(planned.value, inputs, onProgress, request.base);
  },

  async resumeRun(runId: string, onProgress: (p: RunProgress) => void): Promise<RunManifest> {
    const run = await getRun(db(), runId);
    if (!run) throw new Error(`run ${runId} does not exist (deleted?)`);
    let inputs: RunInputs;
    try {
      inputs = await loadRunInputs(db(), run.dataset_key, run.system_instruction ?? '');
    } catch (error) {
      return failRun(runId, error);
    }
    return train(run, inputs, onProgress);
  },

  /** Stops this worker's run at its next step, as cancelled. */
  cancel(): void {
    controller.abort();
  },

  checkBackends(backends: BackendName[], onResult: (result: BackendCheckResult) => void): Promise<BackendCheckResult[]> {
    return runBackendCheck((name) => startBackend(name), backends, onResult);
  },
};

export type TrainWorkerApi = typeof api;
expose(api);
