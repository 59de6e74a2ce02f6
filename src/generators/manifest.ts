// The manifest of one generated set: generator, version, seed, count, composition and the
// sha-256 of its JSONL, so anyone can regenerate the set and check they got the same bytes.
// ManifestBuilder lets a worker serialize, hash and tally a run chunk by chunk (hashing with
// the pure-JS Sha256, or hash-wasm's through createManifestBuilder: same digest). Must never
// hold the traces themselves, and must never format a trace any other way than
// traceToJsonLine (the hash is defined over exactly those bytes: canonical JSON lines).
import type { ReasoningTrace } from '../traces/types';
import { CURRENT_TRACE_VERSION } from '../traces/types';
import { canonicalJson } from '../traces/canonical';
import type { GeneratorName, GeneratorOptions } from './registry';
import { compositionValue, generateTraces, generatorInfo } from './registry';
import { Sha256, createWasmSha256, type TextHasher } from './sha256';

export const GENERATOR_MANIFEST_VERSION = 1;

export interface GeneratorManifest {
  manifest_version: typeof GENERATOR_MANIFEST_VERSION;
  generator: GeneratorName;
  generator_version: string;
  trace_version: string;
  seed: number;
  count: number;
  /** The meta field the composition counts (`category`, `template` or `result`). */
  composition_key: string;
  /** Traces per value of composition_key, keys in alphabetical order. */
  composition: Record<string, number>;
  /** sha-256 (hex) of the JSONL: one traceToJsonLine per trace, in generation order. */
  jsonl_sha256: string;
}

/**
 * One JSONL line: the trace's canonical JSON (src/traces/canonical.ts: keys sorted, no spaces)
 * + LF. The same bytes are the record's content hash input, so a generator serializes once.
 */
export function traceToJsonLine(trace: ReasoningTrace): string {
  return `${canonicalJson(trace)}\n`;
}

const LINE_FEED = new Uint8Array([0x0a]);

function sortedRecord(counts: Record<string, number>): Record<string, number> {
  const sorted: Record<string, number> = {};
  for (const key of Object.keys(counts).sort()) sorted[key] = counts[key] as number;
  return sorted;
}

export class ManifestBuilder {
  private readonly counts: Record<string, number> = {};
  private added = 0;

  /** `hasher` hashes the JSONL; any SHA-256 of UTF-8 text gives the same manifest. */
  constructor(
    private readonly options: GeneratorOptions,
    private readonly hasher: TextHasher = new Sha256(),
  ) {}

  /** Count and hash one trace; returns its JSONL line for the caller to keep or stream. */
  add(trace: ReasoningTrace): string {
    const line = traceToJsonLine(trace);
    this.hasher.updateText(line);
    this.count(trace);
    return line;
  }

  /** Count and hash one trace given the UTF-8 of its canonical JSON (the line without its LF). */
  addEncoded(trace: ReasoningTrace, canonicalUtf8: Uint8Array): void {
    this.hasher.update(canonicalUtf8);
    this.hasher.update(LINE_FEED);
    this.count(trace);
  }

  private count(trace: ReasoningTrace): void {
    const key = compositionValue(this.options.generator, trace);
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.added += 1;
  }

  get traceCount(): number {
    return this.added;
  }

  /** The manifest of everything added; the builder cannot be used after this. */
  finish(): GeneratorManifest {
    const info = generatorInfo(this.options.generator);
    return {
      manifest_version: GENERATOR_MANIFEST_VERSION,
      generator: info.name,
      generator_version: info.version,
      trace_version: CURRENT_TRACE_VERSION,
      seed: this.options.seed,
      count: this.added,
      composition_key: info.compositionKey,
      composition: sortedRecord(this.counts),
      jsonl_sha256: this.hasher.digestHex(),
    };
  }
}

/** A ManifestBuilder hashing with WebAssembly: for long runs in a worker. */
export async function createManifestBuilder(options: GeneratorOptions): Promise<ManifestBuilder> {
  return new ManifestBuilder(options, await createWasmSha256());
}

/** A whole run at once: its JSONL text and manifest (for tests, scripts and small sets). */
export function generateJsonl(options: GeneratorOptions): { jsonl: string; manifest: GeneratorManifest } {
  const builder = new ManifestBuilder(options);
  const lines: string[] = [];
  for (const trace of generateTraces(options)) lines.push(builder.add(trace));
  return { jsonl: lines.join(''), manifest: builder.finish() };
}

/** The manifest as a downloadable file body (pretty JSON, trailing newline). */
export function manifestToJson(manifest: GeneratorManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
