// Page side of the backup worker: one worker per backup, check or restore, terminated when the
// job ends or its AbortSignal fires (that is how cancel works). Backup pieces are written to the
// SaveTarget one after the other, in order.
import { proxy, wrap, type Remote } from 'comlink';
import type { BackupWorkerApi } from '../../../workers/backup.worker';
import type { BackupProgress, RestoreMode, RestoreReport } from '../../db/backup-repository';
import type { BackupManifest } from '../../backup/format';
import type { BackupSummary } from '../../backup/reader';
import type { SaveTarget } from '../datasets/save-target';

async function withWorker<T>(signal: AbortSignal, job: (api: Remote<BackupWorkerApi>) => Promise<T>): Promise<T> {
  signal.throwIfAborted();
  const worker = new Worker(new URL('../../../workers/backup.worker.ts', import.meta.url), { type: 'module', name: 'backup' });
  const aborted = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(signal.reason ?? new DOMException('Cancelled', 'AbortError')), { once: true });
  });
  try {
    return await Promise.race([job(wrap<BackupWorkerApi>(worker)), aborted]);
  } finally {
    worker.terminate();
  }
}

/** Writes a backup of the whole database into `target` (opened as `fileName`). */
export async function backupDatabase(
  signal: AbortSignal,
  appVersion: string,
  target: SaveTarget,
  fileName: string,
  onProgress: (progress: BackupProgress) => void,
): Promise<BackupManifest> {
  await target.open(fileName);
  let written = Promise.resolve();
  const sink = (blob: Blob) => (written = written.then(() => target.write(blob)));
  try {
    const manifest = await withWorker(signal, (api) => api.backup(appVersion, proxy(sink), proxy(onProgress)));
    await written;
    await target.close();
    return manifest;
  } catch (error) {
    await target.abort();
    throw error;
  }
}

/** Reads and checks a whole backup file; nothing is written. */
export function checkBackupFile(signal: AbortSignal, file: Blob, onProgress: (progress: BackupProgress) => void): Promise<BackupSummary> {
  return withWorker(signal, (api) => api.check(file, proxy(onProgress)));
}

/** Restores a backup file (checked again in full before its one write transaction). */
export function restoreBackupFile(signal: AbortSignal, file: Blob, mode: RestoreMode, onProgress: (progress: BackupProgress) => void): Promise<RestoreReport> {
  return withWorker(signal, (api) => api.restore(file, mode, proxy(onProgress)));
}
