// Formatting of scores, intervals and evaluation facts for the Evaluate screens.
import type { Interval } from '../../evaluate/stats';
import type { ScoreSummary } from '../../evaluate/scorecard';
import type { EvaluationRecord } from '../../evaluate/records';

export const percent = (value: number | null | undefined, digits = 1): string => (value === null || value === undefined ? '—' : `${(value * 100).toFixed(digits)}%`);

export const interval = (ci: Interval | null | undefined): string => (ci ? `${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}%` : '—');

/** "42.0% (95% CI 32.1–52.6%)". */
export function scoreWithInterval(summary: Pick<ScoreSummary, 'primary_score' | 'ci95'>): string {
  return summary.primary_score === null ? '—' : `${percent(summary.primary_score)} (95% CI ${interval(summary.ci95)})`;
}

/** Signed points: "+12.0 pts". */
export const points = (delta: number | null): string => (delta === null ? '—' : `${delta >= 0 ? '+' : '−'}${Math.abs(delta * 100).toFixed(1)} pts`);

export function seconds(ms: number | undefined): string {
  return ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`;
}

export function generationSummary(record: EvaluationRecord): string {
  const { max_new_tokens, temperature, top_k, seed } = record.generation;
  const decoding = temperature > 0 ? `sampling T=${temperature}${top_k > 0 ? `, top-k ${top_k}` : ''}, seed ${seed}` : 'greedy';
  return `${decoding}, at most ${max_new_tokens} new tokens`;
}

export const STATUS_TEXT: Record<EvaluationRecord['status'], string> = {
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export function modelLabel(record: EvaluationRecord): string {
  const { model } = record;
  return record.model_label ?? (model.kind === 'model' || model.kind === 'base' ? `${model.kind === 'base' ? 'base' : 'model'} ${model.model_id}` : `run ${model.run_id}`);
}
