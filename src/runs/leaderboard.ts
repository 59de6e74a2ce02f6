// The leaderboard of one eval set: completed evaluations ranked by primary score (ties: the
// earlier evaluation first), each with its judge, dataset, starting point (starting-point.ts) and
// a one-line config summary, filtered by dataset and date (a shipped base, trained on no dataset,
// stays under every dataset filter as the common reference). Pure: records in, rows out; never
// reads storage.
import type { EvaluationRecord } from '../evaluate/records';
import type { Interval } from '../evaluate/stats';
import { startingPointOf, type StartingPoint } from './starting-point';
import type { RunManifest } from './types';

export interface LeaderboardFilters {
  evalset_id: string;
  /** Only evaluations of runs trained on this dataset key. */
  dataset_key?: string;
  /** ISO dates (inclusive) bounding the evaluation's created_at. */
  from?: string;
  to?: string;
  /** Only evaluations with this judge (scores of different judges do not compare). */
  judge?: EvaluationRecord['judge'];
}

export interface LeaderboardRow {
  rank: number;
  evaluation_id: string;
  label: string;
  run_id: string | null;
  dataset_key: string | null;
  judge: EvaluationRecord['judge'];
  primary_score: number;
  ci95: Interval | null;
  n_scored: number;
  config_summary: string;
  created_at: string;
  baseline: boolean;
  start: StartingPoint;
}

function runIdOf(evaluation: EvaluationRecord): string | null {
  return evaluation.model.kind === 'model' || evaluation.model.kind === 'base' ? null : evaluation.model.run_id;
}

/** "small · lr 3e-4 · batch 16 · 400 steps · wasm" */
export function configSummary(run: RunManifest): string {
  const { train_config: train } = run;
  return [run.model_preset, `lr ${train.learning_rate.toExponential(0)}`, `batch ${train.batch_size}`, `${train.max_steps} steps`, run.backend_actual ?? run.backend_requested].join(' · ');
}

function label(evaluation: EvaluationRecord, run: RunManifest | undefined): string {
  const { model } = evaluation;
  if (evaluation.model_label) return evaluation.model_label;
  if (model.kind === 'model') return `model ${model.model_id}`;
  if (model.kind === 'base') return `${model.model_id} (shipped base)`;
  const name = run?.name ?? model.run_id;
  return model.kind === 'untrained' ? `${name} (untrained)` : `${name} @ step ${model.step}`;
}

export function leaderboard(evaluations: readonly EvaluationRecord[], runs: ReadonlyMap<string, RunManifest>, filters: LeaderboardFilters): LeaderboardRow[] {
  const rows = evaluations
    .filter((e) => e.evalset_id === filters.evalset_id && e.status === 'completed' && e.scorecard?.primary_score !== null && e.scorecard !== null)
    .filter((e) => filters.judge === undefined || e.judge === filters.judge)
    .filter((e) => (filters.from === undefined || e.created_at >= filters.from) && (filters.to === undefined || e.created_at.slice(0, filters.to.length) <= filters.to))
    .map((e) => {
      const runId = runIdOf(e);
      const run = runId === null ? undefined : runs.get(runId);
      return { e, run };
    })
    .filter(({ e, run }) => filters.dataset_key === undefined || e.model.kind === 'base' || run?.dataset_key === filters.dataset_key)
    .map(({ e, run }) => ({
      evaluation_id: e.id,
      label: label(e, run),
      run_id: runIdOf(e),
      dataset_key: run?.dataset_key ?? null,
      judge: e.judge,
      primary_score: e.scorecard!.primary_score as number,
      ci95: e.scorecard!.ci95,
      n_scored: e.scorecard!.n_scored,
      config_summary: run ? configSummary(run) : '',
      created_at: e.created_at,
      baseline: e.baseline === true,
      start: startingPointOf(e, run),
    }));
  rows.sort((a, b) => b.primary_score - a.primary_score || (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  return rows.map((row, k) => ({ rank: k + 1, ...row }));
}
