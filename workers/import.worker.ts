// Import worker: a thin comlink adapter over src/importer/pipeline.ts. Owns the worker's
// database handle (relaxed durability for bulk writes) and the cancel switch; nothing else.
import { expose } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { createTraceSink, saveImportRecord } from '../src/db/trace-sink';
import { importTraces } from '../src/importer/pipeline';
import type { ImportOptions, ImportProgress, ImportSummary } from '../src/importer/types';

let database: TunixDatabase | null = null;
let controller: AbortController | null = null;

const api = {
  async importFiles(files: File[], options: ImportOptions, onProgress: (progress: ImportProgress) => void): Promise<ImportSummary> {
    database ??= new TunixDatabase(undefined, { bulkWrites: true });
    controller = new AbortController();
    const startedAt = new Date().toISOString();
    try {
      const summary = await importTraces(files, options, createTraceSink(database), { signal: controller.signal, onProgress });
      await saveImportRecord(database, startedAt, options, summary);
      return summary;
    } finally {
      controller = null;
    }
  },
  cancel(): void {
    controller?.abort(new DOMException('Import cancelled by the user', 'AbortError'));
  },
};

export type ImportWorkerApi = typeof api;
expose(api);
