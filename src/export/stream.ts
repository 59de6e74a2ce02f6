// The streaming export writer: batches of stored traces in manifest order → JSONL text in
// chunks of about 1 MiB, with progress, cancel, and the ids a manifest names that the store no
// longer has. Holds at most one chunk and one source batch at a time, so memory stays flat for
// any export size. Must never look traces up itself (the caller's source does, see
// sourceFromIds) and must never drop a missing id silently.
import type { StoredTrace } from '../traces/types';
import type { ExportFormat } from './formats';
import type { RenderOptions } from './gemma';
import { RENDERERS, type Renderer } from './renderers';

/** One manifest entry: its id, and the stored trace when the store still has it. */
export interface ExportSourceItem {
  id: string;
  trace?: StoredTrace | undefined;
}

/** Batches of manifest entries, in manifest order. */
export type ExportSource = AsyncIterable<readonly ExportSourceItem[]>;

/** A chunk is yielded once it holds at least this many UTF-16 code units (about 1 MB of ASCII). */
export const DEFAULT_CHUNK_CHARS = 1 << 20;

export interface ExportStreamOptions extends RenderOptions {
  signal?: AbortSignal;
  chunkChars?: number;
  /** How many entries the source will yield, when known (for progress). */
  total?: number;
}

export interface ExportProgress {
  /** Entries read from the source so far, written or missing. */
  processed: number;
  written: number;
  missing: number;
  /** UTF-16 code units yielded or buffered so far. */
  chars: number;
  total: number | null;
}

export interface ExportSummary {
  format: ExportFormat;
  written: number;
  /** Ids the source named without a trace, in manifest order. */
  missingIds: string[];
  chars: number;
}

/**
 * JSONL chunks of `format` for every trace `source` yields. The generator's return value is the
 * summary (see pipeExport); `progress` is called after each source batch. Aborting `signal`
 * makes the next step throw the signal's reason.
 */
export async function* exportChunks(
  source: ExportSource,
  format: ExportFormat,
  options: ExportStreamOptions = {},
  progress?: (progress: ExportProgress) => void,
): AsyncGenerator<string, ExportSummary, undefined> {
  const render = RENDERERS[format] as Renderer<ExportFormat>;
  const renderOptions: RenderOptions = { systemInstruction: options.systemInstruction };
  const chunkChars = Math.max(1, options.chunkChars ?? DEFAULT_CHUNK_CHARS);
  const signal = options.signal;
  const missingIds: string[] = [];
  let pending: string[] = [];
  let pendingChars = 0;
  let written = 0;
  let chars = 0;
  for await (const batch of source) {
    signal?.throwIfAborted();
    for (const item of batch) {
      if (!item.trace) {
        missingIds.push(item.id);
        continue;
      }
      const line = `${JSON.stringify(render(item.trace, renderOptions))}\n`;
      pending.push(line);
      pendingChars += line.length;
      chars += line.length;
      written += 1;
      if (pendingChars >= chunkChars) {
        const chunk = pending.join('');
        pending = [];
        pendingChars = 0;
        yield chunk;
        signal?.throwIfAborted();
      }
    }
    progress?.({
      processed: written + missingIds.length,
      written,
      missing: missingIds.length,
      chars,
      total: options.total ?? null,
    });
  }
  if (pending.length > 0) yield pending.join('');
  return { format, written, missingIds, chars };
}

/** Feeds every chunk to `write` (awaiting it: backpressure) and returns the export's summary. */
export async function pipeExport(
  chunks: AsyncGenerator<string, ExportSummary, undefined>,
  write: (chunk: string) => Promise<void> | void,
): Promise<ExportSummary> {
  for (;;) {
    const step = await chunks.next();
    if (step.done) return step.value;
    await write(step.value);
  }
}

export interface SourceFromIdsOptions {
  /** Ids looked up per call of `lookup`; 1,000 unless told. */
  batchSize?: number;
  signal?: AbortSignal;
}

/**
 * An export source over `ids` in their order. `lookup` returns, for a slice of ids, the stored
 * traces in the same order with undefined where one is gone (Dexie's bulkGet does exactly this).
 */
export async function* sourceFromIds(
  ids: readonly string[],
  lookup: (ids: string[]) => Promise<readonly (StoredTrace | undefined)[]>,
  options: SourceFromIdsOptions = {},
): AsyncGenerator<ExportSourceItem[]> {
  const batchSize = Math.max(1, options.batchSize ?? 1_000);
  for (let start = 0; start < ids.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const slice = ids.slice(start, start + batchSize);
    const traces = await lookup(slice);
    yield slice.map((id, k) => ({ id, trace: traces[k] }));
  }
}
