// A generator run as an import source: the traces become JSONL bytes pulled on demand, so a
// generated set takes exactly the import path (validation, hashing, duplicates, batches) and
// its manifest hashes exactly the bytes that were imported.
import { generateTraces, type GeneratorOptions } from '../generators/registry';
import { ManifestBuilder, type GeneratorManifest } from '../generators/manifest';
import type { ImportSource } from './pipeline';

const TRACES_PER_CHUNK = 500;

export interface GeneratedSource {
  source: ImportSource;
  /** The manifest of everything the stream produced; call after the import has read it all. */
  manifest(): GeneratorManifest;
}

export function generatedSource(options: GeneratorOptions): GeneratedSource {
  const builder = new ManifestBuilder(options);
  const name = `${options.generator}-seed${options.seed}-n${options.count}.jsonl`;
  let streamed = false;
  const source: ImportSource = {
    name,
    // Unknown until generated: progress for generated sets is counted in records, not bytes.
    size: 0,
    stream() {
      if (streamed) throw new Error('a generated source can be read once');
      streamed = true;
      const traces = generateTraces(options);
      const encoder = new TextEncoder();
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          let text = '';
          for (let k = 0; k < TRACES_PER_CHUNK; k++) {
            const next = traces.next();
            if (next.done) {
              if (text) controller.enqueue(encoder.encode(text));
              controller.close();
              return;
            }
            text += builder.add(next.value);
          }
          controller.enqueue(encoder.encode(text));
        },
      });
    },
  };
  return { source, manifest: () => builder.finish() };
}
