// Dataset keys: `{name}-{version}` reduced to [a-z0-9._-] so a key is safe as a file and folder
// name, and the next free version for rebuilds. Must never decide whether a key is taken (the
// caller asks the store and passes what it found).
import type { ValidationIssue, ValidationResult } from '../traces/types';

export const MAX_KEY_LENGTH = 128;

/**
 * Lower case, accents dropped (NFKD), every run of other characters turned into one `-`, and
 * `-` or `.` trimmed from both ends (no hidden files, no `..`).
 */
export function sanitizeKeyPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/** The key of a build of `name` at `version`, or errors naming the part that sanitizes to nothing. */
export function datasetKey(name: string, version: string): ValidationResult<string> {
  const errors: ValidationIssue[] = [];
  const namePart = sanitizeKeyPart(name);
  const versionPart = sanitizeKeyPart(version);
  if (namePart === '') errors.push({ path: 'name', message: `name ${JSON.stringify(name)} has no letters or digits to make a key from` });
  if (versionPart === '') errors.push({ path: 'version', message: `version ${JSON.stringify(version)} has no letters or digits to make a key from` });
  if (errors.length > 0) return { ok: false, errors };
  const key = `${namePart}-${versionPart}`;
  if (key.length > MAX_KEY_LENGTH) {
    return { ok: false, errors: [{ path: 'name', message: `dataset key is ${key.length} characters long; the most is ${MAX_KEY_LENGTH}` }] };
  }
  return { ok: true, value: key };
}

/**
 * The version after `version`: its trailing number plus one, keeping its width (`v1` → `v2`,
 * `1.09` → `1.10`), or `{version}-2` without one; skips any in `taken`.
 */
export function nextVersion(version: string, taken: ReadonlySet<string> = new Set()): string {
  let candidate = version;
  do {
    const match = /^(.*?)(\d+)$/.exec(candidate);
    if (match) {
      const digits = match[2]!;
      candidate = `${match[1]}${String(BigInt(digits) + 1n).padStart(digits.length, '0')}`;
    } else {
      candidate = `${candidate}-2`;
    }
  } while (taken.has(candidate));
  return candidate;
}
