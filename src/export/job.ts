// One export of a dataset from start to finish: its files (one, or train/eval when split) as
// streamed JSONL, or one bundle zip (manifest.json, the data files, README.md), written piece by
// piece to a sink with progress and cancel. Holds one source batch and one chunk at a time, so
// memory stays flat. Must never read storage (the caller's `lookup` does) or touch the DOM (the
// sink decides where bytes go), and must never drop a missing id: they are in the result.
import type { DatasetManifest } from '../datasets/types';
import { manifestToJson } from '../datasets/manifest';
import { exportFilePlan, type ExportFile } from './files';
import type { ExportFormat } from './formats';
import { bundleReadme } from './readme';
import { exportChunks, pipeExport, sourceFromIds, type ExportSummary, type ExportTrace } from './stream';
import { createZipWriter, type ZipWriter } from './zip';

/** Where exported bytes go: one file at a time, opened, written in order, closed. */
export interface ExportSink {
  open(name: string): Promise<void> | void;
  /** Each call ends before the next begins. Bytes handed over are the sink's to keep or transfer. */
  write(data: string | Uint8Array): Promise<void> | void;
  close(): Promise<void> | void;
}

export interface ExportJobProgress {
  /** Manifest entries done, over all files. */
  processed: number;
  total: number;
  written: number;
  missing: number;
  /** The data file being written. */
  file: string;
}

export interface ExportJobOptions {
  format: ExportFormat;
  /** train.jsonl/eval.jsonl when the manifest has a split (default true). */
  useSplit?: boolean;
  /** One zip with manifest.json, the data and README.md instead of bare JSONL. */
  bundle?: boolean;
  systemInstruction?: string;
  /** Ids looked up per call of `lookup` (1,000 unless told, or as `lookup.batchEnd` says). */
  batchSize?: number;
  chunkChars?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ExportJobProgress) => void;
}

export interface ExportedFile {
  name: string;
  written: number;
  missingIds: string[];
}

export interface ExportJobResult {
  /** The file the sink received: the zip, or each JSONL file. */
  outputs: string[];
  files: ExportedFile[];
  written: number;
  /** Every manifest id the store no longer had, in manifest order. */
  missingIds: string[];
}

export interface TraceLookup {
  (ids: string[]): Promise<readonly (ExportTrace | undefined)[]>;
  /** Where a batch should end, when the lookup sizes its own batches (see sourceFromIds). */
  batchEnd?: (ids: readonly string[], start: number) => number;
}

/** `{dataset_key}.{format}.zip`. */
export function bundleFileName(manifest: Pick<DatasetManifest, 'dataset_key'>, format: ExportFormat): string {
  return `${manifest.dataset_key}.${format}.zip`;
}

async function streamFile(
  file: ExportFile,
  lookup: TraceLookup,
  options: ExportJobOptions,
  before: { processed: number; written: number; missing: number; total: number },
  write: (chunk: string) => Promise<void> | void,
): Promise<ExportSummary> {
  const source = sourceFromIds(file.ids, lookup, { batchSize: options.batchSize, batchEnd: lookup.batchEnd, signal: options.signal });
  const chunks = exportChunks(
    source,
    options.format,
    { signal: options.signal, chunkChars: options.chunkChars, systemInstruction: options.systemInstruction, total: file.ids.length },
    (progress) =>
      options.onProgress?.({
        processed: before.processed + progress.processed,
        total: before.total,
        written: before.written + progress.written,
        missing: before.missing + progress.missing,
        file: file.name,
      }),
  );
  return pipeExport(chunks, write);
}

async function writeZipEntry(zip: ZipWriter, sink: ExportSink, name: string, text: string): Promise<void> {
  await sink.write(zip.beginEntry(name));
  await sink.write(zip.entryData(new TextEncoder().encode(text)));
  await sink.write(zip.endEntry());
}

/** Exports `manifest` through `lookup` into `sink`; aborting `options.signal` throws its reason. */
export async function runExport(
  manifest: DatasetManifest,
  lookup: TraceLookup,
  sink: ExportSink,
  options: ExportJobOptions,
): Promise<ExportJobResult> {
  const plan = exportFilePlan(manifest, options.format, options.useSplit ?? true);
  const totals = { processed: 0, written: 0, missing: 0, total: plan.reduce((sum, file) => sum + file.ids.length, 0) };
  const files: ExportedFile[] = [];
  const outputs: string[] = [];
  const zip = options.bundle ? createZipWriter() : null;
  const encoder = new TextEncoder();
  if (zip) {
    outputs.push(bundleFileName(manifest, options.format));
    await sink.open(outputs[0]!);
    await writeZipEntry(zip, sink, 'manifest.json', manifestToJson(manifest));
  }
  for (const file of plan) {
    options.signal?.throwIfAborted();
    if (zip) await sink.write(zip.beginEntry(file.name));
    else {
      outputs.push(file.name);
      await sink.open(file.name);
    }
    const summary = await streamFile(file, lookup, options, totals, (chunk) => sink.write(zip ? zip.entryData(encoder.encode(chunk)) : chunk));
    if (zip) await sink.write(zip.endEntry());
    else await sink.close();
    files.push({ name: file.name, written: summary.written, missingIds: summary.missingIds });
    totals.processed += file.ids.length;
    totals.written += summary.written;
    totals.missing += summary.missingIds.length;
  }
  if (zip) {
    await writeZipEntry(zip, sink, 'README.md', bundleReadme(manifest, options.format));
    await sink.write(zip.finish());
    await sink.close();
  }
  return { outputs, files, written: totals.written, missingIds: files.flatMap((file) => file.missingIds) };
}
