// Export worker: a thin comlink adapter over src/export/job.ts. Owns the worker's database handle
// and hands each written piece to the page's sink as UTF-8 bytes, transferred (not copied); the
// page turns them into Blobs there (the bytes then live in the browser's blob store, in neither
// heap), on its own thread while this one renders. Cancel is the page terminating this worker.
import { expose, transfer } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { getDataset } from '../src/db/datasets-repository';
import { createTraceReader } from '../src/db/trace-store';
import { runExport, type ExportJobOptions, type ExportJobProgress, type ExportJobResult } from '../src/export/job';

/** What the page's sink receives, in order: open, data…, close, per output file. */
export type SinkEvent = { type: 'open'; name: string } | { type: 'data'; bytes: Uint8Array } | { type: 'close' };

const encoder = new TextEncoder();

/** The UTF-8 of `text` in a buffer of its own (to transfer): sized for ASCII, re-encoded when short. */
function utf8(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length + (text.length >> 4) + 16);
  const { read, written } = encoder.encodeInto(text, bytes);
  return read === text.length ? bytes.subarray(0, written) : encoder.encode(text);
}

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
        write: (data) => {
          const bytes = typeof data === 'string' ? utf8(data) : data;
          return sink(transfer({ type: 'data', bytes }, [bytes.buffer]));
        },
        close: () => sink({ type: 'close' }),
      },
      { ...options, onProgress },
    );
  },
};

export type ExportWorkerApi = typeof api;
expose(api);
