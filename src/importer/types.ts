// Types that cross the import worker boundary (structured-clone friendly: plain data only).
import type { FormatChoice, RecordFormat } from './record-parser';

export type ImportMode = 'skip_invalid' | 'all_or_nothing';
export type DuplicatePolicy = 'skip' | 'keep';
export type SourceFormat = 'jsonl' | 'json';

export interface ImportOptions {
  mode: ImportMode;
  duplicates: DuplicatePolicy;
  /** Records per transaction (default 1,000: the reference system's batch cap). */
  batchSize?: number;
  /** What the records are: 'auto' (default) detects per file from its first records. */
  format?: FormatChoice;
  /** Per-file overrides of `format`, by position in the list of sources. */
  fileFormats?: FormatChoice[];
}

/** One bad record, or one structural problem of a file. */
export interface ImportErrorRow {
  file: string;
  line: number;
  path: string;
  message: string;
}

export interface ImportProgress {
  phase: 'validating' | 'importing';
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number;
  records: number;
  stored: number;
  invalid: number;
  duplicate: number;
  recordsPerSecond: number;
}

export interface ImportFileSummary {
  name: string;
  bytes: number;
  format: SourceFormat;
  /** The record format the file was read as (detected or chosen); set once its first records are read. */
  recordFormat?: RecordFormat;
  records: number;
  stored: number;
  invalid: number;
  duplicate: number;
}

export type ImportStatus = 'completed' | 'cancelled' | 'rejected' | 'failed';

export interface ImportSummary {
  status: ImportStatus;
  message: string;
  records: number;
  stored: number;
  invalid: number;
  duplicate: number;
  /** The first MAX_KEPT_ERRORS error rows, in file order. */
  errors: ImportErrorRow[];
  /** Error rows beyond those kept. */
  errorsNotKept: number;
  files: ImportFileSummary[];
  durationMs: number;
  /** Ids written by this import (kept so the UI can select or undo them). Only the count crosses for big imports. */
  storedIds: number;
}

export const MAX_KEPT_ERRORS = 100_000;
