// The canonical serialization of a trace and the content hash built on it: object keys sorted at
// every level (meta included), no whitespace, absent meta written as null, steps in their order.
// Two records that differ only in key order or whitespace get the same hash; any change of
// content gets another. Must never depend on insertion order of keys or on anything but the
// record itself (no ids, no times). The canonical JSON is also what the store keeps as the
// record's body, so it is computed once per record.
import { createSHA256, type IHasher } from 'hash-wasm';
import type { ReasoningTrace } from './types';

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

let hasher: Promise<IHasher> | null = null;

/** One WebAssembly SHA-256 per realm: ~3x faster than a Web Crypto digest per ~1 KB record. */
function sha256(): Promise<IHasher> {
  hasher ??= createSHA256();
  return hasher;
}

/** Lowercase hex sha-256 of the UTF-8 of canonicalJson(trace). */
export async function contentHash(trace: ReasoningTrace): Promise<string> {
  return (await canonicalRecords([trace])).hashes[0]!;
}

/** contentHash of each trace, in order. */
export async function contentHashes(traces: readonly ReasoningTrace[]): Promise<string[]> {
  return (await canonicalRecords(traces)).hashes;
}

/** The canonical JSON of each trace and its sha-256, computed once for both uses (hash, storage). */
export async function canonicalRecords(traces: readonly ReasoningTrace[]): Promise<{ records: string[]; hashes: string[] }> {
  const digest = await sha256();
  const records = new Array<string>(traces.length);
  const hashes = new Array<string>(traces.length);
  for (let k = 0; k < traces.length; k++) {
    const record = canonicalJson(traces[k]!);
    records[k] = record;
    digest.init();
    digest.update(record);
    hashes[k] = digest.digest('hex');
  }
  return { records, hashes };
}
