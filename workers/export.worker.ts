// Export worker: a thin comlink adapter over src/export/job.ts. Owns the worker's database handle
// and hands what the job writes to the page's sink as UTF-8 buffers of about 4 MiB, transferred
// (not copied); the page makes Blobs of them there (the bytes then live in the browser's blob
// store, in neither heap), on its own thread while this one renders. Cancel is the page
// terminating this worker.
import { expose, transfer } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { getDataset } from '../src/db/datasets-repository';
import { createTraceReader } from '../src/db/trace-reader';
import { byteBatcher } from '../src/export/byte-batches';
import { runExport, type ExportJobOptions, type ExportJobProgress, type ExportJobResult } from '../src/export/job';

/** What the page's sink receives, in order: open, data…, close, per output file. */
export type SinkEvent = { type: 'open'; name: string } | { type: 'data'; bytes: Uint8Array } | { type: 'close' };

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
    const reading = getDataset(db, key);
    const reader = await createTraceReader(db, reading.then((found) => found?.trace_ids ?? []));
    const manifest = await reading;
    if (!manifest) throw new Error(`dataset ${key} does not exist (deleted?)`);
    const batches = byteBatcher((bytes) => sink(transfer({ type: 'data', bytes }, [bytes.buffer])));
    return runExport(
      manifest,
      reader,
      {
        open: (name) => sink({ type: 'open', name }),
        write: (data) => batches.write(data),
        close: async () => {
          await batches.flush();
          await sink({ type: 'close' });
        },
      },
      { ...options, onProgress },
    );
  },
};

export type ExportWorkerApi = typeof api;
expose(api);
