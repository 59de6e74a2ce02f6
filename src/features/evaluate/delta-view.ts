// Loads two evaluations and builds their delta report (src/evaluate/delta.ts) with each side's
// manifest: the evaluation's settings and, when the model came from a run, the run manifest.
// Errors are values naming what prevents the comparison.
import { appDatabase } from '../../db/database';
import { runOfEvaluatedModel } from '../../db/evaluation-models';
import { compareEvaluations } from '../../evaluate/delta';
import type { DeltaReport } from '../../evaluate/delta';
import type { EvaluationRecord } from '../../evaluate/records';
import type { RunManifest } from '../../runs/types';
import { modelLabel } from './format';
import { loadEvaluationDetail } from './use-evaluations';

export type DeltaView = { ok: true; report: DeltaReport; before: EvaluationRecord; after: EvaluationRecord } | { ok: false; message: string };

/** What the report carries as a side's "run manifest". */
export function evaluationManifest(record: EvaluationRecord, run: RunManifest | null): Record<string, unknown> {
  const { id, model, model_label, model_config, evalset_id, evalset_sha256, judge, generation, backend, created_at, finished_at, items_done, tokens, elapsed_ms } = record;
  return { evaluation_id: id, model, model_label, model_config, evalset_id, evalset_sha256, judge, generation, backend, created_at, finished_at, items_done, tokens, elapsed_ms, run };
}

function sideLabels(before: EvaluationRecord, after: EvaluationRecord): [string, string] {
  const [a, b] = [modelLabel(before), modelLabel(after)];
  return a === b ? [`${a} (earlier)`, `${b} (later)`] : [a, b];
}

export async function loadDeltaView(beforeId: string, afterId: string): Promise<DeltaView> {
  const db = appDatabase();
  const [before, after] = await Promise.all([loadEvaluationDetail(beforeId), loadEvaluationDetail(afterId)]);
  if (!before || !after) return { ok: false, message: `Evaluation ${!before ? beforeId : afterId} does not exist (deleted?).` };
  for (const side of [before, after]) {
    if (side.record.status !== 'completed') return { ok: false, message: `${modelLabel(side.record)} is ${side.record.status}, not completed: only completed evaluations can be compared.` };
  }
  if (!before.items) return { ok: false, message: `The eval set ${before.record.evalset_id} was deleted or changed since ${modelLabel(before.record)} was evaluated.` };
  const [beforeRun, afterRun] = await Promise.all([runOfEvaluatedModel(db, before.record.model), runOfEvaluatedModel(db, after.record.model)]);
  const [beforeLabel, afterLabel] = sideLabels(before.record, after.record);
  const setId = (record: EvaluationRecord) => `${record.evalset_name ?? record.evalset_id}@sha256:${record.evalset_sha256.slice(0, 12)}`;
  const compared = compareEvaluations(
    before.items,
    { label: beforeLabel, eval_set_id: setId(before.record), judge: before.record.judge, results: before.results, manifest: evaluationManifest(before.record, beforeRun) },
    { label: afterLabel, eval_set_id: setId(after.record), judge: after.record.judge, results: after.results, manifest: evaluationManifest(after.record, afterRun) },
  );
  if (!compared.ok) return { ok: false, message: compared.errors.slice(0, 5).map((e) => `${e.path}: ${e.message}`).join('; ') };
  return { ok: true, report: compared.value, before: before.record, after: after.record };
}
