// A generator run as an import source: the traces go to the pipeline as objects (a
// RecordSource), so a generated set takes the import path from validation on (hashing,
// duplicates, batches) without being written to JSON text and parsed back. Each trace is
// serialized once, to its canonical JSON: the manifest hashes those bytes as the run's JSONL
// line, and the pipeline takes that JSON and its content hash instead of computing them again.
import { generateTraces, type GeneratorOptions } from '../generators/registry';
import { createManifestBuilder, type GeneratorManifest } from '../generators/manifest';
import { canonicalEncoder } from '../traces/canonical';
import type { RecordSource, SourcedRecord } from './pipeline';

const TRACES_PER_CHUNK = 500;

export interface GeneratedSource {
  source: RecordSource;
  /** The manifest of everything the source produced; call after the import has read it all. */
  manifest(): GeneratorManifest;
}

export async function generatedSource(options: GeneratorOptions): Promise<GeneratedSource> {
  const builder = await createManifestBuilder(options);
  const encode = await canonicalEncoder();
  const name = `${options.generator}-seed${options.seed}-n${options.count}.jsonl`;
  let read = false;
  const source: RecordSource = {
    name,
    *records() {
      if (read) throw new Error('a generated source can be read once');
      read = true;
      let chunk: SourcedRecord[] = [];
      for (const trace of generateTraces(options)) {
        // One serialization per trace: its canonical JSON is the JSONL line the manifest hashes,
        // the content hash and the stored body.
        const { json, utf8, hash } = encode(trace);
        builder.addEncoded(trace, utf8);
        chunk.push({ value: trace, serializedBytes: utf8.length, canonical: { json, hash } });
        if (chunk.length === TRACES_PER_CHUNK) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk;
    },
  };
  return { source, manifest: () => builder.finish() };
}
