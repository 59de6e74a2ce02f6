// A TraceSink in memory for pipeline tests, with hooks to fail or pause writes.
import type { ImportSource, TraceSink } from '../../../src/importer/pipeline';
import type { StoredTrace } from '../../../src/traces/types';

export class MemorySink implements TraceSink {
  readonly traces = new Map<string, StoredTrace>();
  /** The body each stored trace was written with (its canonical JSON), by id. */
  readonly records = new Map<string, string>();
  batches = 0;
  failOnBatch: number | null = null;
  afterWrite: (() => void) | null = null;

  async findStoredHashes(hashes: string[]): Promise<Set<string>> {
    const stored = new Set([...this.traces.values()].map((t) => t.content_hash));
    return new Set(hashes.filter((hash) => stored.has(hash)));
  }
  async findStoredIds(ids: string[]): Promise<Set<string>> {
    return new Set(ids.filter((id) => this.traces.has(id)));
  }
  async writeBatch(traces: StoredTrace[], _storedBefore = 0, records: string[] = []): Promise<void> {
    this.batches++;
    if (this.failOnBatch === this.batches) throw new Error('Storage is full (simulated)');
    for (const trace of traces) {
      if (this.traces.has(trace.id)) throw new Error(`duplicate id ${trace.id}`);
    }
    traces.forEach((trace, k) => {
      this.traces.set(trace.id, trace);
      if (records[k] !== undefined) this.records.set(trace.id, records[k]);
    });
    this.afterWrite?.();
  }
  async deleteIds(ids: string[]): Promise<void> {
    for (const id of ids) {
      this.traces.delete(id);
      this.records.delete(id);
    }
  }
}

/** A File-like source whose stream delivers `text` in chunks of `chunkBytes`. */
export function textSource(name: string, text: string, chunkBytes = 4096): ImportSource {
  const bytes = new TextEncoder().encode(text);
  return {
    name,
    size: bytes.length,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < bytes.length; at += chunkBytes) controller.enqueue(bytes.slice(at, at + chunkBytes));
          controller.close();
        },
      }),
    slice: (start, end) => ({ text: async () => new TextDecoder().decode(bytes.slice(start, end)) }),
  };
}
