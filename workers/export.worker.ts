// Export worker: a thin comlink adapter over src/export/job.ts. Owns the worker's database handle
// and turns each written piece into a Blob (a handle: the bytes live in the browser's blob store,
// not in either heap) for the page's sink. Cancel is the page terminating this worker.
import { expose } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { getDataset } from '../src/db/datasets-repository';
import { createTraceReader } from '../src/db/trace-store';
import { runExport, type ExportJobOptions, type ExportJobProgress, type ExportJobResult } from '../src/export/job';

/** What the page's sink receives, in order: open, data…, close, per output file. */
export type SinkEvent = { type: 'open'; name: string } | { type: 'data'; blob: Blob } | { type: 'close' };

export type WorkerExportOptions = Omit<ExportJobOptions, 'signal' | 'onProgress'>;

let database: TunixDatabase | null = null;

const api = {
  async exportDataset(
    key: string,
    options: WorkerExportOptions,
    sink: (event: SinkEvent) => Promise<void>,
    onProgress: (progress: ExportJobProgress) => void,
  ): Promise<ExportJobResult> {
    database ??= new TunixDatabase();
    const db = database;
    const manifest = await getDataset(db, key);
    if (!manifest) throw new Error(`dataset ${key} does not exist (deleted?)`);
    return runExport(
      manifest,
      await createTraceReader(db),
      {
        open: (name) => sink({ type: 'open', name }),
        write: (data) => sink({ type: 'data', blob: new Blob([data as BlobPart]) }),
        close: () => sink({ type: 'close' }),
      },
      { ...options, onProgress },
    );
  },
};

export type ExportWorkerApi = typeof api;
expose(api);
