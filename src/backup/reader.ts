// Reads a backup (see format.ts) from a byte stream and checks all of it: header against this
// app's schema, sections in header order, every record line valid JSON that decodes (encode.ts)
// with a valid primary key in strictly ascending order (so none repeats), each table's count and
// sha-256 equal to the manifest, the manifest present and last. Yields the decoded records in
// batches as it goes; the final 'manifest' event comes only when every check has passed, so a
// consumer that writes as it reads must discard everything unless it sees that event. Treats the
// file as hostile: line length is capped and every problem is a BackupFormatError naming the
// line. Pure (streams and hashing only); must never touch storage.
import { createSHA256 } from 'hash-wasm';
import { readLineBatches, type Line } from '../traces/line-splitter';
import { LATEST_SCHEMA_VERSION } from '../db/schema';
import { BackupValueError, decodeValue } from './encode';
import { BackupFormatError, MARKER_PREFIX, checkHeader, checkManifest, type BackupHeader, type BackupManifest, type BackupTableEntry } from './format';
import { compareKeys, describeKeyPath, isValidKey, latestTables, primaryKeyOf, type KeyPath, type TableSchema } from './keys';

/** Longest line accepted: a record (a trace page, a checkpoint's base64 weights) must fit in one string. */
export const MAX_BACKUP_LINE_CHARS = 256 * 1024 * 1024;

export interface ReadBackupOptions {
  /** The tables this app has (default: the latest schema). */
  schema?: readonly TableSchema[];
  schemaVersion?: number;
  signal?: AbortSignal;
  /** Cumulative bytes read, after each chunk. */
  onBytes?: (bytes: number) => void;
  maxLineChars?: number;
}

export type BackupReadEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'records'; table: string; records: unknown[]; chars: number }
  | { kind: 'manifest'; manifest: BackupManifest };

interface Section {
  name: string;
  keyPath: KeyPath;
  count: number;
  lastKey: unknown;
}

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

function parseLine(line: Line, what: string): unknown {
  if (line.tooLongChars !== undefined) {
    throw new BackupFormatError(`${what} is ${line.tooLongChars.toLocaleString('en-US')} characters long, over the limit of ${MAX_BACKUP_LINE_CHARS.toLocaleString('en-US')}`, line.line);
  }
  try {
    return JSON.parse(line.text) as unknown;
  } catch {
    throw new BackupFormatError(`${what} is not valid JSON (the file is corrupted or was cut off)`, line.line);
  }
}

/** The decoded records of a backup stream, checked as described above; throws BackupFormatError. */
export async function* readBackup(stream: ReadableStream<Uint8Array>, options: ReadBackupOptions = {}): AsyncGenerator<BackupReadEvent> {
  const schema = options.schema ?? latestTables();
  const hasher = await createSHA256();
  const readOptions = { maxLineChars: options.maxLineChars ?? MAX_BACKUP_LINE_CHARS, ...(options.signal ? { signal: options.signal } : {}), ...(options.onBytes ? { bytesRead: options.onBytes } : {}) };
  let header: BackupHeader | null = null;
  let section: Section | null = null;
  const found = new Map<string, { count: number; sha256: string }>();
  let manifest: BackupManifest | null = null;
  let lastLine = 0;

  const closeSection = () => {
    if (section) found.set(section.name, { count: section.count, sha256: hasher.digest('hex') });
    section = null;
  };

  for await (const lines of readLineBatches(stream, readOptions)) {
    let batch: unknown[] = [];
    let batchChars = 0;
    const events: BackupReadEvent[] = [];
    const flushBatch = () => {
      if (section && batch.length > 0) events.push({ kind: 'records', table: section.name, records: batch, chars: batchChars });
      batch = [];
      batchChars = 0;
    };
    for (const line of lines) {
      lastLine = line.line;
      if (manifest) throw new BackupFormatError('there is more after the manifest, which must be the last line', line.line);
      if (!header) {
        header = checkHeader(parseLine(line, 'the header'), schema, options.schemaVersion ?? LATEST_SCHEMA_VERSION);
        events.push({ kind: 'header', header });
        continue;
      }
      if (line.text.startsWith(MARKER_PREFIX)) {
        const marker = parseLine(line, 'this marker') as { $backup?: unknown; name?: unknown };
        flushBatch();
        if (marker.$backup === 'table') {
          const expected: BackupTableEntry | undefined = header.tables[found.size + (section ? 1 : 0)];
          closeSection();
          if (!expected || marker.name !== expected.name) {
            throw new BackupFormatError(`expected ${expected ? `the section of table "${expected.name}"` : 'the manifest'}, found the section of ${JSON.stringify(marker.name)}`, line.line);
          }
          section = { name: expected.name, keyPath: expected.key_path, count: 0, lastKey: undefined };
          hasher.init();
          continue;
        }
        if (marker.$backup === 'manifest') {
          closeSection();
          manifest = checkManifest(marker, header, line.line);
          continue;
        }
        throw new BackupFormatError(`unknown marker ${JSON.stringify(marker.$backup)}`, line.line);
      }
      if (!section) throw new BackupFormatError('a record before the first table section', line.line);
      const current: Section = section;
      const where = `table "${current.name}", record ${(current.count + 1).toLocaleString('en-US')}`;
      let record: unknown;
      try {
        record = decodeValue(parseLine(line, where));
      } catch (error) {
        if (error instanceof BackupValueError) throw new BackupFormatError(`${where}: ${error.message}`, line.line);
        throw error;
      }
      const key = primaryKeyOf(record, current.keyPath);
      if (!isValidKey(key)) throw new BackupFormatError(`${where} has no valid primary key at ${describeKeyPath(current.keyPath)}`, line.line);
      if (current.count > 0 && compareKeys(current.lastKey, key) >= 0) {
        throw new BackupFormatError(`${where}: its primary key ${JSON.stringify(key)} is not after the previous record's (repeated or out of order)`, line.line);
      }
      current.lastKey = key;
      current.count += 1;
      hasher.update(`${line.text}\n`);
      batch.push(record);
      batchChars += line.text.length + 1;
    }
    flushBatch();
    yield* events;
  }

  if (!header) throw new BackupFormatError('the file is empty');
  if (!manifest) {
    throw new BackupFormatError(`the backup ends at line ${lastLine.toLocaleString('en-US')} without its manifest: the file is truncated (an interrupted download or copy?)`);
  }
  const done: BackupManifest = manifest;
  for (const summary of done.tables) {
    const actual = found.get(summary.name);
    if (!actual) throw new BackupFormatError(`the section of table "${summary.name}" is missing`);
    if (actual.count !== summary.count || actual.sha256 !== summary.sha256) {
      throw new BackupFormatError(
        `table "${summary.name}" does not match the manifest: the manifest says ${summary.count.toLocaleString('en-US')} records with sha-256 ${shortHash(summary.sha256)}, ` +
          `the file holds ${actual.count.toLocaleString('en-US')} with sha-256 ${shortHash(actual.sha256)}; the backup is corrupted`,
      );
    }
  }
  yield { kind: 'manifest', manifest: done };
}

export interface BackupSummary {
  header: BackupHeader;
  manifest: BackupManifest;
}

/** Reads and checks a whole backup without keeping its records; throws BackupFormatError. */
export async function inspectBackup(stream: ReadableStream<Uint8Array>, options: ReadBackupOptions = {}): Promise<BackupSummary> {
  let header: BackupHeader | null = null;
  for await (const event of readBackup(stream, options)) {
    if (event.kind === 'header') header = event.header;
    if (event.kind === 'manifest') return { header: header!, manifest: event.manifest };
  }
  throw new BackupFormatError('the backup has no manifest');
}
