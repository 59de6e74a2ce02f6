// Storage screen view-model: per-table usage, checkpoints per run, datasets and the trace count,
// reloaded whenever any context changes the database, plus the browser's usage estimate.
import { useEffect, useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { listDatasets, type DatasetListItem } from '../../db/datasets-repository';
import { checkpointsByRun, tableUsage, type RunCheckpoints, type TableUsage } from '../../db/storage-repository';
import { countTraces } from '../../db/trace-store';
import { refreshStorageStatus } from '../../app/storage';

export interface StorageUsage {
  tables: TableUsage[];
  checkpoints: RunCheckpoints[];
  datasets: DatasetListItem[];
  traces: number;
}

async function loadUsage(): Promise<StorageUsage> {
  const db = appDatabase();
  const [tables, checkpoints, datasets, traces] = await Promise.all([tableUsage(db), checkpointsByRun(db), listDatasets(db), countTraces(db)]);
  return { tables, checkpoints, datasets: [...datasets].sort((a, b) => b.trace_count - a.trace_count), traces };
}

/** The usage (null while loading) and the error that stopped loading it, if any. */
export function useStorageUsage(): { usage: StorageUsage | null; error: string | null } {
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = () => {
      void refreshStorageStatus();
      loadUsage().then(
        (loaded) => !cancelled && (setUsage(loaded), setError(null)),
        (failure: unknown) => !cancelled && setError(failure instanceof Error ? failure.message : String(failure)),
      );
    };
    load();
    const stop = onDatabaseChange(load);
    return () => {
      cancelled = true;
      stop();
    };
  }, []);
  return { usage, error };
}
