// Import worker: a thin comlink adapter over src/importer/pipeline.ts. Owns the worker's
// database handle (relaxed durability for bulk writes) and the cancel switch; nothing else.
import { expose } from 'comlink';
import { TunixDatabase } from '../src/db/database';
import { createTraceSink, saveGeneratedSet, saveImportRecord } from '../src/db/trace-sink';
import { generatedSource } from '../src/importer/generated-source';
import type { GeneratorOptions } from '../src/generators/registry';
import type { GeneratorManifest } from '../src/generators/manifest';
import { importTraces } from '../src/importer/pipeline';
import type { ImportOptions, ImportProgress, ImportSummary } from '../src/importer/types';

let database: TunixDatabase | null = null;
let controller: AbortController | null = null;

function openDatabase(): TunixDatabase {
  database ??= new TunixDatabase(undefined, { bulkWrites: true });
  return database;
}

const api = {
  async importFiles(files: File[], options: ImportOptions, onProgress: (progress: ImportProgress) => void): Promise<ImportSummary> {
    const db = openDatabase();
    controller = new AbortController();
    const startedAt = new Date().toISOString();
    try {
      const summary = await importTraces(files, options, createTraceSink(db), { signal: controller.signal, onProgress });
      await saveImportRecord(db, startedAt, options, summary);
      return summary;
    } finally {
      controller = null;
    }
  },
  /** Generates a demo set and stores it through the import path; duplicates are skipped. */
  async generate(
    generator: GeneratorOptions,
    onProgress: (progress: ImportProgress) => void,
  ): Promise<{ summary: ImportSummary; manifest: GeneratorManifest | null }> {
    const db = openDatabase();
    controller = new AbortController();
    const options: ImportOptions = { mode: 'skip_invalid', duplicates: 'skip' };
    try {
      const generated = await generatedSource(generator);
      const summary = await importTraces([generated.source], options, createTraceSink(db), { signal: controller.signal, onProgress });
      const manifest = summary.status === 'completed' ? generated.manifest() : null;
      if (manifest) await saveGeneratedSet(db, manifest, summary);
      return { summary, manifest };
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
