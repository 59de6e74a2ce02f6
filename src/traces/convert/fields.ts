// Reading the fields of one raw public-format record, with per-field errors that carry the
// record's line. Shared by every converter. Must never coerce a value of the wrong type.
import type { ValidationIssue } from '../types';

export type TextFields = { ok: true; fields: Record<string, string> } | { ok: false; errors: ValidationIssue[] };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A required non-blank string field; pushes an issue and returns null otherwise. */
export function requiredText(record: Record<string, unknown>, path: string, line: number, errors: ValidationIssue[]): string | null {
  const value = record[path];
  if (value === undefined || value === null) {
    errors.push({ path, message: 'missing required field (expected string)', line });
    return null;
  }
  if (typeof value !== 'string') {
    errors.push({ path, message: `expected string, got ${Array.isArray(value) ? 'array' : typeof value}`, line });
    return null;
  }
  if (value.trim() === '') {
    errors.push({ path, message: 'must not be blank', line });
    return null;
  }
  return value;
}

/** An optional string field: absent or null gives ''. */
export function optionalText(record: Record<string, unknown>, path: string, line: number, errors: ValidationIssue[]): string {
  const value = record[path];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    errors.push({ path, message: `expected string, got ${Array.isArray(value) ? 'array' : typeof value}`, line });
    return '';
  }
  return value;
}

export function notAnObject(line: number): ValidationIssue[] {
  return [{ path: '', message: 'expected a JSON object', line }];
}

/**
 * The named string fields of a raw record, checked in the order given: plain names are required
 * and non-blank, names ending in `?` are optional ('' when absent). Keys drop the `?`.
 */
export function readTextFields(raw: unknown, line: number, names: readonly string[]): TextFields {
  if (!isRecord(raw)) return { ok: false, errors: notAnObject(line) };
  const errors: ValidationIssue[] = [];
  const fields: Record<string, string> = {};
  for (const name of names) {
    if (name.endsWith('?')) fields[name.slice(0, -1)] = optionalText(raw, name.slice(0, -1), line, errors);
    else fields[name] = requiredText(raw, name, line, errors) ?? '';
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}
