// Baseline of the import benchmark: Dexie bulkAdd of already-parsed stored traces, in batches of
// 1,000 per transaction, into the same schema with the same relaxed durability as our import.
import { expose } from 'comlink';
import { TunixDatabase } from '../../src/db/database';
import { readLineBatches } from '../../src/traces/line-splitter';
import { parseTraceRecord } from '../../src/traces/records';
import { contentHashes } from '../../src/traces/canonical';
import { toStoredTrace } from '../../src/traces/derive';
import { uuidv7 } from '../../src/shared/ids';
import type { ReasoningTrace, StoredTrace } from '../../src/traces/types';

let records: StoredTrace[] = [];
const db = new TunixDatabase('bench-raw', { bulkWrites: true });

const api = {
  /** Parses, validates and hashes the file (not timed). */
  async prepare(file: File): Promise<number> {
    const traces: ReasoningTrace[] = [];
    for await (const lines of readLineBatches(file.stream())) {
      for (const { text, line } of lines) {
        const parsed = parseTraceRecord(text, line);
        if (parsed.ok) traces.push(parsed.trace);
      }
    }
    const hashes = await contentHashes(traces);
    const createdAt = new Date().toISOString();
    records = traces.map((trace, k) => toStoredTrace(trace, { id: uuidv7(), created_at: createdAt, content_hash: hashes[k]! }));
    await db.open();
    return records.length;
  },
  /** Times the bulkAdd of every prepared record, in transactions of 1,000. */
  async run(): Promise<number> {
    const started = performance.now();
    for (let at = 0; at < records.length; at += 1_000) {
      const batch = records.slice(at, at + 1_000);
      await db.transaction('rw', db.traces, () => db.traces.bulkAdd(batch));
    }
    return performance.now() - started;
  },
  close(): void {
    records = [];
    db.close();
  },
};

export type RawBulkAddApi = typeof api;
expose(api);
