// The canonical serialization of a trace and the content hash built on it: object keys sorted at
// every level (meta included), no whitespace, absent meta written as null, steps in their order.
// Two records that differ only in key order or whitespace get the same hash; any change of
// content gets another. Must never depend on insertion order of keys or on anything but the
// record itself (no ids, no times). The canonical JSON is also what the store keeps as the
// record's body, so it is computed once per record.
import { createSHA256, type IHasher } from 'hash-wasm';
import type { ReasoningTrace } from './types';

/**
 * A stored trace as its page keeps it (see src/db/trace-store.ts): the canonical JSON, and the id
 * and time kept beside it. Readers that only copy traces out (export) use it without parsing.
 */
export interface CanonicalTrace {
  id: string;
  created_at: string;
  canonical: string;
}

/** The trace a canonical record holds, with its id and time (for readers that need objects). */
export function parseCanonicalTrace(record: CanonicalTrace): ReasoningTrace & { id: string; created_at: string } {
  const trace = JSON.parse(record.canonical) as ReasoningTrace & { id: string; created_at: string };
  trace.id = record.id;
  trace.created_at = record.created_at;
  return trace;
}

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

/** One trace's canonical record as a long-running source computes it (see canonicalEncoder). */
export interface EncodedCanonical {
  json: string;
  /** The UTF-8 of `json`, in a buffer reused by the next call: consume it before then. */
  utf8: Uint8Array;
  /** Lowercase hex sha-256 of utf8: the content hash. */
  hash: string;
}

/** canonicalJson(trace), its UTF-8 and its sha-256: the one place a record is encoded and hashed. */
function encodeCanonical(digest: IHasher, trace: ReasoningTrace): EncodedCanonical {
  const json = canonicalJson(trace);
  const utf8 = utf8Of(json);
  digest.init();
  digest.update(utf8);
  return { json, utf8, hash: digest.digest('hex') };
}

/** The canonical JSON of each trace and its sha-256, computed once for both uses (hash, storage). */
export async function canonicalRecords(traces: readonly ReasoningTrace[]): Promise<{ records: string[]; hashes: string[] }> {
  return canonicalRecordsReusing(traces.map((trace) => ({ trace })));
}

/**
 * A synchronous canonical encoder for sources that produce many traces (a generator): the JSON,
 * its UTF-8 and content hash in one pass, so the caller can hash the same bytes into a stream
 * (a generator manifest) without serializing or encoding the trace again.
 */
export async function canonicalEncoder(): Promise<(trace: ReasoningTrace) => EncodedCanonical> {
  const digest = await sha256();
  return (trace) => encodeCanonical(digest, trace);
}

/** A canonical form a source computed already: canonicalJson(trace) and its content hash. */
export interface PrecomputedCanonical {
  json: string;
  hash: string;
}

/** canonicalRecords of each entry's trace, taking the canonical form an entry brings along. */
export async function canonicalRecordsReusing(entries: readonly { trace: ReasoningTrace; canonical?: PrecomputedCanonical }[]): Promise<{ records: string[]; hashes: string[] }> {
  const digest = await sha256();
  const records = new Array<string>(entries.length);
  const hashes = new Array<string>(entries.length);
  for (let k = 0; k < entries.length; k++) {
    const entry = entries[k]!;
    const { json, hash } = entry.canonical ?? encodeCanonical(digest, entry.trace);
    records[k] = json;
    hashes[k] = hash;
  }
  return { records, hashes };
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(1 << 16);

/** The UTF-8 of `text` in a reused buffer (valid until the next call): no allocation per record. */
function utf8Of(text: string): Uint8Array {
  // A UTF-16 code unit takes at most 3 bytes of UTF-8.
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
}
