// The import pipeline's sink backed by the paged trace store (duplicate checks answered by the
// in-memory ids and hashes of stored traces), plus the import history and generated-set records.
import type { TraceSink } from '../importer/pipeline';
import type { ImportOptions, ImportSummary } from '../importer/types';
import { uuidv7 } from '../shared/ids';
import type { GeneratedSetRecord, ImportRecord, TunixDatabase } from './database';
import type { GeneratorManifest } from '../generators/manifest';
import { announceChange } from './changes';
import { appendTraces, deleteTraces, storedKeys } from './trace-store';

export function createTraceSink(db: TunixDatabase): TraceSink {
  return {
    findStoredHashes: async (hashes) => {
      const keys = await storedKeys(db);
      return new Set(hashes.filter((hash) => keys.hasHash(hash)));
    },
    findStoredIds: async (ids) => {
      const keys = await storedKeys(db);
      return new Set(ids.filter((id) => keys.has(id)));
    },
    writeBatch: (traces, storedBefore, records) => appendTraces(db, traces, storedBefore, records),
    deleteIds: async (ids) => {
      await deleteTraces(db, ids);
    },
  };
}

export async function saveImportRecord(
  db: TunixDatabase,
  startedAt: string,
  options: ImportOptions,
  summary: ImportSummary,
): Promise<ImportRecord> {
  const record: ImportRecord = {
    id: uuidv7(),
    started_at: startedAt,
    finished_at: new Date().toISOString(),
    files: summary.files.map(({ name, bytes, format }) => ({ name, bytes, format })),
    mode: options.mode,
    duplicates: options.duplicates,
    stored: summary.stored,
    invalid: summary.invalid,
    duplicate: summary.duplicate,
    status: summary.status,
    ...(summary.status === 'failed' ? { error: summary.message } : {}),
  };
  await db.imports.put(record);
  announceChange('imports');
  return record;
}

export async function saveGeneratedSet(db: TunixDatabase, manifest: GeneratorManifest, summary: ImportSummary): Promise<GeneratedSetRecord> {
  const record: GeneratedSetRecord = {
    id: uuidv7(),
    created_at: new Date().toISOString(),
    generator: manifest.generator,
    manifest,
    stored: summary.stored,
    duplicate: summary.duplicate,
    status: summary.status,
  };
  await db.generated_sets.put(record);
  announceChange('generated_sets');
  return record;
}

export function listGeneratedSets(db: TunixDatabase): Promise<GeneratedSetRecord[]> {
  return db.generated_sets.orderBy('created_at').reverse().toArray();
}
