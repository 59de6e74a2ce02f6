// Validation of one reasoning trace against the tunix-rt schema (limits below), reporting every
// problem with its JSON path. Runs once per imported record, so it is written for speed: no
// schema library, no allocation on the happy path beyond the fresh copy it returns.
// Must never throw, never keep a field the schema does not name, and never read storage.
import type { ReasoningTrace, TraceMeta, TraceStep, ValidationIssue, ValidationResult } from './types';

export const TRACE_LIMITS = {
  traceVersionChars: 64,
  promptChars: 50_000,
  finalAnswerChars: 50_000,
  minSteps: 1,
  maxSteps: 1_000,
  stepTypeChars: 64,
  stepContentChars: 20_000,
  metaDepth: 32,
  serializedBytes: 1_048_576,
} as const;

export const TRACE_FIELDS = ['trace_version', 'prompt', 'steps', 'final_answer', 'meta'] as const;
export const STEP_FIELDS = ['i', 'type', 'content'] as const;

const FORBIDDEN_META_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const NON_ASCII = /[\u0080-\uffff]/;

export interface ValidateOptions {
  /** UTF-8 length of the raw text the value was parsed from; computed when absent. */
  serializedBytes?: number;
}

/** `meta` + key, as `meta.key` or `meta["odd key"]`. */
export function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** What a value is, in the words messages use: `null`, `array`, `object`, `number`... */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Bytes of `text` encoded as UTF-8 (lone surrogates count as U+FFFD, as TextEncoder writes). */
export function utf8ByteLength(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && k + 1 < text.length) {
      const next = text.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        k++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

const formatCount = (n: number) => n.toLocaleString('en-US');

function checkString(value: unknown, path: string, maxChars: number, errors: ValidationIssue[]): value is string {
  if (value === undefined) {
    errors.push({ path, message: 'missing required field (expected string)' });
    return false;
  }
  if (typeof value !== 'string') {
    errors.push({ path, message: `expected string, got ${describeType(value)}` });
    return false;
  }
  if (value.length < 1 || value.length > maxChars) {
    errors.push({ path, message: `must be 1–${formatCount(maxChars)} characters, got ${formatCount(value.length)}` });
    return false;
  }
  return true;
}

function checkStepIndex(value: unknown, path: string, errors: ValidationIssue[]): value is number {
  if (value === undefined) {
    errors.push({ path, message: 'missing required field (expected integer)' });
    return false;
  }
  if (typeof value !== 'number') {
    errors.push({ path, message: `expected integer, got ${describeType(value)}` });
    return false;
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    errors.push({ path, message: `must be an integer >= 0, got ${String(value)}` });
    return false;
  }
  return true;
}

function reportUnknownFields(
  record: Record<string, unknown>,
  allowed: readonly string[],
  parent: string,
  errors: ValidationIssue[],
): void {
  for (const key of Object.keys(record)) {
    if (FORBIDDEN_META_KEYS.has(key)) errors.push({ path: childPath(parent, key), message: `forbidden key "${key}"` });
    else if (!allowed.includes(key)) {
      errors.push({ path: childPath(parent, key), message: `unknown field (allowed: ${allowed.join(', ')})` });
    }
  }
}

/** Own enumerable keys of `record` that the schema names and that are present. */
function countKnownFields(record: Record<string, unknown>, allowed: readonly string[]): number {
  let present = 0;
  for (const key of allowed) if (record[key] !== undefined && Object.hasOwn(record, key)) present++;
  return present;
}

function validateStep(value: unknown, path: string, errors: ValidationIssue[]): TraceStep | null {
  if (!isPlainObject(value)) {
    errors.push({ path, message: `expected an object, got ${describeType(value)}` });
    return null;
  }
  const okIndex = checkStepIndex(value.i, `${path}.i`, errors);
  const okType = checkString(value.type, `${path}.type`, TRACE_LIMITS.stepTypeChars, errors);
  const okContent = checkString(value.content, `${path}.content`, TRACE_LIMITS.stepContentChars, errors);
  if (Object.keys(value).length > countKnownFields(value, STEP_FIELDS)) reportUnknownFields(value, STEP_FIELDS, path, errors);
  if (!okIndex || !okType || !okContent) return null;
  return { i: value.i as number, type: value.type as string, content: value.content as string };
}

function reportDuplicateIndexes(steps: readonly (TraceStep | null)[], errors: ValidationIssue[]): void {
  if (steps.every((step, k) => step === null || step.i === k)) return; // the usual 0, 1, 2...
  const firstAt = new Map<number, number>();
  steps.forEach((step, k) => {
    if (step === null) return;
    const earlier = firstAt.get(step.i);
    if (earlier === undefined) firstAt.set(step.i, k);
    else errors.push({ path: `steps[${k}].i`, message: `duplicate step index ${step.i} (also at steps[${earlier}])` });
  });
}

function validateSteps(value: unknown, errors: ValidationIssue[]): TraceStep[] | null {
  if (value === undefined) {
    errors.push({ path: 'steps', message: 'missing required field (expected array)' });
    return null;
  }
  if (!Array.isArray(value)) {
    errors.push({ path: 'steps', message: `expected an array, got ${describeType(value)}` });
    return null;
  }
  const { minSteps, maxSteps } = TRACE_LIMITS;
  if (value.length < minSteps || value.length > maxSteps) {
    errors.push({ path: 'steps', message: `must have ${minSteps}–${formatCount(maxSteps)} items, got ${formatCount(value.length)}` });
  }
  const before = errors.length;
  const steps: (TraceStep | null)[] = [];
  for (let k = 0; k < value.length; k++) steps.push(validateStep(value[k], `steps[${k}]`, errors));
  reportDuplicateIndexes(steps, errors);
  return errors.length === before ? (steps as TraceStep[]) : null;
}

/** Checks one JSON value inside meta: forbidden keys, depth, and values JSON can carry. */
function checkMetaValue(value: unknown, path: string, depth: number, errors: ValidationIssue[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push({ path, message: `expected a finite number, got ${String(value)}` });
    return;
  }
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) {
    errors.push({ path, message: `expected a JSON value, got ${describeType(value)}` });
    return;
  }
  if (depth > TRACE_LIMITS.metaDepth) {
    errors.push({ path, message: `nesting deeper than ${TRACE_LIMITS.metaDepth} levels` });
    return;
  }
  if (isArray) {
    value.forEach((item, k) => checkMetaValue(item, `${path}[${k}]`, depth + 1, errors));
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const keyPath = childPath(path, key);
    if (FORBIDDEN_META_KEYS.has(key)) errors.push({ path: keyPath, message: `forbidden key "${key}"` });
    else checkMetaValue(record[key], keyPath, depth + 1, errors);
  }
}

function validateMeta(value: unknown, errors: ValidationIssue[]): boolean {
  if (value === undefined || value === null) return true;
  if (!isPlainObject(value)) {
    errors.push({ path: 'meta', message: `expected an object or null, got ${describeType(value)}` });
    return false;
  }
  const before = errors.length;
  checkMetaValue(value, 'meta', 1, errors);
  return errors.length === before;
}

function serializedSize(value: unknown, options: ValidateOptions): number | null {
  if (options.serializedBytes !== undefined) return options.serializedBytes;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : utf8ByteLength(text);
  } catch {
    return null; // cycles or BigInt: the field checks already report them
  }
}

/** Validates `value` as a ReasoningTrace; on success returns a fresh copy with only schema fields. */
export function validateTrace(value: unknown, options: ValidateOptions = {}): ValidationResult<ReasoningTrace> {
  if (!isPlainObject(value)) {
    return { ok: false, errors: [{ path: '', message: `expected an object, got ${describeType(value)}` }] };
  }
  const errors: ValidationIssue[] = [];
  checkString(value.trace_version, 'trace_version', TRACE_LIMITS.traceVersionChars, errors);
  checkString(value.prompt, 'prompt', TRACE_LIMITS.promptChars, errors);
  const steps = validateSteps(value.steps, errors);
  checkString(value.final_answer, 'final_answer', TRACE_LIMITS.finalAnswerChars, errors);
  validateMeta(value.meta, errors);
  if (Object.keys(value).length > countKnownFields(value, TRACE_FIELDS)) reportUnknownFields(value, TRACE_FIELDS, '', errors);
  const bytes = serializedSize(value, options);
  if (bytes !== null && bytes > TRACE_LIMITS.serializedBytes) {
    errors.push({
      path: '',
      message: `record is ${formatCount(bytes)} bytes serialized; at most ${formatCount(TRACE_LIMITS.serializedBytes)} allowed`,
    });
  }
  if (errors.length > 0 || steps === null) return { ok: false, errors };
  const trace: ReasoningTrace = {
    trace_version: value.trace_version as string,
    prompt: value.prompt as string,
    steps,
    final_answer: value.final_answer as string,
  };
  if (value.meta !== undefined) trace.meta = value.meta as TraceMeta | null;
  return { ok: true, value: trace };
}
