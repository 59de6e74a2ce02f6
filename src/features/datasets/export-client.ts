// Page side of the export worker: one worker per export, its pieces (UTF-8 bytes transferred
// from the worker, a few on their way at once) fed to a SaveTarget as Blobs one after another,
// in the order sent (the worker waits for them: backpressure). Cancel is the AbortSignal: the
// worker is terminated and the partly written file dropped.
import { proxy, wrap } from 'comlink';
import type { ExportWorkerApi, SinkEvent, WorkerExportOptions } from '../../../workers/export.worker';
import type { ExportJobProgress, ExportJobResult } from '../../export/job';
import type { SaveTarget } from './save-target';

export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('Export cancelled', 'AbortError');
}

export async function exportDataset(
  signal: AbortSignal,
  key: string,
  options: WorkerExportOptions,
  target: SaveTarget,
  onProgress: (progress: ExportJobProgress) => void,
): Promise<ExportJobResult> {
  signal.throwIfAborted();
  const worker = new Worker(new URL('../../../workers/export.worker.ts', import.meta.url), { type: 'module', name: 'export' });
  const api = wrap<ExportWorkerApi>(worker);
  const handle = async (event: SinkEvent) => {
    if (event.type === 'open') await target.open(event.name);
    else if (event.type === 'data') await target.write(new Blob([event.bytes as Uint8Array<ArrayBuffer>]));
    else await target.close();
  };
  // Calls arrive in order but may overlap: each waits for the one before.
  let last: Promise<void> = Promise.resolve();
  const sink = (event: SinkEvent) => (last = last.catch(() => undefined).then(() => handle(event)));
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
  try {
    return await Promise.race([api.exportDataset(key, options, proxy(sink), proxy(onProgress)), aborted]);
  } catch (error) {
    await target.abort();
    throw error;
  } finally {
    worker.terminate();
  }
}
