// The reference system's (tunix-rt) structural trace-quality heuristic, kept as is so scores
// compare across the two systems: up to 50 points for the step count (10 or more steps earn all
// 50) and up to 50 for the average step length (500 or more characters earn all 50).
// Must never judge correctness: it looks only at the shape of the trace.
import type { ReasoningTrace } from './types';

/** Steps at which the step-count half of the score is full. */
export const FULL_SCORE_STEPS = 10;
/** Average step content length (UTF-16 code units) at which the length half is full. */
export const FULL_SCORE_AVERAGE_STEP_CHARS = 500;

/** `min(steps/10, 1) × 50 + min(avg step content chars / 500, 1) × 50`, in [0, 100], unrounded. */
export function baselineScore(trace: Pick<ReasoningTrace, 'steps'>): number {
  const stepCount = trace.steps.length;
  if (stepCount === 0) return 0;
  let contentChars = 0;
  for (const step of trace.steps) contentChars += step.content.length;
  const averageStepChars = contentChars / stepCount;
  const stepScore = Math.min(stepCount / FULL_SCORE_STEPS, 1) * 50;
  const lengthScore = Math.min(averageStepChars / FULL_SCORE_AVERAGE_STEP_CHARS, 1) * 50;
  return stepScore + lengthScore;
}
