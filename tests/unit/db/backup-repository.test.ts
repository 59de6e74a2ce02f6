// Backup and restore against fake-indexeddb: a database with something in every table (traces,
// datasets, runs with checkpoints holding Float32Array weights, evaluations, models, sweeps, and
// values JSON cannot write) comes back identical, table by table; corrupt, truncated, keyless or
// foreign files are rejected with a clear error and the target left exactly as it was; merge keeps
// what the backup does not name, replace does not; a failure during the write changes nothing;
// the trace index of the realm follows the restore.
import { beforeAll, describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { restoreBackup, writeBackup, type RestoreMode } from '../../../src/db/backup-repository';
import { countTraces } from '../../../src/db/trace-store';
import { BackupWriter } from '../../../src/backup/writer';
import { latestTables } from '../../../src/backup/keys';
import { DERIVED_TABLES, LATEST_SCHEMA_VERSION } from '../../../src/db/schema';
import type { BackupManifest } from '../../../src/backup/format';
import { populateStore } from '../../fixtures/store-fixtures';

/** More than one page of traces (1,000 per page); a small model keeps the checkpoints quick to compare. */
const TRACES = 1_500;
const SHAPE = { dim: 16, layers: 1, heads: 2, context: 16 };
let counter = 0;
const freshDb = () => new TunixDatabase(`backup-test-${counter++}`);

/** Every table's rows, in key order: what "identical" means for a database. */
async function snapshot(db: TunixDatabase): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return tables;
}

async function backupText(db: TunixDatabase): Promise<{ text: string; manifest: BackupManifest }> {
  const chunks: string[] = [];
  const manifest = await writeBackup(db, (chunk) => chunks.push(chunk), { appVersion: 'test', now: new Date(Date.UTC(2026, 10, 23)) });
  return { text: chunks.join(''), manifest };
}

const EDGE_RECORD = {
  id: 'sweep-edge',
  created_at: '2026-11-23T00:00:00.000Z',
  status: 'running' as const,
  nan: Number.NaN,
  infinity: Infinity,
  negative_zero: -0,
  missing: undefined,
  when: new Date(Date.UTC(2026, 0, 2)),
  bytes: new Uint8Array([0, 127, 128, 255]).buffer,
  doubles: new Float64Array([Math.E, Number.NaN, -0]),
  $dollar: { $typed: 'plain data, not a tag' },
};

let source: TunixDatabase;
let backup: { text: string; manifest: BackupManifest };

beforeAll(async () => {
  source = freshDb();
  await populateStore(source, { traces: TRACES, traceBytes: 200, runs: 2, checkpointsPerRun: 2, metricsPerRun: 30, shape: SHAPE });
  await source.table('sweeps').put(EDGE_RECORD);
  backup = await backupText(source);
});

async function restore(db: TunixDatabase, text: string, mode: RestoreMode = 'merge') {
  return restoreBackup(db, new Blob([text]), mode);
}

/** A target that already holds data of its own: a few traces, a run and a sweep. */
async function nonEmptyTarget(): Promise<TunixDatabase> {
  const db = freshDb();
  await populateStore(db, { traces: 30, runs: 1, checkpointsPerRun: 1, metricsPerRun: 3, dataset: false, shape: SHAPE });
  await db.table('sweeps').put({ id: 'sweep-only-here', created_at: '2026-01-01T00:00:00.000Z', status: 'completed' });
  return db;
}

describe('backup → restore round trip', () => {
  it('covers every table of the schema, each with records', async () => {
    const names = latestTables().map((table) => table.name);
    expect(backup.manifest.tables.map((table) => table.name)).toEqual(names);
    // Every table but the derived ones, which a restore rebuilds (checked in the lossless test).
    expect(source.tables.map((table) => table.name).sort()).toEqual([...names, ...DERIVED_TABLES].sort());
    expect(names.filter((name) => DERIVED_TABLES.has(name))).toEqual([]);
    expect(await source.trace_keys.count()).toBeGreaterThan(0);
    for (const table of backup.manifest.tables) expect(table.count, table.name).toBeGreaterThan(0);
    expect(backup.manifest.records).toBe(backup.manifest.tables.reduce((sum, table) => sum + table.count, 0));
  });

  it('is lossless: every table of the restored database equals the original, typed arrays included', async () => {
    const target = freshDb();
    const report = await restore(target, backup.text, 'replace');
    expect(report.records).toBe(backup.manifest.records);
    const [before, after] = await Promise.all([snapshot(source), snapshot(target)]);
    for (const name of Object.keys(before)) expect(after[name], name).toStrictEqual(before[name]);
    const checkpoint = (await target.checkpoints.toCollection().first())!;
    const weights = Object.values(checkpoint.state.weights);
    expect(weights.length).toBeGreaterThan(10);
    for (const values of weights) expect(values).toBeInstanceOf(Float32Array);
    expect(checkpoint.state.optimizer.m['wte.weight']).toEqual((await source.checkpoints.get(checkpoint.id))!.state.optimizer.m['wte.weight']);
    const edge = (await target.table('sweeps').get('sweep-edge'))!;
    expect(Object.is(edge.negative_zero, -0)).toBe(true);
    expect(Number.isNaN(edge.nan)).toBe(true);
    expect(Object.hasOwn(edge, 'missing')).toBe(true);
  });

  it('backs up the restored database to the same table hashes', async () => {
    const target = freshDb();
    await restore(target, backup.text);
    expect((await backupText(target)).manifest).toEqual(backup.manifest);
  });

  it('reloads the trace index of this realm after a restore', async () => {
    const target = await nonEmptyTarget();
    expect(await countTraces(target)).toBe(30);
    await restore(target, backup.text, 'replace');
    expect(await countTraces(target)).toBe(TRACES);
  });
});

describe('merge and replace', () => {
  it('merge puts the backup over records with the same key and keeps the others', async () => {
    const target = await nonEmptyTarget();
    await target.table('sweeps').put({ id: 'sweep-1', created_at: '2020-01-01T00:00:00.000Z', status: 'failed' });
    await restore(target, backup.text, 'merge');
    expect(await target.table('sweeps').get('sweep-only-here')).toBeDefined();
    expect(await target.table('sweeps').get('sweep-1')).toStrictEqual(await source.table('sweeps').get('sweep-1'));
    expect(await target.runs.get('run-000')).toStrictEqual(await source.runs.get('run-000'));
    expect(await target.metrics.where('run_id').equals('run-000').count()).toBe(30);
  });

  it("merge keeps each trace id once: the backup's copy replaces one stored under another page", async () => {
    const target = await nonEmptyTarget(); // its 30 traces have the ids of the backup's first 30, in other pages
    await restore(target, backup.text, 'merge');
    const ids = (await target.trace_summaries.toArray()).flatMap((summary) => summary.ids);
    expect(ids).toHaveLength(TRACES);
    expect(new Set(ids).size).toBe(TRACES);
    expect(await target.trace_pages.toArray()).toStrictEqual(await source.trace_pages.toArray());
    expect(await countTraces(target)).toBe(TRACES);
  });

  it('replace leaves exactly the backup', async () => {
    const target = await nonEmptyTarget();
    await restore(target, backup.text, 'replace');
    expect(await target.table('sweeps').get('sweep-only-here')).toBeUndefined();
    const [expected, actual] = await Promise.all([snapshot(source), snapshot(target)]);
    expect(actual).toStrictEqual(expected);
  });

  it('a merge that breaks a unique field changes nothing and says so', async () => {
    const target = await nonEmptyTarget();
    const clash = (await source.datasets.toArray())[0]!;
    await target.datasets.put({ ...clash, build_id: 'another-build-id' }); // same dataset_key as the backup's, another key
    const before = await snapshot(target);
    await expect(restore(target, backup.text, 'merge')).rejects.toThrow(/conflicts with a stored one on a field that must be unique.*Nothing was changed/);
    expect(await snapshot(target)).toStrictEqual(before);
  });
});

describe('rejected backups leave the database untouched', () => {
  async function expectRejected(text: string, message: RegExp): Promise<void> {
    const target = await nonEmptyTarget();
    const before = await snapshot(target);
    await expect(restore(target, text, 'replace')).rejects.toThrow(message);
    expect(await snapshot(target)).toStrictEqual(before);
  }

  it('a changed character in a record', async () => {
    const corrupted = backup.text.replace('"fixture run 1"', '"fixture run 7"');
    expect(corrupted).not.toBe(backup.text);
    await expectRejected(corrupted, /table "runs" does not match the manifest.*corrupted/);
  });

  it('a truncated file, cut anywhere', async () => {
    for (const fraction of [0.1, 0.5, 0.999]) {
      await expectRejected(backup.text.slice(0, Math.floor(backup.text.length * fraction)), /truncated|not valid JSON/);
    }
    await expectRejected(backup.text.slice(0, backup.text.lastIndexOf('{"$backup":"manifest"')), /without its manifest: the file is truncated/);
  });

  it('a record without its primary key, even with a matching manifest', async () => {
    const chunks: string[] = [];
    const tables = latestTables();
    const writer = await BackupWriter.create(
      { schemaVersion: LATEST_SCHEMA_VERSION, appVersion: 'test', createdAt: '2026-11-23T00:00:00Z', tables: tables.map((table) => ({ name: table.name, key_path: table.keyPath })) },
      (chunk) => chunks.push(chunk),
    );
    for (const table of tables) {
      writer.beginTable(table.name);
      if (table.name === 'metrics') writer.addRecord({ step: 1, loss: 2 });
    }
    writer.finish();
    await expectRejected(chunks.join(''), /table "metrics", record 1 has no valid primary key at \[run_id\+step\]/);
  });

  it('repeated keys, foreign files, newer formats and unknown tables', async () => {
    const lines = backup.text.split('\n');
    const firstRun = lines.findIndex((line) => line.includes('"run_schema_version"'));
    const repeated = [...lines.slice(0, firstRun + 1), lines[firstRun]!, ...lines.slice(firstRun + 1)].join('\n');
    await expectRejected(repeated, /is not after the previous record's \(repeated or out of order\)/);
    await expectRejected('{"prompt":"hi"}\n', /not a tunix-rt web backup/);
    await expectRejected('', /the file is empty/);
    const header = JSON.parse(lines[0]!) as Record<string, unknown>;
    await expectRejected([JSON.stringify({ ...header, format_version: 2 }), ...lines.slice(1)].join('\n'), /format version 2 is not supported/);
    await expectRejected([JSON.stringify({ ...header, schema_version: LATEST_SCHEMA_VERSION + 1 }), ...lines.slice(1)].join('\n'), /newer than this app's/);
    const tables = [...(header.tables as object[]), { name: 'secrets', key_path: 'id' }];
    await expectRejected([JSON.stringify({ ...header, tables }), ...lines.slice(1)].join('\n'), /the table "secrets" does not exist/);
    await expectRejected(backup.text.replace('"$base64":"', '"$base64":"!'), /not valid base64|does not match/);
  });

  it('a file that changes between the check and the write: nothing of the write is kept', async () => {
    const target = await nonEmptyTarget();
    const before = await snapshot(target);
    let reads = 0;
    const good = new Blob([backup.text]);
    const bad = new Blob([backup.text.replace('"fixture run 1"', '"fixture run 7"')]);
    const changing = { size: good.size, stream: () => (reads++ === 0 ? good : bad).stream() } as unknown as Blob;
    await expect(restoreBackup(target, changing, 'replace')).rejects.toThrow(/does not match the manifest/);
    expect(reads).toBe(2);
    expect(await snapshot(target)).toStrictEqual(before);
  });
});
