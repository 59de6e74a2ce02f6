// Page side of the import worker: one worker per import or generated set, terminated when it ends. Cancel asks
// the worker to stop between batches so committed batches are counted and kept.
import { proxy, wrap, type Remote } from 'comlink';
import type { ImportWorkerApi } from '../../../workers/import.worker';
import type { ImportOptions, ImportProgress, ImportSummary } from '../../importer/types';
import type { GeneratorOptions } from '../../generators/registry';
import type { GeneratorManifest } from '../../generators/manifest';

export interface RunningImport {
  done: Promise<ImportSummary>;
  cancel(): void;
}

export interface RunningGenerate {
  done: Promise<{ summary: ImportSummary; manifest: GeneratorManifest | null }>;
  cancel(): void;
}

function openWorker(): { api: Remote<ImportWorkerApi>; worker: Worker } {
  const worker = new Worker(new URL('../../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
  return { api: wrap<ImportWorkerApi>(worker), worker };
}

export function startImport(files: File[], options: ImportOptions, onProgress: (progress: ImportProgress) => void): RunningImport {
  const { api, worker } = openWorker();
  const done = api.importFiles(files, options, proxy(onProgress)).finally(() => worker.terminate());
  return { done, cancel: () => void api.cancel() };
}

export function startGenerate(options: GeneratorOptions, onProgress: (progress: ImportProgress) => void): RunningGenerate {
  const { api, worker } = openWorker();
  const done = api.generate(options, proxy(onProgress)).finally(() => worker.terminate());
  return { done, cancel: () => void api.cancel() };
}
