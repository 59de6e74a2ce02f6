// Limits for JSON that comes from outside (imported files, backups, bundles): a size cap checked
// before parsing, a nesting-depth cap, and keys that could change an object's prototype or
// shadow its constructor (`__proto__`, `constructor`, `prototype`) rejected wherever they occur.
// Each problem is reported with the JSON path of the value, so the person can find it in the file.
// Pure; must never throw on hostile input, and never recurse deeper than the depth cap.

export interface JsonIssue {
  path: string;
  message: string;
}

export interface JsonLimits {
  /** Deepest nesting of arrays and objects; the top-level value is level 1. */
  maxDepth: number;
  /** Longest text accepted, in UTF-16 code units (checked before parsing). */
  maxChars: number;
}

/** For one imported record: generous for real data, far below what hurts the page. */
export const RECORD_JSON_LIMITS: JsonLimits = { maxDepth: 64, maxChars: 4 * 1024 * 1024 };

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `parent.key`, or `parent["odd key"]` when the key is not an identifier. */
export function jsonChildPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

export function forbiddenKeyIssue(path: string, key: string): JsonIssue {
  return { path, message: `forbidden key "${key}"` };
}

function walk(value: unknown, path: string, depth: number, maxDepth: number): JsonIssue | null {
  if (typeof value !== 'object' || value === null) return null;
  if (depth > maxDepth) return { path, message: `nested deeper than ${maxDepth} levels` };
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const issue = walk(value[k], `${path}[${k}]`, depth + 1, maxDepth);
      if (issue) return issue;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const childPath = jsonChildPath(path, key);
    if (FORBIDDEN_KEYS.has(key)) return forbiddenKeyIssue(childPath, key);
    const issue = walk((value as Record<string, unknown>)[key], childPath, depth + 1, maxDepth);
    if (issue) return issue;
  }
  return null;
}

/**
 * The first hazard in a parsed value (too deep, or a forbidden key), or null. `path` prefixes
 * the reported paths (for a value found inside a larger document).
 */
export function findJsonHazard(value: unknown, maxDepth: number = RECORD_JSON_LIMITS.maxDepth, path = ''): JsonIssue | null {
  return walk(value, path, 1, maxDepth);
}

export type SafeJsonResult = { ok: true; value: unknown } | { ok: false; issue: JsonIssue };

/** Parses text from outside: too long, invalid, too deep or with a forbidden key is an issue, never a throw. */
export function parseUntrustedJson(text: string, limits: JsonLimits = RECORD_JSON_LIMITS): SafeJsonResult {
  if (text.length > limits.maxChars) {
    return { ok: false, issue: { path: '', message: `is ${text.length.toLocaleString('en-US')} characters long; the limit is ${limits.maxChars.toLocaleString('en-US')}` } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issue: { path: '', message: `invalid JSON: ${(error as Error).message}` } };
  }
  const hazard = findJsonHazard(value, limits.maxDepth);
  return hazard ? { ok: false, issue: hazard } : { ok: true, value };
}
