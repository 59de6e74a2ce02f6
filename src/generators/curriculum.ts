// The curriculum corpus for small in-browser models, designed from issue 7's evidence: a
// 0.8M-parameter character-level model learned the trace format of ten mixed families but
// could not yet copy operands from the prompt. So: seven families only; operands of 3-5
// letters or 1-2 digits; a first step that restates the operands (copying is practised on
// every trace); one local operation per later step; and the corpus ordered in three stages,
// copy (repeat, uppercase, reverse) -> single-digit arithmetic -> two-digit column addition and
// comparison. Family shares are exact (largest remainder); order is shuffled only within a
// stage. Must never emit a prompt reserved for evaluation (see problem.ts).
import type { ReasoningTrace } from '../traces/types';
import type { CategoryShare } from './composition';
import { allocateCounts, categoryPlan } from './composition';
import * as family from './families/curriculum-families';
import type { ProblemFamily } from './problem';
import { drawTrainingProblem, problemToTrace } from './problem';
import { Random } from './random';

export const CURRICULUM_VERSION = '1.0.0';

interface CurriculumFamily extends CategoryShare {
  stage: number;
  stageName: string;
  draw: ProblemFamily;
}

/** In training order: stage 1 before stage 2 before stage 3. */
export const CURRICULUM_FAMILIES: readonly CurriculumFamily[] = [
  { name: 'repeat', percent: 10, stage: 1, stageName: 'copy', draw: family.repeatWord },
  { name: 'uppercase', percent: 10, stage: 1, stageName: 'copy', draw: family.uppercaseWord },
  { name: 'reverse', percent: 15, stage: 1, stageName: 'copy', draw: family.reverseWord },
  { name: 'add_one_digit', percent: 15, stage: 2, stageName: 'single_digit', draw: family.addOneDigit },
  { name: 'subtract_one_digit', percent: 10, stage: 2, stageName: 'single_digit', draw: family.subtractOneDigit },
  { name: 'compare_two_digit', percent: 15, stage: 3, stageName: 'two_digit', draw: family.compareTwoDigit },
  { name: 'add_two_digit', percent: 25, stage: 3, stageName: 'two_digit', draw: family.addTwoDigit },
];

/** Shuffle each stage's run of the plan on its own, keeping stages in order. */
function shuffleWithinStages(plan: Uint8Array, random: Random): void {
  let start = 0;
  while (start < plan.length) {
    const stage = CURRICULUM_FAMILIES[plan[start] as number]?.stage;
    let end = start;
    while (end < plan.length && CURRICULUM_FAMILIES[plan[end] as number]?.stage === stage) end++;
    random.shuffleInPlace(plan.subarray(start, end));
    start = end;
  }
}

export function* generateCurriculum(count: number, seed: number): Generator<ReasoningTrace> {
  const random = new Random(seed);
  const plan = categoryPlan(allocateCounts(CURRICULUM_FAMILIES, count));
  shuffleWithinStages(plan, random);
  for (const [position, familyIndex] of plan.entries()) {
    const entry = CURRICULUM_FAMILIES[familyIndex] as CurriculumFamily;
    const problem = drawTrainingProblem(entry.draw, random);
    yield problemToTrace(problem, {
      source: 'curriculum',
      category: entry.stageName,
      stage: entry.stage,
      difficulty: problem.difficulty,
      template: entry.name,
      seed,
      // Position in the set: repeated small problems stay distinct records (see reasoning-corpus.ts).
      index: position,
    });
  }
}
