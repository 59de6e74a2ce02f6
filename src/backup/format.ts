// The backup file format, version 1: JSON Lines, written and read as a stream.
//
//   {"$backup":"header","format":"tunix-rt-web-backup","format_version":1,"schema_version":6,
//    "created_at":"…","app_version":"…","tables":[{"name":"trace_pages","key_path":"id"},…]}
//   {"$backup":"table","name":"trace_pages"}
//   <one record per line: encodeValue(record) as JSON, in ascending primary-key order>
//   {"$backup":"table","name":"trace_summaries"}
//   …every table of the header, in its order, each exactly once (empty ones too)…
//   {"$backup":"manifest","tables":[{"name":"trace_pages","count":100,"sha256":"…"},…],"records":N}
//
// A table's sha256 is over the UTF-8 bytes of its record lines, each with its "\n". The manifest
// comes last, so a truncated file has none and is rejected. A record line can never start with
// `{"$backup":` because encodeValue wraps every object that has a "$" key in {"$object": …}.
// Owns the header and manifest shapes and their checks; pure, no storage.
import { describeKeyPath, sameKeyPath, type KeyPath, type TableSchema } from './keys';

export const BACKUP_FORMAT = 'tunix-rt-web-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MARKER_PREFIX = '{"$backup":';

export interface BackupTableEntry {
  name: string;
  key_path: KeyPath;
}

export interface BackupHeader {
  $backup: 'header';
  format: typeof BACKUP_FORMAT;
  format_version: number;
  /** The database schema version the records were read from. */
  schema_version: number;
  created_at: string;
  app_version: string;
  tables: BackupTableEntry[];
}

export interface BackupTableSection {
  $backup: 'table';
  name: string;
}

export interface BackupTableSummary {
  name: string;
  count: number;
  /** Lowercase hex sha-256 of the table's record lines. */
  sha256: string;
}

export interface BackupManifest {
  $backup: 'manifest';
  tables: BackupTableSummary[];
  records: number;
}

export type BackupMarker = BackupHeader | BackupTableSection | BackupManifest;

/** A backup that cannot be used, with where (1-based line) the problem was found. */
export class BackupFormatError extends Error {
  override name = 'BackupFormatError';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `Line ${line.toLocaleString('en-US')}: ${message}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function isKeyPath(value: unknown): value is KeyPath {
  if (typeof value === 'string') return value.length > 0;
  return Array.isArray(value) && value.length > 0 && value.every((part) => typeof part === 'string' && part.length > 0);
}

/**
 * Checks the first line of a backup against this app: format, format version, schema version
 * not newer than `schemaVersion`, and every table known to the app with the same primary key.
 */
export function checkHeader(value: unknown, schema: readonly TableSchema[], schemaVersion: number): BackupHeader {
  const fail = (message: string) => new BackupFormatError(message, 1);
  if (!isObject(value) || value.$backup !== 'header' || value.format !== BACKUP_FORMAT) {
    throw fail('this is not a tunix-rt web backup (its first line is not a backup header)');
  }
  if (value.format_version !== BACKUP_FORMAT_VERSION) {
    throw fail(`backup format version ${JSON.stringify(value.format_version)} is not supported: this app reads version ${BACKUP_FORMAT_VERSION} (was it made by a newer version of the app?)`);
  }
  if (!isCount(value.schema_version) || value.schema_version < 1) throw fail('the header has no valid schema_version');
  if (value.schema_version > schemaVersion) {
    throw fail(`the backup was made with database schema version ${value.schema_version}, newer than this app's ${schemaVersion}: update the app, then restore`);
  }
  if (typeof value.created_at !== 'string' || !Array.isArray(value.tables)) throw fail('the header has no created_at or no tables');
  const seen = new Set<string>();
  const known = new Map(schema.map((table) => [table.name, table.keyPath]));
  for (const [k, entry] of value.tables.entries()) {
    if (!isObject(entry) || typeof entry.name !== 'string' || !isKeyPath(entry.key_path)) throw fail(`tables[${k}] needs a name and a key_path`);
    if (seen.has(entry.name)) throw fail(`the table "${entry.name}" is listed twice`);
    seen.add(entry.name);
    const keyPath = known.get(entry.name);
    if (keyPath === undefined) throw fail(`the table "${entry.name}" does not exist in this app's database`);
    if (!sameKeyPath(keyPath, entry.key_path)) {
      throw fail(`the table "${entry.name}" is keyed by ${describeKeyPath(entry.key_path)} in the backup but by ${describeKeyPath(keyPath)} here`);
    }
  }
  return value as unknown as BackupHeader;
}

/** Checks the last line: one summary per header table, in header order. */
export function checkManifest(value: unknown, header: BackupHeader, line: number): BackupManifest {
  const fail = (message: string) => new BackupFormatError(`the manifest is malformed: ${message}`, line);
  if (!isObject(value) || value.$backup !== 'manifest' || !Array.isArray(value.tables) || !isCount(value.records)) throw fail('it needs tables and records');
  if (value.tables.length !== header.tables.length) throw fail(`it lists ${value.tables.length} tables, the header ${header.tables.length}`);
  let total = 0;
  for (const [k, entry] of value.tables.entries()) {
    const name = header.tables[k]!.name;
    if (!isObject(entry) || entry.name !== name) throw fail(`tables[${k}] should be "${name}"`);
    if (!isCount(entry.count) || typeof entry.sha256 !== 'string' || !SHA256_HEX.test(entry.sha256)) throw fail(`"${name}" needs a count and a sha256`);
    total += entry.count;
  }
  if (total !== value.records) throw fail(`records is ${value.records}, the tables add up to ${total}`);
  return value as unknown as BackupManifest;
}

/** The file name a backup made at `date` is saved under. */
export function backupFileName(date: Date): string {
  const stamp = date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  return `tunix-rt-web-backup-${stamp}.jsonl`;
}
