// Export lines written straight from a stored trace's canonical JSON (the text each page keeps,
// see src/traces/canonical.ts), without parsing it into objects and serializing them again: the
// hot path of an export. canonicalJson writes every string with JSON.stringify, so the body of
// each string literal in it is that string exactly as JSON.stringify writes it; the templates put
// ASCII text between any two pieces they join, so spliced bodies are the bytes JSON.stringify
// writes for the joined text. Meta is spliced when JSON.parse would keep its key order (no
// integer-like key at any depth) and none of its keys is one of the format's own metadata keys.
// Otherwise, and for a record not in canonical shape, a writer returns null and the caller
// renders the parsed trace with renderers.ts. Must never write a line other than the one
// renderLine writes for the parsed trace (tests/unit/export/canonical-lines.test.ts checks it).
import type { CanonicalTrace } from '../traces/canonical';
import type { ExportFormat } from './formats';
import { END_OF_TURN, SHOW_REASONING_INSTRUCTION, START_OF_TURN, type RenderOptions } from './gemma';

/** The pieces of one canonical record, as JSON text (literals keep their quotes). */
interface CanonicalParts {
  finalAnswer: string;
  /** `null` or an object. */
  meta: string;
  prompt: string;
  /**
   * Per step, in order: the literal of its content, its type, and its index's digits; the
   * types and indexes are left empty when not asked for (the chat formats do without them).
   */
  contents: string[];
  types: string[];
  indexes: string[];
  traceVersion: string;
}

const QUOTE = 34;
const BACKSLASH = 92;

/** The index just past the string literal opening at `start`, or -1. */
function literalEnd(text: string, start: number): number {
  if (text.charCodeAt(start) !== QUOTE) return -1;
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote < 0) return -1;
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

/** The index just past the meta value (`null` or an object) opening at `start`, or -1. */
function metaEnd(text: string, start: number): number {
  if (start < 0) return -1;
  if (text.startsWith('null', start)) return start + 4;
  if (text.charCodeAt(start) !== 123) return -1;
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = literalEnd(text, at) - 1;
      if (at < 0) return -1;
    } else if (code === 123 || code === 91) depth++;
    else if ((code === 125 || code === 93) && --depth === 0) return at + 1;
  }
  return -1;
}

/** The index just past the digits at `start` (at least one), or -1. */
function digitsEnd(text: string, start: number): number {
  let at = start;
  for (let code = text.charCodeAt(at); code >= 48 && code <= 57; code = text.charCodeAt(++at));
  return at > start ? at : -1;
}

/** `at + prefix.length` when `text` has `prefix` at `at`, else -1. */
function after(text: string, at: number, prefix: string): number {
  return at >= 0 && text.startsWith(prefix, at) ? at + prefix.length : -1;
}

/**
 * The pieces of `{"final_answer":…,"meta":…,"prompt":…,"steps":[…],"trace_version":…}`, or null;
 * every step's type and index are checked, and kept when `stepFields`.
 */
function splitCanonical(text: string, stepFields = false): CanonicalParts | null {
  const answerStart = after(text, 0, '{"final_answer":');
  const answerEnd = literalEnd(text, answerStart);
  const metaStart = after(text, answerEnd, ',"meta":');
  const metaStop = metaEnd(text, metaStart);
  const promptStart = after(text, metaStop, ',"prompt":');
  const promptEnd = literalEnd(text, promptStart);
  let at = after(text, promptEnd, ',"steps":[');
  if (at < 0) return null;
  const contents: string[] = [];
  const types: string[] = [];
  const indexes: string[] = [];
  // Steps are `{"content":…,"i":…,"type":…}`, separated by commas.
  while (text.charCodeAt(at) === 123) {
    const contentStart = after(text, at, '{"content":');
    const contentEnd = literalEnd(text, contentStart);
    const indexStart = after(text, contentEnd, ',"i":');
    const indexEnd = digitsEnd(text, indexStart);
    const typeStart = after(text, indexEnd, ',"type":');
    const typeEnd = literalEnd(text, typeStart);
    at = after(text, typeEnd, '}');
    if (at < 0) return null;
    contents.push(text.slice(contentStart, contentEnd));
    if (stepFields) {
      indexes.push(text.slice(indexStart, indexEnd));
      types.push(text.slice(typeStart, typeEnd));
    }
    if (text.charCodeAt(at) !== 44 || text.charCodeAt(at + 1) !== 123) break;
    at++;
  }
  const versionStart = after(text, at, '],"trace_version":');
  const versionEnd = literalEnd(text, versionStart);
  if (versionEnd < 0 || versionEnd !== text.length - 1 || text.charCodeAt(versionEnd) !== 125) return null;
  return {
    finalAnswer: text.slice(answerStart, answerEnd),
    meta: text.slice(metaStart, metaStop),
    prompt: text.slice(promptStart, promptEnd),
    contents,
    types,
    indexes,
    traceVersion: text.slice(versionStart, versionEnd),
  };
}

/** The body of a JSON string literal: the text between its quotes. */
const body = (literal: string): string => literal.slice(1, -1);

/** `text` as JSON.stringify writes it, without the quotes. */
const escaped = (text: string): string => body(JSON.stringify(text));

const USER_TURN = escaped(`${START_OF_TURN}user\n`);
const MODEL_TURN = escaped(`${END_OF_TURN}\n${START_OF_TURN}model\n`);
const TURN_END = escaped(END_OF_TURN);
const REASONING = escaped('Reasoning:\n');
const LINE_FEED = escaped('\n');
const PARAGRAPH = escaped('\n\n');
const ANSWER = escaped('Answer: ');
const SHOW_REASONING = escaped(`\n\n${SHOW_REASONING_INSTRUCTION}`);

/** Appends renderReasoningResponse's text, escaped. */
function pushResponse(parts: CanonicalParts, out: string[]): void {
  const steps = parts.contents;
  if (steps.length > 0) out.push(REASONING);
  for (let k = 0; k < steps.length; k++) out.push(`${k + 1}. `, body(steps[k]!), LINE_FEED);
  out.push(ANSWER, body(parts.finalAnswer));
}

/**
 * `,` and the members of meta, to follow the export's own metadata keys; '' for none; null when
 * splicing could differ from JSON.stringify of the parsed meta (see the header).
 */
function metaMembers(meta: string, unsafeKey: RegExp): string | null {
  if (meta === 'null' || meta === '{}') return '';
  return unsafeKey.test(meta) ? null : `,${meta.slice(1, -1)}`;
}

/** A key is written `{"key":` or `,"key":` at any depth; inside a literal a quote is escaped. */
function unsafeKeys(ownKeys: readonly string[]): RegExp {
  return new RegExp(`[{,]"(?:\\d+|${ownKeys.join('|')})":`);
}

const TRACE_KEYS = unsafeKeys(['created_at', 'trace_version']);
const TUNIX_SFT_KEYS = unsafeKeys(['created_at', 'trace_version', 'format']);
const TRAINING_EXAMPLE_KEYS = unsafeKeys(['source_trace_id', 'created_at', 'trace_version']);

/**
 * Appends the pieces of one line to `out` and returns true; or appends nothing and returns false
 * when the line must be rendered from the parsed trace. Pieces, not a line: joining a chunk's
 * pieces once makes one flat string, where joining them per line would build a rope per line.
 */
export type CanonicalLineWriter = (trace: CanonicalTrace, out: string[]) => boolean;

/** The line writer of `format`: the same bytes as renderLine(format, parsed trace, options). */
export function canonicalLineWriter(format: ExportFormat, options: RenderOptions = {}): CanonicalLineWriter {
  const system = options.systemInstruction ? escaped(options.systemInstruction) + PARAGRAPH : '';
  switch (format) {
    case 'trace':
      return (trace, out) => {
        const parts = splitCanonical(trace.canonical, true);
        const members = parts && metaMembers(parts.meta, TRACE_KEYS);
        if (!parts || members === null) return false;
        out.push('{"id":', JSON.stringify(trace.id), ',"prompts":', parts.prompt, ',"trace_steps":[');
        for (let k = 0; k < parts.contents.length; k++) {
          out.push(k > 0 ? ',{"i":' : '{"i":', parts.indexes[k]!, ',"type":', parts.types[k]!, ',"content":', parts.contents[k]!, '}');
        }
        out.push('],"final_answer":', parts.finalAnswer, ',"metadata":{"created_at":', JSON.stringify(trace.created_at), ',"trace_version":', parts.traceVersion, members, '}}\n');
        return true;
      };
    case 'tunix_sft':
      return (trace, out) => {
        const parts = splitCanonical(trace.canonical);
        const members = parts && metaMembers(parts.meta, TUNIX_SFT_KEYS);
        if (!parts || members === null) return false;
        out.push('{"id":', JSON.stringify(trace.id), ',"prompts":"', USER_TURN, system, body(parts.prompt), MODEL_TURN);
        pushResponse(parts, out);
        out.push(TURN_END, '","final_answer":', parts.finalAnswer, ',"metadata":{"created_at":', JSON.stringify(trace.created_at));
        out.push(',"trace_version":', parts.traceVersion, ',"format":"tunix_sft"', members, '}}\n');
        return true;
      };
    case 'training_example':
      return (trace, out) => {
        const parts = splitCanonical(trace.canonical);
        const members = parts && metaMembers(parts.meta, TRAINING_EXAMPLE_KEYS);
        if (!parts || members === null) return false;
        const id = JSON.stringify(trace.id);
        out.push('{"id":', id, ',"prompt":"', system, body(parts.prompt), SHOW_REASONING, '","response":"');
        pushResponse(parts, out);
        out.push('","metadata":{"source_trace_id":', id, ',"created_at":', JSON.stringify(trace.created_at), ',"trace_version":', parts.traceVersion, members, '}}\n');
        return true;
      };
    case 'prompt_completion':
      return (trace, out) => {
        const parts = splitCanonical(trace.canonical);
        if (!parts) return false;
        out.push('{"prompt":"', USER_TURN, system, body(parts.prompt), MODEL_TURN, '","completion":"');
        pushResponse(parts, out);
        out.push(TURN_END, '"}\n');
        return true;
      };
    case 'messages':
      return (trace, out) => {
        const parts = splitCanonical(trace.canonical);
        if (!parts) return false;
        out.push('{"messages":[{"role":"user","content":"', system, body(parts.prompt), '"},{"role":"assistant","content":"');
        pushResponse(parts, out);
        out.push('"}]}\n');
        return true;
      };
  }
}
