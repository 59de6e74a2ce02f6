// Evaluate view-model hooks: the evaluations list, one evaluation with its results paired to its
// eval set's items, the evaluable models, and the eval sets to choose from (bundled and
// imported). Lists refresh whenever any context writes the evaluations table.
import { useEffect, useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { getEvalSet } from '../../db/evalsets-repository';
import { listEvaluableModels, type EvaluableModel } from '../../db/evaluation-models';
import { loadShippedIndexOnce, shippedEntries } from '../../app/shipped-models';
import { endStaleEvaluations, getEvalResults, getEvaluation, listEvaluations } from '../../db/evaluations-repository';
import type { EvalItem } from '../../evaluate/evalset';
import type { EvalResultRecord, EvaluationRecord } from '../../evaluate/records';
import { bundledEvalSets } from '../evalsets/bundled-evalsets';
import { useImportedEvalSets } from '../evalsets/use-evalsets';
import type { EvalSetChoice } from './eval-client';
import { runningEvaluationId } from './eval-queue';

/** Reloads `load` now and on every change of the evaluations table. */
function useEvaluationsTable<T>(load: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const refresh = () => void load().then((next) => live && setValue(next));
    refresh();
    const stop = onDatabaseChange((table) => table === 'evaluations' && refresh());
    return () => {
      live = false;
      stop();
    };
  }, deps);
  return value;
}

export function useEvaluations(): EvaluationRecord[] | undefined {
  useEffect(() => void endStaleEvaluations(appDatabase(), Date.now(), runningEvaluationId()), []);
  return useEvaluationsTable(() => listEvaluations(appDatabase()), []);
}

/** A bundled set by name or an imported set by id, with its items; null when there is none. */
export async function resolveEvalSet(id: string): Promise<EvalSetChoice | null> {
  const bundled = bundledEvalSets().find((set) => set.name === id);
  if (bundled) return { id: bundled.name, name: bundled.name, sha256: bundled.sha256, items: bundled.items };
  const stored = await getEvalSet(appDatabase(), id);
  return stored ? { id: stored.id, name: stored.name, sha256: stored.sha256, items: stored.items } : null;
}

export interface EvaluationDetail {
  record: EvaluationRecord;
  results: EvalResultRecord[];
  /** The eval set's items when it still exists unchanged (same sha-256), else null. */
  items: EvalItem[] | null;
}

export async function loadEvaluationDetail(id: string): Promise<EvaluationDetail | null> {
  const db = appDatabase();
  const record = await getEvaluation(db, id);
  if (!record) return null;
  const [results, set] = await Promise.all([getEvalResults(db, id), resolveEvalSet(record.evalset_id)]);
  return { record, results, items: set && set.sha256 === record.evalset_sha256 ? set.items : null };
}

/** undefined while loading, null when there is no such evaluation. */
export function useEvaluationDetail(id: string): EvaluationDetail | null | undefined {
  return useEvaluationsTable(() => loadEvaluationDetail(id), [id]);
}

export function useEvaluableModels(): EvaluableModel[] | null {
  const [models, setModels] = useState<EvaluableModel[] | null>(null);
  useEffect(() => void loadShippedIndexOnce().then(() => listEvaluableModels(appDatabase(), shippedEntries()).then(setModels)), []);
  return models;
}

export interface EvalSetOption {
  id: string;
  label: string;
}

/** Bundled sets first, then the user's imported sets. */
export function useEvalSetOptions(): EvalSetOption[] {
  const imported = useImportedEvalSets() ?? [];
  return [
    ...bundledEvalSets().map((set) => ({ id: set.name, label: `${set.name} (bundled, ${set.items.length} items)` })),
    ...imported.map((set) => ({ id: set.id, label: `${set.name} (imported, ${set.item_count} items)` })),
  ];
}
