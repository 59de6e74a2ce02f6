// A generator run as an import source: the traces go to the pipeline as objects (a
// RecordSource), so a generated set takes the import path from validation on (hashing,
// duplicates, batches) without being written to JSON text and parsed back; its manifest hashes
// the JSONL lines the run stands for, built once per trace for that hash and the size limit.
import { generateTraces, type GeneratorOptions } from '../generators/registry';
import { createManifestBuilder, type GeneratorManifest } from '../generators/manifest';
import { utf8ByteLength } from '../traces/validate';
import type { RecordSource, SourcedRecord } from './pipeline';

const TRACES_PER_CHUNK = 500;

export interface GeneratedSource {
  source: RecordSource;
  /** The manifest of everything the source produced; call after the import has read it all. */
  manifest(): GeneratorManifest;
}

export async function generatedSource(options: GeneratorOptions): Promise<GeneratedSource> {
  const builder = await createManifestBuilder(options);
  const name = `${options.generator}-seed${options.seed}-n${options.count}.jsonl`;
  let read = false;
  const source: RecordSource = {
    name,
    *records() {
      if (read) throw new Error('a generated source can be read once');
      read = true;
      let chunk: SourcedRecord[] = [];
      for (const trace of generateTraces(options)) {
        const line = builder.add(trace);
        chunk.push({ value: trace, serializedBytes: utf8ByteLength(line) - 1 }); // the JSON, without its line feed
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
