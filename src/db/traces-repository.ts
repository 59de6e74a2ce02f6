// Reads and writes of the traces table. Owns batching, duplicate lookups and quota handling;
// must never validate or transform records (that is src/traces/).
import type { StoredTrace } from '../traces/types';
import type { TunixDatabase } from './database';
import { announceChange } from './changes';
import { describeQuotaError, isQuotaError } from './errors';

/** Stores a batch in one transaction: all of it or none of it. */
export async function addTraceBatch(db: TunixDatabase, traces: StoredTrace[], storedBefore = 0): Promise<void> {
  if (traces.length === 0) return;
  try {
    await db.transaction('rw', db.traces, () => db.traces.bulkAdd(traces));
  } catch (error) {
    if (isQuotaError(error)) throw describeQuotaError(storedBefore, `a batch of ${traces.length} traces`);
    throw error;
  }
  announceChange('traces');
}

/** The subset of `hashes` already present in the store. */
export async function findStoredHashes(db: TunixDatabase, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const found = await db.traces.where('content_hash').anyOf(hashes).keys();
  return new Set(found as string[]);
}

/** The subset of `ids` already used by stored traces. */
export async function findStoredIds(db: TunixDatabase, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db.traces.where('id').anyOf(ids).primaryKeys();
  return new Set(found);
}

export async function deleteTraces(db: TunixDatabase, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  await db.transaction('rw', db.traces, () => db.traces.bulkDelete(ids));
  announceChange('traces');
  return ids.length;
}

export function countTraces(db: TunixDatabase): Promise<number> {
  return db.traces.count();
}

export function getTrace(db: TunixDatabase, id: string): Promise<StoredTrace | undefined> {
  return db.traces.get(id);
}

/** Traces for ids, in the given order; ids no longer stored come back as undefined. */
export function getTraces(db: TunixDatabase, ids: string[]): Promise<(StoredTrace | undefined)[]> {
  return db.traces.bulkGet(ids);
}
