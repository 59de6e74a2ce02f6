// Loads one trace by id and keeps it current when the store changes.
import { useEffect, useState } from 'preact/hooks';
import type { StoredTrace } from '../../traces/types';
import { appDatabase } from '../../db/database';
import { getTrace } from '../../db/trace-store';
import { onDatabaseChange } from '../../db/changes';

/** undefined while loading, null when no trace has this id. */
export function useTrace(id: string): StoredTrace | null | undefined {
  const [trace, setTrace] = useState<StoredTrace | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const load = () => void getTrace(appDatabase(), id).then((found) => !cancelled && setTrace(found ?? null));
    load();
    const unsubscribe = onDatabaseChange((table) => table === 'traces' && load());
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [id]);
  return trace;
}
