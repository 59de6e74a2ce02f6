// The streaming import pipeline: file → lines or JSON array elements → parse → validate →
// hash → de-duplicate → store in transactional batches. A RecordSource (a generator) hands
// over records already in memory, which skip the text and the parse but nothing after. Pure apart from the injected sink, so
// it runs in the import worker and under Node tests alike. Never reads a whole file into one
// string, and never loses a committed batch: cancel and failure report what is kept.
import { readLineBatches } from '../traces/line-splitter';
import { readJsonArrayBatches, JsonStructureError } from '../traces/json-array-splitter';
import type { Line } from '../traces/line-splitter';
import { DETECTION_SAMPLE_RECORDS, parseImportedRecord, resolveRecordFormat, type RecordFormat } from './record-parser';
import { isExportedTrace, validateTraceRecord, type ParsedRecord } from '../traces/records';
import { canonicalRecordsReusing, type PrecomputedCanonical } from '../traces/canonical';
import { toStoredTrace } from '../traces/derive';
import type { ReasoningTrace, StoredTrace } from '../traces/types';
import { isUuid, uuidv7 } from '../shared/ids';
import { RECORD_JSON_LIMITS } from '../shared/safe-json';
import {
  MAX_KEPT_ERRORS,
  type ImportErrorRow,
  type ImportFileSummary,
  type ImportOptions,
  type ImportProgress,
  type ImportSummary,
  type SourceFormat,
} from './types';

/** What the pipeline reads: a File satisfies it. */
export interface ImportSource {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
  slice?(start: number, end: number): { text(): Promise<string> };
}

/** One record built in memory, with the UTF-8 size of its JSON (for the size limit). */
export interface SourcedRecord {
  value: unknown;
  serializedBytes: number;
  /**
   * The record's canonical JSON and content hash when the source computed them already (a
   * generator hashes the same bytes into its manifest); the pipeline then does not redo them.
   */
  canonical?: PrecomputedCanonical;
}

/**
 * Records already in memory (a generator's traces), read as the JSONL file they stand for:
 * validated, hashed and stored exactly like parsed lines, without the JSON round trip.
 */
export interface RecordSource {
  name: string;
  /** Batches of records, in order; record n of the run is line n. */
  records(): Iterable<readonly SourcedRecord[]>;
}

function isRecordSource(source: ImportSource | RecordSource): source is RecordSource {
  return 'records' in source;
}

/** Where the pipeline writes: the Dexie-backed sink in src/db, or a memory sink in tests. */
export interface TraceSink {
  findStoredHashes(hashes: string[]): Promise<Set<string>>;
  findStoredIds(ids: string[]): Promise<Set<string>>;
  /** Stores all of `traces` or none of them; `records[k]` is the canonical JSON of traces[k]. */
  writeBatch(traces: StoredTrace[], storedBefore: number, records: string[]): Promise<void>;
  deleteIds(ids: string[]): Promise<void>;
}

export interface PipelineHooks {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Milliseconds between progress reports (default 100). */
  progressIntervalMs?: number;
}

interface ParsedEntry {
  trace: ReasoningTrace;
  originalId?: string;
  canonical?: PrecomputedCanonical;
}

const DEFAULT_BATCH = 1_000;


export async function detectFormat(source: ImportSource): Promise<SourceFormat> {
  const name = source.name.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  if (!source.slice) return 'jsonl';
  const head = (await source.slice(0, 1024).text()).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('[') ? 'json' : 'jsonl';
}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (error as { name?: string })?.name === 'AbortError';
}

/** Imports `sources` one after another; see ImportOptions for the modes. */
export async function importTraces(
  sources: (ImportSource | RecordSource)[],
  options: ImportOptions,
  sink: TraceSink,
  hooks: PipelineHooks = {},
): Promise<ImportSummary> {
  const run = new ImportRun(sources, options, sink, hooks);
  return run.execute();
}

class ImportRun {
  private readonly started = performance.now();
  private readonly batchSize: number;
  private readonly errors: ImportErrorRow[] = [];
  private errorsNotKept = 0;
  private readonly seenHashes = new Set<string>();
  private readonly usedIds = new Set<string>();
  private readonly writtenIds: string[] = [];
  private readonly files: ImportFileSummary[] = [];
  private inFlight: Promise<void> | null = null;
  private pending: ParsedEntry[] = [];
  private lastReport = 0;
  private bytesDone = 0;
  private readonly bytesTotal: number;
  private totals = { records: 0, stored: 0, invalid: 0, duplicate: 0 };
  private current!: ImportFileSummary;
  private phase: ImportProgress['phase'] = 'importing';
  private currentIndex = 0;
  private currentBytes = 0;

  constructor(
    private readonly sources: (ImportSource | RecordSource)[],
    private readonly options: ImportOptions,
    private readonly sink: TraceSink,
    private readonly hooks: PipelineHooks,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.bytesTotal = sources.reduce((sum, source) => sum + (isRecordSource(source) ? 0 : source.size), 0);
  }

  async execute(): Promise<ImportSummary> {
    try {
      if (this.options.mode === 'all_or_nothing') {
        await this.passOverFiles(false);
        if (this.totals.invalid > 0) return this.summary('rejected');
        this.resetCountsForStoringPass();
      }
      await this.passOverFiles(true);
      return this.summary('completed');
    } catch (error) {
      await this.settleInFlight().catch(() => undefined); // its failure is `error` or follows from it
      const cancelled = isAbort(error, this.hooks.signal);
      if (this.options.mode === 'all_or_nothing' && this.writtenIds.length > 0) {
        await this.sink.deleteIds(this.writtenIds);
        this.totals.stored = 0;
        this.writtenIds.length = 0;
      }
      return this.summary(cancelled ? 'cancelled' : 'failed', cancelled ? undefined : errorMessage(error));
    }
  }

  private resetCountsForStoringPass(): void {
    this.totals = { records: 0, stored: 0, invalid: 0, duplicate: 0 };
    this.files.length = 0;
    this.bytesDone = 0;
  }

  private async passOverFiles(store: boolean): Promise<void> {
    this.phase = store ? 'importing' : 'validating';
    for (const [index, source] of this.sources.entries()) {
      const inMemory = isRecordSource(source);
      const format = inMemory ? 'jsonl' : await detectFormat(source);
      const bytes = inMemory ? 0 : source.size;
      this.current = { name: source.name, bytes, format, records: 0, stored: 0, invalid: 0, duplicate: 0 };
      this.files.push(this.current);
      this.currentIndex = index;
      this.currentBytes = 0;
      if (inMemory) await this.readRecords(source, store);
      else await this.readFile(source, format, store);
      if (store) {
        await this.flushPending(true);
        await this.settleInFlight();
      }
      this.bytesDone += bytes;
      this.report(true);
    }
  }

  private async readFile(source: ImportSource, format: SourceFormat, store: boolean): Promise<void> {
    // A record longer than this is reported, not held in memory (see RECORD_JSON_LIMITS).
    const readerOptions = { signal: this.hooks.signal, bytesRead: (n: number) => (this.currentBytes = n), maxLineChars: RECORD_JSON_LIMITS.maxChars };
    const batches = format === 'json' ? readJsonArrayBatches(source.stream(), readerOptions) : readLineBatches(source.stream(), readerOptions);
    const choice = this.options.fileFormats?.[this.currentIndex] ?? this.options.format ?? 'auto';
    let recordFormat: RecordFormat | null = choice === 'auto' ? null : choice;
    let sample: Line[] = [];
    // With 'auto', the first records wait until enough of them are read to detect the format.
    const decideFormat = (): RecordFormat => {
      const decided = resolveRecordFormat(choice, sample.map((entry) => entry.text));
      this.current.recordFormat = decided;
      for (const entry of sample) this.acceptLine(decided, entry, store);
      sample = [];
      return decided;
    };
    if (recordFormat) this.current.recordFormat = recordFormat;
    try {
      for await (const lines of batches) {
        if (recordFormat) for (const entry of lines) this.acceptLine(recordFormat, entry, store);
        else {
          sample = sample.concat(lines);
          if (sample.length >= DETECTION_SAMPLE_RECORDS) recordFormat = decideFormat();
        }
        if (store && this.pending.length >= this.batchSize) await this.flushPending(false);
        this.report(false);
      }
      if (!recordFormat) decideFormat();
    } catch (error) {
      if (!(error instanceof JsonStructureError)) throw error;
      if (!recordFormat) decideFormat();
      this.recordError({ file: source.name, line: error.line, path: '', message: error.message });
      this.current.invalid++;
      this.totals.invalid++;
    }
  }

  private acceptLine(format: RecordFormat, entry: Line, store: boolean): void {
    if (entry.tooLongChars === undefined) return this.acceptRecord(format, entry.text, entry.line, store);
    this.current.records++;
    this.totals.records++;
    this.current.invalid++;
    this.totals.invalid++;
    this.recordError({
      file: this.current.name,
      line: entry.line,
      path: '',
      message: `record is ${entry.tooLongChars.toLocaleString('en-US')} characters long; at most ${RECORD_JSON_LIMITS.maxChars.toLocaleString('en-US')} are read`,
    });
  }

  private async readRecords(source: RecordSource, store: boolean): Promise<void> {
    this.current.recordFormat = 'trace';
    let line = 0;
    for (const records of source.records()) {
      this.hooks.signal?.throwIfAborted();
      for (const { value, serializedBytes, canonical } of records) {
        line++;
        // A precomputed canonical form holds for a native trace only (an exported one is remapped).
        const native = canonical !== undefined && !(typeof value === 'object' && value !== null && isExportedTrace(value as Record<string, unknown>));
        this.acceptParsed(validateTraceRecord(value, line, serializedBytes), line, store, native ? canonical : undefined);
      }
      if (store && this.pending.length >= this.batchSize) await this.flushPending(false);
      this.report(false);
    }
  }

  private acceptRecord(format: RecordFormat, text: string, line: number, store: boolean): void {
    this.acceptParsed(parseImportedRecord(format, text, line), line, store);
  }

  private acceptParsed(parsed: ParsedRecord, line: number, store: boolean, canonical?: ParsedEntry['canonical']): void {
    this.current.records++;
    this.totals.records++;
    if (!parsed.ok) {
      this.current.invalid++;
      this.totals.invalid++;
      for (const issue of parsed.errors) {
        this.recordError({ file: this.current.name, line: issue.line ?? line, path: issue.path, message: issue.message });
      }
      return;
    }
    if (store) this.pending.push({ trace: parsed.trace, originalId: parsed.originalId, ...(canonical ? { canonical } : {}) });
  }

  private recordError(row: ImportErrorRow): void {
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push(row);
    else this.errorsNotKept++;
  }

  /**
   * Hashes, de-duplicates and hands pending records to the sink in full batches (and the
   * remainder too when `all`); each write overlaps the parsing of what follows.
   */
  private async flushPending(all: boolean): Promise<void> {
    while (this.pending.length >= (all ? 1 : this.batchSize)) {
      const entries = this.pending.splice(0, this.batchSize);
      const { batch, records } = await this.prepareBatch(entries);
      await this.settleInFlight();
      this.hooks.signal?.throwIfAborted();
      if (batch.length === 0) continue;
      const file = this.current;
      const write = this.sink.writeBatch(batch, this.totals.stored, records).then(() => {
        for (const trace of batch) this.writtenIds.push(trace.id);
        file.stored += batch.length;
        this.totals.stored += batch.length;
      });
      write.catch(() => undefined); // handled when awaited in settleInFlight; parsing goes on meanwhile
      this.inFlight = write;
    }
  }

  private async settleInFlight(): Promise<void> {
    const write = this.inFlight;
    this.inFlight = null;
    if (write) await write;
  }

  private async prepareBatch(entries: ParsedEntry[]): Promise<{ batch: StoredTrace[]; records: string[] }> {
    const canonical = await canonicalRecordsReusing(entries);
    const hashes = canonical.hashes;
    const unseen = [...new Set(hashes.filter((hash) => !this.seenHashes.has(hash)))];
    const inStore = await this.sink.findStoredHashes(unseen);
    const wantedIds = entries.map((entry) => entry.originalId).filter((id): id is string => isUuid(id));
    const takenIds = await this.sink.findStoredIds(wantedIds);
    const createdAt = new Date().toISOString();
    const batch: StoredTrace[] = [];
    const records: string[] = [];
    entries.forEach((entry, k) => {
      const hash = hashes[k]!;
      const duplicate = this.seenHashes.has(hash) || inStore.has(hash);
      this.seenHashes.add(hash);
      if (duplicate) {
        this.current.duplicate++;
        this.totals.duplicate++;
        if (this.options.duplicates === 'skip') return;
      }
      const keepId = isUuid(entry.originalId) && !takenIds.has(entry.originalId) && !this.usedIds.has(entry.originalId);
      const id = keepId ? entry.originalId! : uuidv7();
      this.usedIds.add(id);
      batch.push(toStoredTrace(entry.trace, { id, created_at: createdAt, content_hash: hash }));
      records.push(canonical.records[k]!);
    });
    return { batch, records };
  }

  private report(force: boolean): void {
    const now = performance.now();
    if (!this.hooks.onProgress || (!force && now - this.lastReport < (this.hooks.progressIntervalMs ?? 100))) return;
    this.lastReport = now;
    const seconds = Math.max((now - this.started) / 1000, 1e-3);
    this.hooks.onProgress({
      phase: this.phase,
      file: this.current.name,
      fileIndex: this.currentIndex,
      fileCount: this.sources.length,
      bytesRead: Math.min(this.bytesDone + this.currentBytes, this.bytesTotal),
      bytesTotal: this.bytesTotal,
      ...this.totals,
      recordsPerSecond: Math.round(this.totals.records / seconds),
    });
  }

  private summary(status: ImportSummary['status'], failure?: string): ImportSummary {
    return {
      status,
      message: describeOutcome(status, this.totals, this.options, failure),
      ...this.totals,
      errors: this.errors,
      errorsNotKept: this.errorsNotKept,
      files: this.files,
      durationMs: Math.round(performance.now() - this.started),
      storedIds: this.writtenIds.length,
    };
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;

function describeOutcome(
  status: ImportSummary['status'],
  totals: { records: number; stored: number; invalid: number; duplicate: number },
  options: ImportOptions,
  failure?: string,
): string {
  const duplicates = totals.duplicate
    ? `; ${count(totals.duplicate, 'duplicate')} ${options.duplicates === 'skip' ? 'skipped' : 'kept'}`
    : '';
  const invalid = totals.invalid ? `; ${count(totals.invalid, 'invalid record')} listed below` : '';
  switch (status) {
    case 'completed':
      return `Stored ${count(totals.stored, 'trace')}${invalid}${duplicates}.`;
    case 'rejected':
      return `Nothing stored: ${count(totals.invalid, 'invalid record')} found and the mode is all or nothing.`;
    case 'cancelled':
      return options.mode === 'all_or_nothing'
        ? 'Cancelled: nothing stored (all or nothing).'
        : `Cancelled: ${count(totals.stored, 'trace')} stored before cancelling are kept${invalid}${duplicates}.`;
    case 'failed':
      return options.mode === 'all_or_nothing'
        ? `Import failed and nothing was stored: ${failure}`
        : `Import stopped: ${failure} ${count(totals.stored, 'trace')} stored before this are kept.`;
  }
}
