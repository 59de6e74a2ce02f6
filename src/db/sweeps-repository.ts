// The sweeps table: one SweepState per sweep, written whole after every trial event (small: the
// trials' parameters and outcomes; the trials' runs live in the runs table with sweep_id).
import type { SweepState } from '../runs/sweep-plan';
import { announceChange } from './changes';
import type { TunixDatabase } from './database';

export async function saveSweep(db: TunixDatabase, state: SweepState): Promise<void> {
  await db.sweeps.put(state);
  announceChange('sweeps');
}

export function getSweep(db: TunixDatabase, id: string): Promise<SweepState | undefined> {
  return db.sweeps.get(id);
}

/** Newest first. */
export async function listSweeps(db: TunixDatabase): Promise<SweepState[]> {
  return (await db.sweeps.orderBy('created_at').reverse().toArray());
}

export function runningSweeps(db: TunixDatabase): Promise<SweepState[]> {
  return db.sweeps.where('status').equals('running').toArray();
}

export async function deleteSweep(db: TunixDatabase, id: string): Promise<void> {
  await db.sweeps.delete(id);
  announceChange('sweeps');
}
