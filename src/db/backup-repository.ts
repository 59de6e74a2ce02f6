// Backup and restore of the whole database, generically over every table of the schema (so
// tables added by later versions are included without changes here), but the derived ones
// (schema.ts's DERIVED_TABLES), which a restore rebuilds.
// - Backup reads every table inside ONE read-only transaction (a consistent snapshot: a trace
//   page and its summary can never come from different moments), in primary-key order and in
//   chunks, and hands text chunks to `emit` as it goes; it never awaits anything but IndexedDB
//   inside the transaction, so `emit` must be synchronous (queue the chunk, do not wait).
// - Restore reads the file twice: first a complete check (src/backup/reader.ts) with nothing
//   written, then the write, in ONE read-write transaction over every table (Dexie.waitFor keeps
//   it open while the next piece of the file is read), checked again as it goes. Any failure,
//   a closed tab or a terminated worker aborts that transaction: the database is left as it was.
import Dexie from 'dexie';
import type { TunixDatabase } from './database';
import { announceEverythingChanged } from './changes';
import { isQuotaError } from './errors';
import { DERIVED_TABLES, LATEST_SCHEMA_VERSION } from './schema';
import { dropTracesShadowedBy, forgetTraceCache, rebuildTraceKeys } from './trace-store';
import { BackupFormatError, type BackupHeader, type BackupManifest } from '../backup/format';
import { latestTables, primaryKeyOf, type TableSchema } from '../backup/keys';
import { inspectBackup, readBackup, type BackupSummary } from '../backup/reader';
import { BackupWriter } from '../backup/writer';

export type RestoreMode = 'merge' | 'replace';

export interface BackupProgress {
  phase: 'backup' | 'check' | 'restore';
  /** Records written (backup) or restored so far. */
  records: number;
  totalRecords: number;
  /** Bytes of the file read so far (check, restore). */
  bytes: number;
  totalBytes: number;
}

export interface BackupOptions {
  appVersion: string;
  now?: Date;
  onProgress?: (progress: BackupProgress) => void;
}

/** Characters a backup read aims for per chunk of records. */
const READ_CHUNK_CHARS = 2_000_000;
const MAX_READ_RECORDS = 10_000;
/** A restore writes once this many characters or records are pending. */
const WRITE_CHUNK_CHARS = 4_000_000;
const WRITE_CHUNK_RECORDS = 5_000;

/**
 * Repairs after a merge, per table, given the primary keys the backup wrote: a trace id must live
 * in one page only (a trace imported again from an export keeps its id but gets another page).
 */
const AFTER_MERGE: Record<string, (db: TunixDatabase, writtenKeys: ReadonlySet<string>) => Promise<unknown>> = {
  trace_pages: (db, pageIds) => dropTracesShadowedBy(db, pageIds),
};

/** The tables of the schema, checked against the open database (every one must exist). */
function tablesOf(db: TunixDatabase): TableSchema[] {
  const tables = latestTables();
  const open = new Set(db.tables.map((table) => table.name));
  for (const table of tables) if (!open.has(table.name)) throw new Error(`the database has no table "${table.name}"`);
  return tables;
}

/** Writes the whole database as a backup through `emit`; returns its manifest. */
export async function writeBackup(db: TunixDatabase, emit: (chunk: string) => void, options: BackupOptions): Promise<BackupManifest> {
  const tables = tablesOf(db);
  const writer = await BackupWriter.create(
    {
      schemaVersion: LATEST_SCHEMA_VERSION,
      appVersion: options.appVersion,
      createdAt: (options.now ?? new Date()).toISOString(),
      tables: tables.map((table) => ({ name: table.name, key_path: table.keyPath })),
    },
    emit,
  );
  await db.transaction('r', tables.map((table) => table.name), async () => {
    const counts = await Promise.all(tables.map((table) => db.table(table.name).count()));
    const progress: BackupProgress = { phase: 'backup', records: 0, totalRecords: counts.reduce((a, b) => a + b, 0), bytes: 0, totalBytes: 0 };
    options.onProgress?.({ ...progress });
    for (const table of tables) {
      writer.beginTable(table.name);
      const store = db.table(table.name);
      let limit = 16;
      let lastKey: unknown;
      for (;;) {
        const rows: unknown[] =
          lastKey === undefined
            ? await store.orderBy(':id').limit(limit).toArray()
            : await store.where(':id').above(lastKey).limit(limit).toArray();
        if (rows.length === 0) break;
        let chars = 0;
        for (const row of rows) chars += writer.addRecord(row);
        lastKey = primaryKeyOf(rows[rows.length - 1], table.keyPath);
        progress.records += rows.length;
        progress.bytes = writer.chars;
        options.onProgress?.({ ...progress });
        if (rows.length < limit) break;
        limit = Math.max(1, Math.min(MAX_READ_RECORDS, Math.floor(READ_CHUNK_CHARS / Math.max(1, chars / rows.length))));
      }
    }
  });
  return writer.finish();
}

/** Checks a whole backup file without writing anything; throws BackupFormatError. */
export function checkBackup(source: Blob, onProgress?: (progress: BackupProgress) => void): Promise<BackupSummary> {
  return inspectBackup(source.stream(), {
    onBytes: (bytes) => onProgress?.({ phase: 'check', records: 0, totalRecords: 0, bytes, totalBytes: source.size }),
  });
}

export interface RestoreReport {
  mode: RestoreMode;
  header: BackupHeader;
  /** Records written per table, in backup order. */
  tables: { name: string; count: number }[];
  records: number;
}

/** A failure while writing, as a sentence that says the database was left unchanged. */
function describeWriteError(error: unknown, table: string): Error {
  if (isQuotaError(error)) {
    return new Error(`Storage is full: the browser refused to store the backup's "${table}" records. Nothing was changed. Free space or grant persistent storage, then restore again.`);
  }
  const name = (error as { name?: unknown; inner?: { name?: unknown } }).inner?.name ?? (error as { name?: unknown }).name;
  if (name === 'ConstraintError' || name === 'BulkError') {
    return new Error(
      `Restore stopped at table "${table}": a record of the backup conflicts with a stored one on a field that must be unique (for example a dataset name and version). ` +
        'Nothing was changed. Restore with "Replace", or delete the conflicting item first.',
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Restores a backup: `merge` puts every record over the stored one with the same primary key and
 * keeps the rest; `replace` empties every table first. The file is checked completely before the
 * one write transaction starts; a bad file throws BackupFormatError and nothing is written.
 */
export async function restoreBackup(db: TunixDatabase, source: Blob, mode: RestoreMode, onProgress?: (progress: BackupProgress) => void): Promise<RestoreReport> {
  const { header, manifest } = await checkBackup(source, onProgress);
  const tables = tablesOf(db);
  const progress: BackupProgress = { phase: 'restore', records: 0, totalRecords: manifest.records, bytes: 0, totalBytes: source.size };
  let table = '';
  try {
    await db.transaction('rw', [...tables.map((entry) => entry.name), ...DERIVED_TABLES], async () => {
      if (mode === 'replace') for (const entry of tables) await db.table(entry.name).clear();
      const events = readBackup(source.stream(), { onBytes: (bytes) => (progress.bytes = bytes) });
      let pending: unknown[] = [];
      let pendingChars = 0;
      const written = new Map<string, Set<string>>();
      const flush = async () => {
        if (pending.length === 0) return;
        const keys = await db.table(table).bulkPut(pending, { allKeys: true });
        if (mode === 'merge' && AFTER_MERGE[table]) {
          const set = written.get(table) ?? written.set(table, new Set()).get(table)!;
          for (const key of keys) set.add(key as string);
        }
        progress.records += pending.length;
        onProgress?.({ ...progress });
        pending = [];
        pendingChars = 0;
      };
      let complete = false;
      for (;;) {
        const step = await Dexie.waitFor(events.next());
        if (step.done) break;
        const event = step.value;
        if (event.kind === 'manifest') complete = true;
        if (event.kind !== 'records') continue;
        if (event.table !== table) {
          await flush();
          table = event.table;
        }
        for (const record of event.records) pending.push(record);
        pendingChars += event.chars;
        if (pendingChars >= WRITE_CHUNK_CHARS || pending.length >= WRITE_CHUNK_RECORDS) await flush();
      }
      await flush();
      if (!complete) throw new BackupFormatError('the backup changed while it was being restored (its manifest was not found the second time)');
      for (const [name, keys] of written) {
        table = name;
        await AFTER_MERGE[name]!(db, keys);
      }
      table = 'trace_keys';
      await rebuildTraceKeys(db.trace_summaries, db.trace_keys);
    });
  } catch (error) {
    if (error instanceof BackupFormatError) throw error;
    throw describeWriteError(error, table);
  }
  forgetTraceCache(db);
  announceEverythingChanged();
  return {
    mode,
    header,
    tables: manifest.tables.map((entry) => ({ name: entry.name, count: entry.count })),
    records: manifest.records,
  };
}
