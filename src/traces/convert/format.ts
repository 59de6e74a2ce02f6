// The shape every public-format converter has: how to recognise a record, how to map it to a
// trace (errors as values, each with the record's line), the inverse mapping, and the words a
// preview shows to explain the mapping. Types only.
import type { ReasoningTrace, ValidationIssue } from '../types';

export type PublicFormat = 'gsm8k' | 'alpaca' | 'prompt_completion' | 'chat';

export type ConversionResult = { ok: true; trace: ReasoningTrace } | { ok: false; errors: ValidationIssue[] };

export interface FormatDescription {
  format: PublicFormat;
  label: string;
  /** The fields a record of this format has, as `name: type`. */
  fields: string[];
  /** One line per rule of the mapping, in reading order. */
  mapping: string[];
}

export interface FormatConverter {
  description: FormatDescription;
  /** Whether a raw record has this format's shape (field names and types only). */
  matches(raw: Record<string, unknown>): boolean;
  /** The trace for a record, before schema validation; errors name the record's own fields. */
  toTrace(raw: unknown, line: number): ConversionResult;
  /** A record of this format that converts back to the same trace. */
  fromTrace(trace: ReasoningTrace): Record<string, unknown>;
}
