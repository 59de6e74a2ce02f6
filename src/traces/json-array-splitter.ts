// Streaming splitting of a `.json` trace file into its records without building one giant
// string: the file is a top-level array `[ {...}, ... ]` or an object `{ "traces": [ ... ] }`
// (other keys are skipped). Each element comes out as its own text with the line it starts on.
// Owns the structural checks of the file (not an array, no traces array, unterminated, garbage
// after the end, an element over the length cap), reported as a thrown JsonStructureError. Must
// never parse the elements themselves (records.ts does) nor hold more than the current element
// between chunks.
import { readSplitBatches, type Line, type ReadOptions } from './line-splitter';

/** One array element: its JSON text and the 1-based line it starts on. */
export type Element = Line;

/** A problem with the file's overall shape, at `line`; the elements before it are good. */
export class JsonStructureError extends Error {
  override readonly name = 'JsonStructureError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const enum State {
  Start,
  ObjectFirstKey,
  ObjectNextKey,
  Key,
  Colon,
  ValueStart,
  SkipValue,
  ObjectAfterTraces,
  ArrayFirst,
  ArrayNext,
  InElement,
  Done,
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const BACKSLASH = 92;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const BOM = 0xfeff;

const isWhitespace = (code: number) => code === SPACE || code === LF || code === CR || code === TAB;
const EXPECTED_SHAPE = 'expected a JSON array of traces or an object with a "traces" array';

function describeChar(code: number): string {
  return JSON.stringify(String.fromCharCode(code));
}

export class JsonArraySplitter {
  private state = State.Start;
  private mode: 'array' | 'object' = 'array';
  private line = 1;
  private atStart = true;
  /** Nesting depth inside the current element or skipped value. */
  private depth = 0;
  private inString = false;
  private escaped = false;
  private stringLine = 1;
  private tracesFound = false;
  /** Whether the key just read is "traces". */
  private keyIsTraces = false;
  /** Pieces of the element (or key) that began in an earlier chunk. */
  private pieces: string[] = [];
  private piecesChars = 0;
  /** Where the element or key being read begins in the current chunk (0: in an earlier one), or -1. */
  private pieceStart = -1;
  /** Cached positions in the current chunk (chunk.length: none left; below the scan: unknown). */
  private nextQuote = -1;
  private nextBackslash = -1;
  private nextLineFeed = -1;
  private elementLine = 1;
  /** A structural error found in a chunk that also completed elements; thrown by the next call. */
  private deferred: JsonStructureError | null = null;

  /** @param maxElementChars an element longer than this stops the file (memory stays bounded). */
  constructor(private readonly maxElementChars: number = Number.POSITIVE_INFINITY) {}

  /**
   * The elements that end in `chunk`. A structural error found after some of them is thrown by
   * the next call instead, so that the elements before it are not lost.
   */
  push(chunk: string): Element[] {
    this.throwDeferred();
    const elements: Element[] = [];
    try {
      this.scanChunk(chunk, elements);
    } catch (error) {
      if (!(error instanceof JsonStructureError) || elements.length === 0) throw error;
      this.deferred = error;
    }
    return elements;
  }

  private throwDeferred(): void {
    const error = this.deferred;
    if (error === null) return;
    this.deferred = null;
    this.state = State.Done;
    throw error;
  }

  private scanChunk(chunk: string, elements: Element[]): void {
    let k = 0;
    if (this.atStart && chunk.length > 0) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === BOM) k = 1;
    }
    this.pieceStart = this.state === State.InElement || this.state === State.Key ? 0 : -1;
    this.nextQuote = this.nextBackslash = this.nextLineFeed = -1;
    while (k < chunk.length) {
      if (this.state === State.InElement) k = this.scanElement(chunk, k, elements);
      else if (this.state === State.Key) k = this.scanKey(chunk, k);
      else if (this.state === State.SkipValue) k = this.skipValue(chunk, k);
      else {
        const code = chunk.charCodeAt(k);
        if (code === LF) this.line++;
        k = isWhitespace(code) ? k + 1 : this.structural(code, k);
      }
    }
    if (this.pieceStart !== -1) {
      const piece = chunk.slice(this.pieceStart);
      this.pieces.push(piece);
      this.piecesChars += piece.length;
      if (this.piecesChars > this.maxElementChars) this.failTooLong();
    }
  }

  private failTooLong(): never {
    this.pieces = [];
    this.piecesChars = 0;
    throw new JsonStructureError(this.elementLine, `the record starting here is longer than ${this.maxElementChars.toLocaleString('en-US')} characters; the rest of the file is not read`);
  }

  /** Checks that the input ended where a JSON document may end. */
  end(): Element[] {
    this.throwDeferred();
    if (this.inString) throw new JsonStructureError(this.stringLine, 'unterminated string: the file ends inside a string that starts on this line');
    switch (this.state) {
      case State.Done:
        return [];
      case State.Start:
        throw new JsonStructureError(this.line, `empty file: ${EXPECTED_SHAPE}`);
      case State.ArrayFirst:
      case State.ArrayNext:
      case State.InElement:
        throw new JsonStructureError(this.line, "unterminated array: the file ends before its closing ']'");
      default:
        throw new JsonStructureError(
          this.line,
          this.tracesFound ? "unterminated object: the file ends before its closing '}'" : 'no "traces" array in the top-level object',
        );
    }
  }

  private fail(message: string): never {
    throw new JsonStructureError(this.line, message);
  }

  /**
   * One non-whitespace character at index `k` outside elements, keys and skipped values.
   * Returns the index to scan next: `k` again when an element starts here (its scan begins at
   * its first character), otherwise `k + 1`.
   */
  private structural(code: number, k: number): number {
    switch (this.state) {
      case State.Start:
        if (code === OPEN_BRACKET) this.state = State.ArrayFirst;
        else if (code === OPEN_BRACE) {
          this.mode = 'object';
          this.state = State.ObjectFirstKey;
        } else this.fail(`${EXPECTED_SHAPE}, got ${describeChar(code)}`);
        return k + 1;
      case State.ObjectFirstKey:
      case State.ObjectNextKey:
        if (code === QUOTE) return this.beginKey(k);
        if (code === CLOSE_BRACE && this.state === State.ObjectFirstKey) this.closeObject();
        else this.fail(`expected a key in the top-level object, got ${describeChar(code)}`);
        return k + 1;
      case State.Colon:
        if (code !== COLON) this.fail(`expected ':' after a key, got ${describeChar(code)}`);
        this.state = State.ValueStart;
        return k + 1;
      case State.ValueStart:
        this.beginValue(code);
        return k + 1;
      case State.ObjectAfterTraces:
        if (code === COMMA) this.state = State.ObjectNextKey;
        else if (code === CLOSE_BRACE) this.closeObject();
        else this.fail(`expected ',' or '}' after the "traces" array, got ${describeChar(code)}`);
        return k + 1;
      case State.ArrayFirst:
      case State.ArrayNext:
        return this.beginElement(code, k);
      default:
        return this.fail(`unexpected content after the end of the ${this.mode === 'array' ? 'array' : 'object'}`);
    }
  }

  /** The key's text is kept from its opening quote; its scan starts after it. */
  private beginKey(k: number): number {
    this.state = State.Key;
    this.inString = true;
    this.stringLine = this.line;
    this.pieceStart = k;
    return k + 1;
  }

  private beginValue(code: number): void {
    if (this.keyIsTraces) {
      if (this.tracesFound) this.fail('duplicate "traces" key in the top-level object');
      if (code !== OPEN_BRACKET) this.fail(`"traces" must be an array, got ${describeChar(code)}`);
      this.tracesFound = true;
      this.state = State.ArrayFirst;
      return;
    }
    this.state = State.SkipValue;
    this.depth = 0;
    this.updateSkipped(code);
  }

  private beginElement(code: number, k: number): number {
    if (code === CLOSE_BRACKET) {
      if (this.state === State.ArrayNext) this.fail("trailing ',' before ']'");
      this.closeArray();
      return k + 1;
    }
    if (code === COMMA) this.fail("missing element: ',' where an element should start");
    this.state = State.InElement;
    this.elementLine = this.line;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.pieceStart = k;
    return k; // the scan of this element starts again at this character
  }

  private closeArray(): void {
    this.state = this.mode === 'array' ? State.Done : State.ObjectAfterTraces;
  }

  private closeObject(): void {
    if (!this.tracesFound) this.fail('no "traces" array in the top-level object');
    this.state = State.Done;
  }

  /** Reads a key string whose text (from its opening quote) begins at pieceStart. */
  private scanKey(chunk: string, k: number): number {
    for (; k < chunk.length; k++) {
      const code = chunk.charCodeAt(k);
      if (code === LF) this.line++;
      if (this.escaped) this.escaped = false;
      else if (code === BACKSLASH) this.escaped = true;
      else if (code === QUOTE) {
        const raw = this.pieces.join('') + chunk.slice(this.pieceStart, k + 1);
        this.pieces = [];
        this.piecesChars = 0;
        this.pieceStart = -1;
        this.inString = false;
        this.keyIsTraces = raw === '"traces"' || safeParse(raw) === 'traces';
        this.state = State.Colon;
        return k + 1;
      }
    }
    return k;
  }

  /** Tracks strings and depth of a value that is not the traces array, until it ends. */
  private skipValue(chunk: string, k: number): number {
    for (; k < chunk.length && this.state === State.SkipValue; k++) {
      const code = chunk.charCodeAt(k);
      if (code === LF) this.line++;
      this.updateSkipped(code);
    }
    return k;
  }

  private updateSkipped(code: number): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (code === BACKSLASH) this.escaped = true;
      else if (code === QUOTE) this.inString = false;
    } else if (code === QUOTE) {
      this.inString = true;
      this.stringLine = this.line;
    } else if (code === OPEN_BRACKET || code === OPEN_BRACE) this.depth++;
    else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      if (this.depth > 0) this.depth--;
      else if (code === CLOSE_BRACE) this.closeObject();
      else this.fail("unexpected ']' in the top-level object");
    } else if (code === COMMA && this.depth === 0) this.state = State.ObjectNextKey;
  }

  /**
   * Scans the element whose text begins at pieceStart until the ',' or ']' that ends it at
   * depth 0, emitting its text. Returns the index to continue from.
   */
  private scanElement(chunk: string, k: number, elements: Element[]): number {
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    while (k < chunk.length) {
      if (inString && !escaped) {
        // Most of a record is string content: jump to its next quote or backslash.
        const stop = this.nextStringStop(chunk, k);
        if (stop === chunk.length) {
          k = stop;
          break;
        }
        if (chunk.charCodeAt(stop) === QUOTE) inString = false;
        else escaped = true;
        k = stop + 1;
        continue;
      }
      const code = chunk.charCodeAt(k++);
      if (code === LF) this.line++;
      if (escaped) {
        escaped = false;
        continue;
      }
      if (code === QUOTE) {
        inString = true;
        this.stringLine = this.line;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && depth > 0) depth--;
      else if (depth === 0 && (code === COMMA || code === CLOSE_BRACKET || code === CLOSE_BRACE)) {
        if (code === CLOSE_BRACE) this.fail("unexpected '}' in the array");
        const text = this.elementText(chunk, this.pieceStart, k - 1);
        if (text.length > this.maxElementChars) this.failTooLong();
        elements.push({ line: this.elementLine, text });
        this.pieceStart = -1;
        this.inString = false;
        this.escaped = false;
        if (code === COMMA) this.state = State.ArrayNext;
        else this.closeArray();
        return k;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return k;
  }

  /**
   * The index of the next '"' or '\\' at or after `k` (chunk.length when none), counting the line
   * feeds before it. The positions found are kept for the rest of the chunk, so that each
   * character is searched once however many strings the chunk holds.
   */
  private nextStringStop(chunk: string, k: number): number {
    if (this.nextQuote < k) this.nextQuote = indexOrEnd(chunk, '"', k);
    if (this.nextBackslash < k) this.nextBackslash = indexOrEnd(chunk, '\\', k);
    const stop = Math.min(this.nextQuote, this.nextBackslash);
    let lineFeed = this.nextLineFeed < k ? indexOrEnd(chunk, '\n', k) : this.nextLineFeed;
    while (lineFeed < stop) {
      this.line++;
      lineFeed = indexOrEnd(chunk, '\n', lineFeed + 1);
    }
    this.nextLineFeed = lineFeed;
    return stop;
  }

  private elementText(chunk: string, from: number, to: number): string {
    while (to > from && isWhitespace(chunk.charCodeAt(to - 1))) to--;
    if (this.pieces.length === 0) return chunk.slice(from, to);
    const text = this.pieces.join('') + chunk.slice(from, to);
    this.pieces = [];
    this.piecesChars = 0;
    return text.trimEnd();
  }
}

function indexOrEnd(text: string, search: string, from: number): number {
  const at = text.indexOf(search, from);
  return at === -1 ? text.length : at;
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The file's elements, one batch per decoded chunk; throws JsonStructureError for a bad shape. */
export function readJsonArrayBatches(stream: ReadableStream<Uint8Array>, options: ReadOptions = {}): AsyncGenerator<Element[]> {
  return readSplitBatches(stream, new JsonArraySplitter(options.maxLineChars), options);
}
