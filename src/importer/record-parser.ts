// Which format the records of one imported file have, and the parse of one record in that
// format: native traces and this app's exported traces go through parseTraceRecord; records of
// a public format (GSM8K, Alpaca, prompt/completion, chat) are converted by src/traces/convert
// and then validated like any trace. Every record is hostile until checked: size capped before
// parsing, nesting depth capped, `__proto__`/`constructor`/`prototype` keys rejected wherever
// they are (src/shared/safe-json.ts). Pure: text in, trace or per-line errors out. Must never
// read files, touch storage, or throw.
import { convertRecord, detectFormat, describeFormat, type PublicFormat } from '../traces/convert';
import { isExportedTrace, parseTraceRecord, type ParsedRecord } from '../traces/records';
import { parseUntrustedJson } from '../shared/safe-json';

/** What a file's records are: native traces (or this app's export) or a public format. */
export type RecordFormat = 'trace' | PublicFormat;
/** What the user asks for: a format, or detection from the first records of each file. */
export type FormatChoice = RecordFormat | 'auto';

/** How many leading records detection looks at. */
export const DETECTION_SAMPLE_RECORDS = 20;

export const RECORD_FORMAT_LABELS: Record<RecordFormat, string> = {
  trace: 'Reasoning trace (native or exported by this app)',
  gsm8k: describeFormat('gsm8k').label,
  alpaca: describeFormat('alpaca').label,
  prompt_completion: describeFormat('prompt_completion').label,
  chat: describeFormat('chat').label,
};

export const RECORD_FORMATS: readonly RecordFormat[] = ['trace', 'gsm8k', 'alpaca', 'prompt_completion', 'chat'];

/** The mapping lines the preview shows for a format (a trace needs none). */
export function mappingOf(format: RecordFormat): string[] {
  return format === 'trace' ? ['records are reasoning traces: stored as they are, after validation'] : describeFormat(format).mapping;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether a parsed record is a trace (native `{prompt, steps, ...}` or exported `{prompts, trace_steps, ...}`). */
export function isTraceShaped(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return false;
  const record = raw as Record<string, unknown>;
  return isExportedTrace(record) || (Object.hasOwn(record, 'steps') && Object.hasOwn(record, 'final_answer'));
}

/**
 * The format of a file from the texts of its first records: a public format when most of them
 * have its shape (see detectFormat), otherwise 'trace', whose validation then reports what is
 * wrong with each record.
 */
export function detectRecordFormat(sampleTexts: readonly string[]): RecordFormat {
  const sample = sampleTexts.map(parseOrUndefined).filter((raw) => raw !== undefined);
  if (sample.filter(isTraceShaped).length * 2 > sample.length) return 'trace';
  return detectFormat(sample) ?? 'trace';
}

/** The format to parse a file with: the user's choice, or the one its first records show. */
export function resolveRecordFormat(choice: FormatChoice, sampleTexts: readonly string[]): RecordFormat {
  return choice === 'auto' ? detectRecordFormat(sampleTexts) : choice;
}

/**
 * One record's text at `line` (1-based) as a validated trace. In a public-format file, a record
 * that is itself a trace is still read as a trace, so mixed files lose nothing.
 */
export function parseImportedRecord(format: RecordFormat, text: string, line: number): ParsedRecord {
  if (format === 'trace') return parseTraceRecord(text, line);
  const parsed = parseUntrustedJson(text);
  if (!parsed.ok) return { ok: false, errors: [{ ...parsed.issue, line }] };
  const raw = parsed.value;
  if (isTraceShaped(raw)) return parseTraceRecord(text, line);
  const converted = convertRecord(format, raw, line);
  return converted.ok ? { ok: true, trace: converted.trace } : { ok: false, errors: converted.errors };
}
