// The streaming export writer: batches of stored traces in manifest order → JSONL text in
// chunks of about 64 K characters, with progress, cancel, and the ids a manifest names that the store no
// longer has. Traces come parsed, or as the canonical records the store keeps, which are written
// without a parse where canonical-lines.ts can (the same bytes). Holds at most one chunk and two
// source batches at a time (sourceFromIds reads one ahead), so memory stays flat for any export
// size. Must never look traces up itself (the caller's source does, see sourceFromIds) and must
// never drop a missing id silently.
import { parseCanonicalTrace, type CanonicalTrace } from '../traces/canonical';
import { canonicalLineWriter } from './canonical-lines';
import type { ExportFormat } from './formats';
import type { RenderOptions } from './gemma';
import { renderLine, type ExportableTrace } from './renderers';

/** A stored trace as a source gives it: parsed, or as the store's canonical record. */
export type ExportTrace = ExportableTrace | CanonicalTrace;

/** One manifest entry: its id, and the stored trace when the store still has it. */
export interface ExportSourceItem {
  id: string;
  trace?: ExportTrace | undefined;
}

/** Batches of manifest entries, in manifest order. */
export type ExportSource = AsyncIterable<readonly ExportSourceItem[]>;

/**
 * A chunk is yielded once it holds at least this many UTF-16 code units: small enough to stay
 * out of V8's large-object space (strings over 128 KiB, freed only by full collections).
 */
export const DEFAULT_CHUNK_CHARS = 1 << 16;

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
  const renderOptions: RenderOptions = { systemInstruction: options.systemInstruction };
  const writeCanonical = canonicalLineWriter(format, renderOptions);
  const chunkChars = Math.max(1, options.chunkChars ?? DEFAULT_CHUNK_CHARS);
  const signal = options.signal;
  const missingIds: string[] = [];
  // The pieces of the lines of the chunk being filled (see CanonicalLineWriter).
  let pending: string[] = [];
  let pendingChars = 0;
  let written = 0;
  let chars = 0;
  for await (const batch of source) {
    signal?.throwIfAborted();
    for (const item of batch) {
      const trace = item.trace;
      if (!trace) {
        missingIds.push(item.id);
        continue;
      }
      const from = pending.length;
      if (!('canonical' in trace)) pending.push(renderLine(format, trace, renderOptions));
      else if (!writeCanonical(trace, pending)) pending.push(renderLine(format, parseCanonicalTrace(trace), renderOptions));
      let lineChars = 0;
      for (let k = from; k < pending.length; k++) lineChars += pending[k]!.length;
      pendingChars += lineChars;
      chars += lineChars;
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

/**
 * Feeds every chunk to `write`, in order, and returns the export's summary. The next chunk is
 * rendered while the last one is being written, but a write starts only once the one before it
 * has ended (backpressure: at most one chunk waits).
 */
export async function pipeExport(
  chunks: AsyncGenerator<string, ExportSummary, undefined>,
  write: (chunk: string) => Promise<void> | void,
): Promise<ExportSummary> {
  let writing: Promise<void> = Promise.resolve();
  for (;;) {
    const step = await chunks.next();
    await writing;
    if (step.done) return step.value;
    writing = Promise.resolve(write(step.value));
    writing.catch(() => undefined); // awaited above; left unawaited only when rendering fails first
  }
}

export interface SourceFromIdsOptions {
  /** Ids looked up per call of `lookup`; 1,000 unless told. */
  batchSize?: number;
  /**
   * Where the batch starting at `start` ends (exclusive, after `start`), when the lookup knows
   * better than a fixed size (see TraceReader.batchEnd); overrides `batchSize`.
   */
  batchEnd?: (ids: readonly string[], start: number) => number;
  signal?: AbortSignal;
}

/**
 * An export source over `ids` in their order. `lookup` returns, for a slice of ids, the stored
 * traces in the same order with undefined where one is gone (Dexie's bulkGet does exactly this).
 * The next slice is looked up while the caller writes the current one, so reading overlaps
 * rendering; one lookup at a time, in order.
 */
export async function* sourceFromIds(
  ids: readonly string[],
  lookup: (ids: string[]) => Promise<readonly (ExportTrace | undefined)[]>,
  options: SourceFromIdsOptions = {},
): AsyncGenerator<ExportSourceItem[]> {
  const batchSize = Math.max(1, options.batchSize ?? 1_000);
  const endOf = (start: number) => Math.min(ids.length, Math.max(start + 1, options.batchEnd?.(ids, start) ?? start + batchSize));
  const read = (start: number) => {
    const slice = ids.slice(start, endOf(start));
    const traces = lookup(slice);
    traces.catch(() => undefined); // awaited below; a caller that stops early leaves it unawaited
    return { slice, traces };
  };
  let next = ids.length > 0 ? read(0) : null;
  for (let start = 0; next; ) {
    options.signal?.throwIfAborted();
    const { slice, traces } = next;
    const found = await traces;
    start += slice.length;
    next = start < ids.length ? read(start) : null;
    yield slice.map((id, k) => ({ id, trace: found[k] }));
  }
}
