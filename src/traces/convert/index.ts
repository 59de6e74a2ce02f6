// Public dataset formats -> ReasoningTrace: detection from a sample of records, conversion of
// one record (errors as values, per field, with the record's line), the inverse mapping, and a
// human-readable description of each mapping for the import preview. Every converted trace also
// passes validateTrace. Must never read files or storage, and never touch the DOM.
import type { ReasoningTrace } from '../types';
import { validateTrace } from '../validate';
import { alpacaConverter } from './alpaca';
import { chatConverter } from './chat';
import { isRecord } from './fields';
import type { ConversionResult, FormatConverter, FormatDescription, PublicFormat } from './format';
import { gsm8kConverter } from './gsm8k';
import { promptCompletionConverter } from './prompt-completion';

export type { ConversionResult, FormatDescription, PublicFormat } from './format';

const CONVERTERS: Record<PublicFormat, FormatConverter> = {
  gsm8k: gsm8kConverter,
  alpaca: alpacaConverter,
  prompt_completion: promptCompletionConverter,
  chat: chatConverter,
};

export const PUBLIC_FORMATS: readonly PublicFormat[] = ['gsm8k', 'alpaca', 'prompt_completion', 'chat'];

export function describeFormat(format: PublicFormat): FormatDescription {
  return CONVERTERS[format].description;
}

/** The formats a single raw record has the shape of (usually one, none for a native trace). */
export function formatsOf(raw: unknown): PublicFormat[] {
  if (!isRecord(raw)) return [];
  return PUBLIC_FORMATS.filter((format) => CONVERTERS[format].matches(raw));
}

/**
 * The format of a sample of parsed records (e.g. the first 20 lines): the one format that
 * more than half of the records have the shape of, or null when none does, when two tie, or
 * when the sample is empty. Native traces match no format, so a trace file gives null.
 */
export function detectFormat(sample: unknown[]): PublicFormat | null {
  if (sample.length === 0) return null;
  const votes = new Map<PublicFormat, number>();
  for (const raw of sample) for (const format of formatsOf(raw)) votes.set(format, (votes.get(format) ?? 0) + 1);
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  const [best, runnerUp] = ranked;
  if (!best || best[1] * 2 <= sample.length) return null;
  if (runnerUp && runnerUp[1] === best[1]) return null;
  return best[0];
}

/** One raw record as a trace; `line` (1-based) is copied into every error. */
export function convertRecord(format: PublicFormat, raw: unknown, line: number): ConversionResult {
  const converted = CONVERTERS[format].toTrace(raw, line);
  if (!converted.ok) return converted;
  const validated = validateTrace(converted.trace);
  if (!validated.ok) {
    return { ok: false, errors: validated.errors.map((e) => ({ path: e.path, message: `converted trace: ${e.message}`, line })) };
  }
  return { ok: true, trace: validated.value };
}

/** A record of `format` that converts back to `trace` (used for round trips and export). */
export function toPublicRecord(format: PublicFormat, trace: ReasoningTrace): Record<string, unknown> {
  return CONVERTERS[format].fromTrace(trace);
}
