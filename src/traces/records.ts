// One imported record, from its text to a validated trace: JSON parse, recognition of the
// `trace` export format (the reference system's `{id, prompts, trace_steps, final_answer,
// metadata}`, which this app also writes) mapped back to a trace, then validation. Every issue
// carries the record's line. Must never throw, read files, or touch storage.
import { TRACE_LIMITS, childPath, describeType, utf8ByteLength, validateTrace } from './validate';
import { CURRENT_TRACE_VERSION, type ReasoningTrace, type ValidationIssue } from './types';

export type ParsedRecord =
  | { ok: true; trace: ReasoningTrace; originalId?: string }
  | { ok: false; errors: ValidationIssue[] };

export const EXPORTED_TRACE_FIELDS = ['id', 'prompts', 'trace_steps', 'final_answer', 'metadata'] as const;
/** Keys the export adds to `metadata` beside the trace's own meta; taken out again on import. */
const EXPORT_METADATA_KEYS = ['trace_version', 'created_at'] as const;
/** The step type given to reference exports, whose `trace_steps` are bare strings. */
export const EXPORTED_STEP_TYPE = 'step';

/** A trace's paths as the exported record names them, so errors point at what the file holds. */
const EXPORT_PATH_PREFIXES: readonly [string, string][] = [
  ['trace_version', 'metadata.trace_version'],
  ['prompt', 'prompts'],
  ['steps', 'trace_steps'],
  ['meta', 'metadata'],
];

interface MappedExport {
  candidate: Record<string, unknown>;
  originalId?: string;
  issues: ValidationIssue[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isExportedTrace(value: Record<string, unknown>): boolean {
  return Object.hasOwn(value, 'prompts') && Object.hasOwn(value, 'trace_steps');
}

/** Reference exports list step contents as strings; this app's list `{i, type, content}`. */
function stepFromExport(step: unknown, index: number): unknown {
  return typeof step === 'string' ? { i: index, type: EXPORTED_STEP_TYPE, content: step } : step;
}

function metaFromExport(metadata: unknown): { traceVersion: unknown; meta: unknown } {
  if (!isObject(metadata)) return { traceVersion: undefined, meta: metadata };
  if (!EXPORT_METADATA_KEYS.some((key) => Object.hasOwn(metadata, key))) return { traceVersion: undefined, meta: metadata };
  // fromEntries defines own properties, so a "__proto__" key stays a key for validation to reject.
  const meta = Object.fromEntries(
    Object.entries(metadata).filter(([key]) => !(EXPORT_METADATA_KEYS as readonly string[]).includes(key)),
  );
  // A trace exported without meta comes back without meta (not `{}`), keeping its hash.
  return { traceVersion: metadata.trace_version, meta: Object.keys(meta).length > 0 ? meta : undefined };
}

function mapExportedTrace(record: Record<string, unknown>): MappedExport {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(record)) {
    if (!(EXPORTED_TRACE_FIELDS as readonly string[]).includes(key)) {
      issues.push({ path: childPath('', key), message: `unknown field (allowed: ${EXPORTED_TRACE_FIELDS.join(', ')})` });
    }
  }
  let originalId: string | undefined;
  if (typeof record.id === 'string') originalId = record.id;
  else if (record.id !== undefined) issues.push({ path: 'id', message: `expected string, got ${describeType(record.id)}` });
  const { traceVersion, meta } = metaFromExport(record.metadata);
  const steps = Array.isArray(record.trace_steps) ? record.trace_steps.map(stepFromExport) : record.trace_steps;
  const candidate: Record<string, unknown> = {
    trace_version: traceVersion ?? CURRENT_TRACE_VERSION,
    prompt: record.prompts,
    steps,
    final_answer: record.final_answer,
  };
  if (meta !== undefined) candidate.meta = meta;
  return { candidate, originalId, issues };
}

function toExportPath(path: string): string {
  for (const [field, exported] of EXPORT_PATH_PREFIXES) {
    if (path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`)) return exported + path.slice(field.length);
  }
  return path;
}

function withLine(issues: ValidationIssue[], line: number, exported: boolean): ValidationIssue[] {
  return issues.map((issue) => ({ path: exported ? toExportPath(issue.path) : issue.path, message: issue.message, line }));
}

/** Parses and validates the record `text` found at `line` (JSONL line or array element start). */
export function parseTraceRecord(text: string, line: number): ParsedRecord {
  // UTF-8 never takes fewer bytes than UTF-16 code units: a longer text is over the limit unparsed.
  if (text.length > TRACE_LIMITS.serializedBytes) {
    return { ok: false, errors: [{ path: '', message: `record is over ${TRACE_LIMITS.serializedBytes.toLocaleString('en-US')} bytes serialized (the limit); not parsed`, line }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `invalid JSON: ${(error as Error).message}`, line }] };
  }
  return validateTraceRecord(value, line, utf8ByteLength(text));
}

/**
 * Validates a record already parsed, or built in memory (a generator's trace), found at `line`;
 * `serializedBytes` is the UTF-8 size of its JSON, for the size limit.
 */
export function validateTraceRecord(value: unknown, line: number, serializedBytes: number): ParsedRecord {
  if (!isObject(value) || !isExportedTrace(value)) {
    const result = validateTrace(value, { serializedBytes });
    return result.ok ? { ok: true, trace: result.value } : { ok: false, errors: withLine(result.errors, line, false) };
  }
  const mapped = mapExportedTrace(value);
  const result = validateTrace(mapped.candidate, { serializedBytes });
  if (!result.ok || mapped.issues.length > 0) {
    const errors = [...withLine(mapped.issues, line, false), ...(result.ok ? [] : withLine(result.errors, line, true))];
    return { ok: false, errors };
  }
  return mapped.originalId === undefined ? { ok: true, trace: result.value } : { ok: true, trace: result.value, originalId: mapped.originalId };
}
