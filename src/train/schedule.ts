// The learning-rate schedule: linear warmup, then cosine decay to a floor. A pure function of the
// step, so a resumed run gets exactly the rates of an uninterrupted one. Never holds state.
import type { TrainConfig } from './config';

export type ScheduleConfig = Pick<TrainConfig, 'learning_rate' | 'warmup_steps' | 'max_steps' | 'min_lr_ratio'>;

/**
 * The rate of optimizer step `step` (0-based): learning_rate · (step + 1) / warmup_steps during
 * the warmup, then a cosine from learning_rate down to learning_rate · min_lr_ratio at max_steps,
 * and that floor afterwards.
 */
export function learningRate(step: number, config: ScheduleConfig): number {
  const { learning_rate: peak, warmup_steps: warmup, max_steps: total, min_lr_ratio: ratio } = config;
  if (step < warmup) return (peak * (step + 1)) / warmup;
  const floor = peak * ratio;
  if (step >= total) return floor;
  const progress = (step - warmup) / Math.max(1, total - warmup);
  return floor + 0.5 * (peak - floor) * (1 + Math.cos(Math.PI * progress));
}
