// The import preview of one file: its first records (read from the head of the stream, which is
// then cancelled), the record format detected from them, the mapping that format uses, and the
// first converted records or their errors, exactly as the import will parse them. Must never
// read a whole file, and never store anything.
import { readJsonArrayBatches, JsonStructureError } from '../traces/json-array-splitter';
import { readLineBatches, type Line } from '../traces/line-splitter';
import type { ParsedRecord } from '../traces/records';
import { detectFormat as detectSourceFormat, type ImportSource } from './pipeline';
import {
  DETECTION_SAMPLE_RECORDS,
  detectRecordFormat,
  mappingOf,
  parseImportedRecord,
  type FormatChoice,
  type RecordFormat,
} from './record-parser';
import type { SourceFormat } from './types';

/** The records shown in a preview. */
export const PREVIEW_RECORDS = 3;

export interface FileSample {
  sourceFormat: SourceFormat;
  /** The first records of the file (up to DETECTION_SAMPLE_RECORDS). */
  records: Line[];
  /** A structural problem of a JSON file met within the sample, if any. */
  structureError: string | null;
}

export type PreviewRecord = { line: number } & ParsedRecord;

export interface FilePreview {
  /** What detection found in the sample. */
  detected: RecordFormat;
  /** What the import will use: the choice, or `detected` for 'auto'. */
  format: RecordFormat;
  mapping: string[];
  records: PreviewRecord[];
  structureError: string | null;
}

/** Reads the first records of `source` and stops. */
export async function readFileSample(source: ImportSource, limit = DETECTION_SAMPLE_RECORDS): Promise<FileSample> {
  const sourceFormat = await detectSourceFormat(source);
  const batches = sourceFormat === 'json' ? readJsonArrayBatches(source.stream()) : readLineBatches(source.stream());
  const records: Line[] = [];
  try {
    for await (const lines of batches) {
      records.push(...lines.slice(0, limit - records.length));
      if (records.length >= limit) break;
    }
  } catch (error) {
    if (!(error instanceof JsonStructureError)) throw error;
    return { sourceFormat, records, structureError: `line ${error.line}: ${error.message}` };
  }
  return { sourceFormat, records, structureError: null };
}

/** The preview of a sample read as `choice`. */
export function previewSample(sample: FileSample, choice: FormatChoice): FilePreview {
  const detected = detectRecordFormat(sample.records.map((record) => record.text));
  const format = choice === 'auto' ? detected : choice;
  const records = sample.records
    .slice(0, PREVIEW_RECORDS)
    .map(({ line, text }): PreviewRecord => ({ line, ...parseImportedRecord(format, text, line) }));
  return { detected, format, mapping: mappingOf(format), records, structureError: sample.structureError };
}
