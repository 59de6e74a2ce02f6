// Training benchmark page (driven by scripts/bench-train.mjs): one worker per backend measures
// the benchmark shapes, the matmul peak and the leak check (see train-bench.worker.ts). The
// learning bar is measured through the app itself (index.html), not here.
import { wrap, type Remote } from 'comlink';
import type { BackendName } from '../../src/train/backend';
import type { ModelPresetName } from '../../src/model/config';
import type { StepTiming, TrainBenchWorkerApi } from './train-bench.worker';

const status = document.getElementById('status')!;
const workers = new Map<BackendName, { worker: Worker; api: Remote<TrainBenchWorkerApi> }>();

declare global {
  interface Window {
    startTrainBackend(backend: BackendName): Promise<{ ok: boolean; actual: string; error?: string }>;
    measureTrainSteps(backend: BackendName, preset: ModelPresetName, steps: number, budgetMs: number, warmup?: number): Promise<StepTiming>;
    matmulPeak(backend: BackendName): Promise<number>;
    leakCheck(steps: number): Promise<{ first: number; last: number; min: number; max: number; bytesFirst: number; bytesLast: number; before: number; after: number }>;
    stopTrainBackend(backend: BackendName): void;
  }
}

function workerFor(backend: BackendName) {
  const found = workers.get(backend);
  if (!found) throw new Error(`backend ${backend} was not started`);
  return found.api;
}

window.startTrainBackend = async (backend) => {
  status.textContent = `starting ${backend}`;
  const worker = new Worker(new URL('./train-bench.worker.ts', import.meta.url), { type: 'module', name: `bench-${backend}` });
  const api = wrap<TrainBenchWorkerApi>(worker);
  workers.set(backend, { worker, api });
  return api.start(backend);
};
window.measureTrainSteps = (backend, preset, steps, budgetMs, warmup) => workerFor(backend).measure(preset, steps, budgetMs, warmup);
window.matmulPeak = (backend) => workerFor(backend).matmulPeak();
window.leakCheck = (steps) => workerFor('wasm').leakCheck(steps);
window.stopTrainBackend = (backend) => {
  workers.get(backend)?.worker.terminate();
  workers.delete(backend);
};
status.textContent = 'loaded';
