// Writes a backup (see format.ts) as text chunks of about `chunkChars`: header, one section per
// table with its records, manifest. Hashes each table's record lines as they are written, so
// the manifest costs no second pass, and holds at most one chunk of text. Pure: the caller reads
// storage and decides where the chunks go; must never buffer the whole backup.
import { createSHA256, type IHasher } from 'hash-wasm';
import { encodeValue } from './encode';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupManifest,
  type BackupMarker,
  type BackupTableEntry,
  type BackupTableSummary,
} from './format';

export const DEFAULT_CHUNK_CHARS = 1 << 20;

export interface BackupWriterOptions {
  schemaVersion: number;
  appVersion: string;
  createdAt: string;
  tables: BackupTableEntry[];
  chunkChars?: number;
}

export class BackupWriter {
  private pending: string[] = [];
  private pendingChars = 0;
  private readonly summaries: BackupTableSummary[] = [];
  private current: BackupTableSummary | null = null;
  private totalChars = 0;

  private constructor(
    private readonly hasher: IHasher,
    private readonly tables: BackupTableEntry[],
    private readonly emit: (chunk: string) => void,
    private readonly chunkChars: number,
  ) {}

  /** A writer that has written the header. `emit` receives each chunk in order. */
  static async create(options: BackupWriterOptions, emit: (chunk: string) => void): Promise<BackupWriter> {
    const writer = new BackupWriter(await createSHA256(), options.tables, emit, options.chunkChars ?? DEFAULT_CHUNK_CHARS);
    const header: BackupHeader = {
      $backup: 'header',
      format: BACKUP_FORMAT,
      format_version: BACKUP_FORMAT_VERSION,
      schema_version: options.schemaVersion,
      created_at: options.createdAt,
      app_version: options.appVersion,
      tables: options.tables,
    };
    writer.writeMarker(header);
    return writer;
  }

  /** Characters written so far (header and markers included). */
  get chars(): number {
    return this.totalChars;
  }

  beginTable(name: string): void {
    if (this.current) this.endTable();
    const expected = this.tables[this.summaries.length];
    if (expected?.name !== name) throw new Error(`backup tables must be written in header order: expected ${expected?.name ?? 'no more tables'}, got ${name}`);
    this.current = { name, count: 0, sha256: '' };
    this.hasher.init();
    this.writeMarker({ $backup: 'table', name });
  }

  /** Writes one record of the current table; returns the characters of its line. */
  addRecord(record: unknown): number {
    if (!this.current) throw new Error('addRecord before beginTable');
    const line = `${JSON.stringify(encodeValue(record))}\n`;
    this.hasher.update(line);
    this.current.count += 1;
    this.write(line);
    return line.length;
  }

  /** Ends the last table, writes the manifest and flushes; returns the manifest. */
  finish(): BackupManifest {
    if (this.current) this.endTable();
    if (this.summaries.length !== this.tables.length) throw new Error(`backup finished after ${this.summaries.length} of ${this.tables.length} tables`);
    const manifest: BackupManifest = {
      $backup: 'manifest',
      tables: this.summaries,
      records: this.summaries.reduce((sum, table) => sum + table.count, 0),
    };
    this.writeMarker(manifest);
    this.flush();
    return manifest;
  }

  private endTable(): void {
    const table = this.current!;
    table.sha256 = this.hasher.digest('hex');
    this.summaries.push(table);
    this.current = null;
  }

  private writeMarker(marker: BackupMarker): void {
    this.write(`${JSON.stringify(marker)}\n`);
  }

  private write(text: string): void {
    this.pending.push(text);
    this.pendingChars += text.length;
    this.totalChars += text.length;
    if (this.pendingChars >= this.chunkChars) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    this.emit(chunk);
  }
}
