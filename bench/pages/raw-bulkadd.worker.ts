// Baseline of the import benchmark: a plain Dexie bulkAdd of the already-parsed stored traces,
// one record per trace with the indexes a straightforward design would declare, in batches of
// 1,000 per transaction, with the same relaxed durability as our import.
import { expose } from 'comlink';
import Dexie from 'dexie';
import { readLineBatches } from '../../src/traces/line-splitter';
import { parseTraceRecord } from '../../src/traces/records';
import { contentHashes } from '../../src/traces/canonical';
import { toStoredTrace } from '../../src/traces/derive';
import { uuidv7 } from '../../src/shared/ids';
import type { ReasoningTrace, StoredTrace } from '../../src/traces/types';

let records: StoredTrace[] = [];
const db = new Dexie('bench-raw', { chromeTransactionDurability: 'relaxed' });
db.version(1).stores({ traces: 'id, created_at, content_hash, *meta_terms, step_count, baseline_score, total_chars' });
const table = db.table<StoredTrace, string>('traces');

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
      await db.transaction('rw', table, () => table.bulkAdd(batch));
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
