// Datasets view-model hooks: the stored list and one manifest, refreshed whenever any context
// changes the datasets (or, for missing-id counts, the traces) table.
import { useEffect, useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { findMissingTraceIds, getDataset, listDatasets, type DatasetListItem } from '../../db/datasets-repository';
import type { DatasetManifest } from '../../datasets/types';

export function useDatasetList(): DatasetListItem[] | null {
  const [items, setItems] = useState<DatasetListItem[] | null>(null);
  useEffect(() => {
    const load = () => void listDatasets(appDatabase()).then(setItems);
    load();
    return onDatabaseChange((table) => table === 'datasets' && load());
  }, []);
  return items;
}

/** The manifest under `key` (undefined while loading, null when there is none) and its missing ids. */
export function useDataset(key: string): { manifest: DatasetManifest | null | undefined; missingIds: string[] | null } {
  const [manifest, setManifest] = useState<DatasetManifest | null | undefined>(undefined);
  const [missingIds, setMissingIds] = useState<string[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    const load = async () => {
      const found = (await getDataset(appDatabase(), key)) ?? null;
      if (cancelled) return;
      setManifest(found);
      setMissingIds(found ? await findMissingTraceIds(appDatabase(), found.trace_ids) : null);
    };
    void load();
    const stop = onDatabaseChange((table) => (table === 'datasets' || table === 'traces') && void load());
    return () => {
      cancelled = true;
      stop();
    };
  }, [key]);
  return { manifest, missingIds };
}
