// Schema upgrades keep data: a database written by every earlier schema version opens with the
// current code and keeps every row.
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { TunixDatabase } from '../../../src/db/database';
import { LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../../src/db/schema';
import type { StoredTrace } from '../../../src/traces/types';
import { summarizePage } from '../../../src/db/trace-index';
import { canonicalJson } from '../../../src/traces/canonical';
import { countTraces, getTraces, traceIndex } from '../../../src/db/trace-store';

const PAGE_ID = '00000000-0000-7000-8000-00000000page'.replace('page', '0001');

function storedTrace(n: number): StoredTrace {
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
    content_hash: n.toString(16).padStart(64, '0'),
    baseline_score: n % 100,
    step_count: 1 + (n % 5),
    total_chars: 100 + n,
    meta_terms: [`source=s${n % 3}`],
    trace_version: '1.0',
    prompt: `prompt ${n}`,
    steps: [{ i: 0, type: 'computation', content: `step ${n}` }],
    final_answer: `${n}`,
    meta: { source: `s${n % 3}` },
  };
}

async function writeAtVersion(name: string, version: number, traces: StoredTrace[]): Promise<void> {
  const old = new Dexie(name);
  for (const entry of SCHEMA_VERSIONS.filter((v) => v.version <= version)) old.version(entry.version).stores(entry.stores);
  await old.open();
  await old.table('trace_pages').add({ id: PAGE_ID, records: traces.map(canonicalJson) });
  await old.table('trace_summaries').add(summarizePage(PAGE_ID, traces));
  expect(old.verno).toBe(version);
  old.close();
}

describe('schema migrations', () => {
  it('declares strictly increasing versions', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  for (const earlier of SCHEMA_VERSIONS.slice(0, -1)) {
    it(`opens a database written at version ${earlier.version} with nothing lost`, async () => {
      const name = `migration-from-${earlier.version}`;
      const traces = Array.from({ length: 50 }, (_, n) => storedTrace(n));
      await writeAtVersion(name, earlier.version, traces);

      const db = new TunixDatabase(name);
      await db.open();
      expect(db.verno).toBe(LATEST_SCHEMA_VERSION);
      expect(await countTraces(db)).toBe(50);
      expect(await getTraces(db, traces.map((t) => t.id))).toEqual(traces);
      const index = await traceIndex(db);
      expect(index.query({ metaTerms: ['source=s1'], text: '', ranges: {} }, 'created_asc')).toEqual(
        traces.filter((t) => t.meta_terms.includes('source=s1')).map((t) => t.id),
      );
      expect(await db.imports.count()).toBe(0);
      // Version 7 fills each page's keys from its summary.
      expect(await db.trace_keys.toArray()).toEqual([{ id: PAGE_ID, ids: traces.map((t) => t.id), created_at: traces.map((t) => t.created_at) }]);
      db.close();
    });
  }
});
