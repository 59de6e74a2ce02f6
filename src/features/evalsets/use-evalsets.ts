// Eval sets view-model hooks: the imported list and one set (bundled or imported), refreshed
// whenever any context changes the evalsets table.
import { useEffect, useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { getEvalSet, listEvalSets, type EvalSetListItem } from '../../db/evalsets-repository';
import type { EvalItem } from '../../evaluate/evalset';
import { bundledEvalSets } from './bundled-evalsets';

/** One eval set as the detail screen shows it, wherever it comes from. */
export interface EvalSetView {
  id: string;
  name: string;
  bundled: boolean;
  items: EvalItem[];
  sha256: string;
  provenance: string[];
  created_at?: string;
}

export function useImportedEvalSets(): EvalSetListItem[] | null {
  const [sets, setSets] = useState<EvalSetListItem[] | null>(null);
  useEffect(() => {
    const load = () => void listEvalSets(appDatabase()).then(setSets);
    load();
    return onDatabaseChange((table) => table === 'evalsets' && load());
  }, []);
  return sets;
}

/** The set with `id`: a bundled folder name or an imported set's id (undefined while loading, null when none). */
export function useEvalSet(id: string): EvalSetView | null | undefined {
  const [view, setView] = useState<EvalSetView | null | undefined>(undefined);
  useEffect(() => {
    const bundled = bundledEvalSets().find((set) => set.name === id);
    if (bundled) {
      setView({ id, name: bundled.name, bundled: true, items: bundled.items, sha256: bundled.sha256, provenance: bundled.provenance });
      return;
    }
    let cancelled = false;
    const load = async () => {
      const stored = await getEvalSet(appDatabase(), id);
      if (cancelled) return;
      setView(stored ? { ...stored, bundled: false, provenance: [`Imported by you on ${stored.created_at}.`] } : null);
    };
    void load();
    const stop = onDatabaseChange((table) => table === 'evalsets' && void load());
    return () => {
      cancelled = true;
      stop();
    };
  }, [id]);
  return view;
}
