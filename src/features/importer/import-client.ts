// Page side of the import worker: one worker per import, terminated when it ends. Cancel asks
// the worker to stop between batches so committed batches are counted and kept.
import { proxy, wrap, type Remote } from 'comlink';
import type { ImportWorkerApi } from '../../../workers/import.worker';
import type { ImportOptions, ImportProgress, ImportSummary } from '../../importer/types';

export interface RunningImport {
  done: Promise<ImportSummary>;
  cancel(): void;
}

export function startImport(files: File[], options: ImportOptions, onProgress: (progress: ImportProgress) => void): RunningImport {
  const worker = new Worker(new URL('../../../workers/import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
  const api: Remote<ImportWorkerApi> = wrap<ImportWorkerApi>(worker);
  const done = api.importFiles(files, options, proxy(onProgress)).finally(() => worker.terminate());
  return { done, cancel: () => void api.cancel() };
}
