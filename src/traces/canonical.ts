// The canonical serialization of a trace and the content hash built on it: object keys sorted at
// every level (meta included), no whitespace, absent meta written as null, steps in their order.
// Two records that differ only in key order or whitespace get the same hash; any change of
// content gets another. Must never depend on insertion order of keys or on anything but the
// record itself (no ids, no times).
import type { ReasoningTrace } from './types';

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));
/** Traces hashed concurrently by contentHashes; bounds the buffers held at once. */
const HASH_BATCH = 256;

/** Keys sorted by UTF-16 code units, the order Array.prototype.sort gives strings. */
function canonicalValue(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null'; // non-JSON values (undefined, functions) as JSON.stringify writes them in arrays
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let k = 0; k < value.length; k++) out += (k > 0 ? ',' : '') + canonicalValue(value[k]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue; // as JSON.stringify
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalValue(item);
    first = false;
  }
  return out + '}';
}

/** The bytes the content hash is computed from (as a string; hashed as UTF-8). */
export function canonicalJson(trace: ReasoningTrace): string {
  // Top-level and step keys are fixed, so they are written in sorted order directly:
  // final_answer < meta < prompt < steps < trace_version, and content < i < type.
  let steps = '';
  for (let k = 0; k < trace.steps.length; k++) {
    const step = trace.steps[k]!;
    steps +=
      (k > 0 ? ',' : '') +
      '{"content":' + JSON.stringify(step.content) + ',"i":' + JSON.stringify(step.i) + ',"type":' + JSON.stringify(step.type) + '}';
  }
  return (
    '{"final_answer":' + JSON.stringify(trace.final_answer) +
    ',"meta":' + canonicalValue(trace.meta ?? null) +
    ',"prompt":' + JSON.stringify(trace.prompt) +
    ',"steps":[' + steps + ']' +
    ',"trace_version":' + JSON.stringify(trace.trace_version) + '}'
  );
}

function toHex(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let out = '';
  for (let k = 0; k < bytes.length; k++) out += HEX[bytes[k]!];
  return out;
}

/** Lowercase hex sha-256 of the UTF-8 of canonicalJson(trace). */
export async function contentHash(trace: ReasoningTrace): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(canonicalJson(trace)));
  return toHex(digest);
}

/** contentHash of each trace, in order, hashing a bounded number at a time. */
export async function contentHashes(traces: readonly ReasoningTrace[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let start = 0; start < traces.length; start += HASH_BATCH) {
    const batch = traces.slice(start, start + HASH_BATCH);
    hashes.push(...(await Promise.all(batch.map(contentHash))));
  }
  return hashes;
}
