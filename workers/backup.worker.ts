// Backup worker: a thin comlink adapter over src/db/backup-repository.ts. Owns the worker's
// database handle and turns each backup chunk into a Blob (the bytes go to the browser's blob
// store, not either heap) for the page's sink. Cancel is the page terminating this worker; a
// restore cut short that way leaves its transaction uncommitted, so the database is unchanged.
import { expose } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { checkBackup, restoreBackup, writeBackup, type BackupProgress, type RestoreMode, type RestoreReport } from '../src/db/backup-repository';
import type { BackupManifest } from '../src/backup/format';
import type { BackupSummary } from '../src/backup/reader';

let database: TunixDatabase | null = null;
const db = () => (database ??= new TunixDatabase());

const api = {
  async backup(appVersion: string, sink: (blob: Blob) => Promise<void>, onProgress: (progress: BackupProgress) => void): Promise<BackupManifest> {
    const written: Promise<void>[] = [];
    // The sink is called, not awaited, inside the read transaction (awaiting it would close it).
    const manifest = await writeBackup(db(), (chunk) => written.push(sink(new Blob([chunk]))), { appVersion, onProgress });
    await Promise.all(written);
    return manifest;
  },
  check(file: Blob, onProgress: (progress: BackupProgress) => void): Promise<BackupSummary> {
    return checkBackup(file, onProgress);
  },
  restore(file: Blob, mode: RestoreMode, onProgress: (progress: BackupProgress) => void): Promise<RestoreReport> {
    return restoreBackup(db(), file, mode, onProgress);
  },
};

export type BackupWorkerApi = typeof api;
expose(api);
