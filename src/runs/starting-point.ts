// Where an evaluated model started, for comparing starts on one eval set: a base model itself (a
// shipped base, or a base run's untrained start, which has the base's weights), a fine-tune of a
// base, a run from scratch, a scratch run's random initialization, or a registered model. And the
// three-way comparison per base: the base alone, base + fine-tune, from scratch, each the best
// leaderboard row of its group. Pure: records and rows in, values out; never reads storage.
import type { EvaluationRecord } from '../evaluate/records';
import type { Interval } from '../evaluate/stats';
import type { RunManifest } from './types';

export type StartingPoint =
  | { kind: 'base'; base_id: string }
  | { kind: 'fine_tuned'; base_id: string }
  | { kind: 'scratch' }
  | { kind: 'random_init' }
  | { kind: 'registered' }
  /** The run behind the evaluation was deleted. */
  | { kind: 'unknown' };

export function startingPointOf(evaluation: Pick<EvaluationRecord, 'model'>, run: RunManifest | undefined): StartingPoint {
  const { model } = evaluation;
  if (model.kind === 'base') return { kind: 'base', base_id: model.model_id };
  if (model.kind === 'model') return { kind: 'registered' };
  if (!run) return { kind: 'unknown' };
  if (run.init.kind === 'base_model') return model.kind === 'untrained' ? { kind: 'base', base_id: run.init.model_id } : { kind: 'fine_tuned', base_id: run.init.model_id };
  return model.kind === 'untrained' ? { kind: 'random_init' } : { kind: 'scratch' };
}

/** "base-tiny-v1", "base-tiny-v1 + fine-tune", "from scratch", … */
export function startingPointLabel(start: StartingPoint): string {
  switch (start.kind) {
    case 'base':
      return `${start.base_id} (base)`;
    case 'fine_tuned':
      return `${start.base_id} + fine-tune`;
    case 'scratch':
      return 'from scratch';
    case 'random_init':
      return 'random init (untrained)';
    case 'registered':
      return 'registered model';
    case 'unknown':
      return 'unknown (run deleted)';
  }
}

/** The fields of a ranked row the comparison needs (a LeaderboardRow has them). */
export interface ComparableRow {
  evaluation_id: string;
  label: string;
  primary_score: number;
  ci95: Interval | null;
  n_scored: number;
  start: StartingPoint;
}

export interface StartComparison<Row extends ComparableRow> {
  base_id: string;
  /** The best evaluation of each start (rows come ranked, best first); null where there is none. */
  base: Row | null;
  fine_tuned: Row | null;
  scratch: Row | null;
}

/** One comparison per base that has an evaluation of itself or of a fine-tune, in order of first appearance. */
export function compareStarts<Row extends ComparableRow>(rankedRows: readonly Row[]): StartComparison<Row>[] {
  const scratch = rankedRows.find((row) => row.start.kind === 'scratch') ?? null;
  const byBase = new Map<string, StartComparison<Row>>();
  for (const row of rankedRows) {
    const { start } = row;
    if (start.kind !== 'base' && start.kind !== 'fine_tuned') continue;
    const entry = byBase.get(start.base_id) ?? { base_id: start.base_id, base: null, fine_tuned: null, scratch };
    if (start.kind === 'base') entry.base ??= row;
    else entry.fine_tuned ??= row;
    byBase.set(start.base_id, entry);
  }
  return [...byBase.values()];
}
