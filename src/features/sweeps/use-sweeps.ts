// Sweep view-model hooks: the list and one sweep, refreshed on every sweeps change.
import { useEffect, useState } from 'preact/hooks';
import { onDatabaseChange } from '../../db/changes';
import { appDatabase } from '../../db/database';
import { getSweep, listSweeps } from '../../db/sweeps-repository';
import type { SweepState } from '../../runs/sweep-plan';

export function useSweeps(): SweepState[] | null {
  const [sweeps, setSweeps] = useState<SweepState[] | null>(null);
  useEffect(() => {
    const load = () => void listSweeps(appDatabase()).then(setSweeps);
    load();
    return onDatabaseChange((table) => table === 'sweeps' && load());
  }, []);
  return sweeps;
}

/** undefined while loading, null when it does not exist. */
export function useSweep(id: string): SweepState | null | undefined {
  const [sweep, setSweep] = useState<SweepState | null | undefined>(undefined);
  useEffect(() => {
    const load = () => void getSweep(appDatabase(), id).then((s) => setSweep(s ?? null));
    load();
    return onDatabaseChange((table) => table === 'sweeps' && load());
  }, [id]);
  return sweep;
}

export function trialsDone(sweep: SweepState): number {
  return sweep.trials.filter((t) => t.status === 'completed' || t.status === 'failed' || t.status === 'stopped_early').length;
}
