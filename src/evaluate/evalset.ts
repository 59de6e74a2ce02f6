// Eval set items: the record type and its validator, used for the bundled sets in evalsets/
// and for sets users import. An item is a prompt with the answer that is right by
// construction. Must never judge answers (judges.ts) or read files and storage: lines in,
// typed items or per-line errors out.
import type { ValidationIssue, ValidationResult } from '../traces/types';
import { parseUntrustedJson } from '../shared/safe-json';

export const EVAL_ITEM_FIELDS = ['id', 'prompt', 'expected_answer', 'category', 'difficulty', 'section'] as const;

export interface EvalItem {
  /** Unique within its set, 1-128 chars. */
  id: string;
  prompt: string;
  /** The ground truth, computed by code for bundled sets. */
  expected_answer: string;
  /** Family or topic the item is scored under, 1-64 chars. */
  category: string;
  /** Bundled sets use easy / medium / hard; imported sets may use any label of 1-32 chars. */
  difficulty: string;
  /** Optional grouping, e.g. `core`, `trace_sensitive`, `edge_case` in eval_v2 (1-64 chars). */
  section?: string;
}

const MAX_PROMPT_CHARS = 50_000;
const MAX_ANSWER_CHARS = 10_000;

interface FieldRule {
  field: (typeof EVAL_ITEM_FIELDS)[number];
  maxChars: number;
  required: boolean;
}

const RULES: readonly FieldRule[] = [
  { field: 'id', maxChars: 128, required: true },
  { field: 'prompt', maxChars: MAX_PROMPT_CHARS, required: true },
  { field: 'expected_answer', maxChars: MAX_ANSWER_CHARS, required: true },
  { field: 'category', maxChars: 64, required: true },
  { field: 'difficulty', maxChars: 32, required: true },
  { field: 'section', maxChars: 64, required: false },
];

function fieldIssue(record: Record<string, unknown>, rule: FieldRule, line: number): ValidationIssue | null {
  const value = record[rule.field];
  if (value === undefined || value === null) {
    return rule.required ? { path: rule.field, message: `${rule.field} is required`, line } : null;
  }
  if (typeof value !== 'string') return { path: rule.field, message: `${rule.field} must be a string`, line };
  if (value.trim().length === 0) return { path: rule.field, message: `${rule.field} must not be blank`, line };
  if (value.length > rule.maxChars) {
    return { path: rule.field, message: `${rule.field} must be at most ${rule.maxChars} characters`, line };
  }
  return null;
}

/** One parsed record; `line` is 1-based and is copied into every issue. */
export function validateEvalItem(value: unknown, line: number): ValidationResult<EvalItem> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ path: '', message: 'an eval item must be a JSON object', line }] };
  }
  const record = value as Record<string, unknown>;
  const errors = RULES.map((rule) => fieldIssue(record, rule, line)).filter((issue): issue is ValidationIssue => issue !== null);
  if (errors.length > 0) return { ok: false, errors };
  const item: EvalItem = {
    id: record.id as string,
    prompt: record.prompt as string,
    expected_answer: record.expected_answer as string,
    category: record.category as string,
    difficulty: record.difficulty as string,
  };
  if (typeof record.section === 'string') item.section = record.section;
  return { ok: true, value: item };
}

/**
 * Validate the lines of an eval set JSONL file. Blank lines are skipped; every other line must
 * parse as JSON and be a valid item, and ids must be unique. All errors are reported, each with
 * its 1-based line; the items are returned only when there is none.
 */
export function validateEvalItems(lines: readonly string[]): ValidationResult<EvalItem[]> {
  const items: EvalItem[] = [];
  const errors: ValidationIssue[] = [];
  const firstLineOfId = new Map<string, number>();
  lines.forEach((text, index) => {
    const line = index + 1;
    if (text.trim().length === 0) return;
    const parsed = parseUntrustedJson(text);
    if (!parsed.ok) {
      errors.push({ ...parsed.issue, line });
      return;
    }
    const result = validateEvalItem(parsed.value, line);
    if (!result.ok) {
      errors.push(...result.errors);
      return;
    }
    const seenAt = firstLineOfId.get(result.value.id);
    if (seenAt !== undefined) {
      errors.push({ path: 'id', message: `duplicate id "${result.value.id}" (first on line ${seenAt})`, line });
      return;
    }
    firstLineOfId.set(result.value.id, line);
    items.push(result.value);
  });
  if (errors.length > 0) return { ok: false, errors };
  if (items.length === 0) return { ok: false, errors: [{ path: '', message: 'the eval set has no items' }] };
  return { ok: true, value: items };
}

/** Eval set files are read whole (they are small): larger files are refused before reading. */
export const MAX_EVALSET_FILE_BYTES = 32 * 1024 * 1024;

/** Split JSONL text into lines (LF or CRLF) and validate them. */
export function parseEvalSetJsonl(text: string): ValidationResult<EvalItem[]> {
  return validateEvalItems(text.split(/\r?\n/));
}

/** One item as a JSONL line, fields in schema order (section only when present). */
export function evalItemToJsonLine(item: EvalItem): string {
  const ordered: Record<string, string> = {};
  for (const field of EVAL_ITEM_FIELDS) {
    const value = item[field];
    if (value !== undefined) ordered[field] = value;
  }
  return `${JSON.stringify(ordered)}\n`;
}
