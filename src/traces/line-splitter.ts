// Streaming JSONL reading: bytes → text chunks → numbered lines, for files of hundreds of MB.
// Owns line numbering (1-based, as an editor shows it, blank lines counted but not returned),
// BOM and CRLF handling, a cap on line length (a longer line is reported, its text dropped, so a
// hostile file cannot fill memory), and cancellation of the byte stream. Must never hold more
// than the current partial line between chunks, and never parse JSON (records.ts does).

export interface Line {
  /** 1-based line number, as an editor shows it. */
  line: number;
  text: string;
  /** Set (and `text` empty) when the line was longer than the splitter's maxLineChars: its length. */
  tooLongChars?: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called with the cumulative number of bytes read from the stream, after each chunk. */
  bytesRead?: (n: number) => void;
  /** Lines longer than this come out as `tooLongChars` without their text (default: no cap). */
  maxLineChars?: number;
}

const BOM = 0xfeff;
const LINE_FEED = '\n';
const CARRIAGE_RETURN = 13;

/** True when the line has no character other than JSON whitespace (space, tab, CR, LF). */
function isBlank(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10) return false;
  }
  return true;
}

export class LineSplitter {
  /** Pieces of the line that has begun but not yet ended. */
  private partial: string[] = [];
  /** Characters of the line that has begun, kept or dropped. */
  private partialChars = 0;
  /** The line that has begun is over the cap: its pieces are counted, not kept. */
  private dropping = false;
  private lineNumber = 1;
  private atStart = true;

  constructor(private readonly maxLineChars: number = Number.POSITIVE_INFINITY) {}

  push(chunk: string): Line[] {
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    const lines: Line[] = [];
    let from = 0;
    let end = chunk.indexOf(LINE_FEED);
    while (end !== -1) {
      this.addPiece(chunk.slice(from, end));
      this.endLine(lines);
      from = end + 1;
      end = chunk.indexOf(LINE_FEED, from);
    }
    if (from < chunk.length) this.addPiece(from === 0 ? chunk : chunk.slice(from));
    return lines;
  }

  /** The last line when the input does not end with a newline. */
  end(): Line[] {
    const lines: Line[] = [];
    if (this.partialChars > 0) this.endLine(lines);
    return lines;
  }

  private addPiece(piece: string): void {
    this.partialChars += piece.length;
    if (this.dropping) return;
    if (this.partialChars > this.maxLineChars) {
      this.dropping = true;
      this.partial = [];
      return;
    }
    if (piece.length > 0) this.partial.push(piece);
  }

  private endLine(lines: Line[]): void {
    const line = this.lineNumber++;
    if (this.dropping) lines.push({ line, text: '', tooLongChars: this.partialChars });
    else {
      let text = this.partial.length === 1 ? this.partial[0]! : this.partial.join('');
      if (text.charCodeAt(text.length - 1) === CARRIAGE_RETURN) text = text.slice(0, -1);
      if (!isBlank(text)) lines.push({ line, text });
    }
    this.partial = [];
    this.partialChars = 0;
    this.dropping = false;
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * The stream decoded as UTF-8 (invalid bytes become U+FFFD), one string per stream chunk,
 * reporting cumulative bytes. Stops at the next chunk boundary after `signal` aborts, throwing
 * its reason, and cancels the stream if the consumer stops early.
 */
export async function* decodeTextChunks(
  stream: ReadableStream<Uint8Array>,
  options: ReadOptions = {},
): AsyncGenerator<string> {
  const { signal, bytesRead } = options;
  if (signal?.aborted) throw abortError(signal);
  // TextDecoder in streaming mode is what TextDecoderStream wraps; reading bytes here lets the
  // byte count match what has been decoded. The BOM is left for the splitters to strip.
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  const reader = stream.getReader();
  const cancelRead = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', cancelRead, { once: true });
  let finished = false;
  try {
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw abortError(signal);
      if (done) break;
      bytes += value.byteLength;
      const text = decoder.decode(value, { stream: true });
      bytesRead?.(bytes);
      yield text;
      if (signal?.aborted) throw abortError(signal);
    }
    finished = true;
    const tail = decoder.decode();
    if (tail.length > 0) yield tail;
  } finally {
    signal?.removeEventListener('abort', cancelRead);
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

/** Anything that turns text chunks into items: LineSplitter, JsonArraySplitter. */
export interface ChunkSplitter<T> {
  push(chunk: string): T[];
  end(): T[];
}

/** The items `splitter` finds in the decoded stream, one batch per chunk (a batch may be empty). */
export async function* readSplitBatches<T>(
  stream: ReadableStream<Uint8Array>,
  splitter: ChunkSplitter<T>,
  options: ReadOptions = {},
): AsyncGenerator<T[]> {
  for await (const text of decodeTextChunks(stream, options)) yield splitter.push(text);
  const last = splitter.end();
  if (last.length > 0) yield last;
}

/** The stream's non-blank lines, one batch per decoded chunk (a batch may be empty). */
export function readLineBatches(stream: ReadableStream<Uint8Array>, options: ReadOptions = {}): AsyncGenerator<Line[]> {
  return readSplitBatches(stream, new LineSplitter(options.maxLineChars), options);
}
