// Numbers the run screens derive from stored metrics: an exponentially smoothed curve (the
// smoothing control, as TensorBoard does it, debiased so the start is not pulled to zero), the
// recent step rate, the estimated time left, and short formats. Pure: no DOM, no storage.
import type { MetricRecord, RunManifest } from '../../runs/types';

/** Exponential moving average with weight `weight` in [0, 1): 0 returns the values unchanged. */
export function smooth(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return values.slice();
  let average = 0;
  return values.map((value, k) => {
    average = average * weight + (1 - weight) * value;
    return average / (1 - weight ** (k + 1));
  });
}

/** Milliseconds per step over the last `window` steps (from their timestamps); null with fewer than 2. */
export function msPerStep(metrics: readonly MetricRecord[], window = 20): number | null {
  if (metrics.length < 2) return null;
  const last = metrics[metrics.length - 1]!;
  const first = metrics[Math.max(0, metrics.length - 1 - window)]!;
  const steps = last.step - first.step;
  const ms = Date.parse(last.timestamp) - Date.parse(first.timestamp);
  return steps > 0 && ms >= 0 ? ms / steps : null;
}

/** Estimated milliseconds until max_steps at the recent rate (capped by what max_minutes leaves); null when unknown. */
export function etaMs(run: Pick<RunManifest, 'step' | 'train_config'>, metrics: readonly MetricRecord[]): number | null {
  const rate = msPerStep(metrics);
  if (rate === null) return null;
  return Math.max(0, run.train_config.max_steps - run.step) * rate;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

export function formatLoss(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : value.toFixed(4);
}
