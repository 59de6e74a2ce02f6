// The import pipeline's sink backed by the traces table, plus the import history record.
import type { TraceSink } from '../importer/pipeline';
import type { ImportOptions, ImportSummary } from '../importer/types';
import { uuidv7 } from '../shared/ids';
import type { ImportRecord, TunixDatabase } from './database';
import { announceChange } from './changes';
import { addTraceBatch, deleteTraces, findStoredHashes, findStoredIds } from './traces-repository';

export function createTraceSink(db: TunixDatabase): TraceSink {
  return {
    findStoredHashes: (hashes) => findStoredHashes(db, hashes),
    findStoredIds: (ids) => findStoredIds(db, ids),
    writeBatch: (traces, storedBefore) => addTraceBatch(db, traces, storedBefore),
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
