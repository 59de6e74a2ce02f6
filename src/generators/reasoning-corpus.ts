// The reasoning corpus, in the spirit of the reference system's dev-reasoning-v2 (550 traces,
// seed 42): 70% multi-step reasoning, 20% synthetic, 6.4% golden-style, 3.6% edge cases. The
// shares are exact: with 550 traces the counts are 385 / 110 / 35 / 20, the reference's own
// split, and for any size each count is within one trace of its share (largest remainder).
// Categories are interleaved by a seeded shuffle; templates are drawn uniformly within their
// category. meta.index (position in the set) keeps repeated problems distinct records. Must
// never emit a prompt reserved for evaluation (see problem.ts).
import type { ReasoningTrace } from '../traces/types';
import type { CategoryShare } from './composition';
import { allocateCounts, categoryPlan } from './composition';
import * as edge from './families/edge-families';
import * as measure from './families/measure-families';
import * as text from './families/text-families';
import * as word from './families/word-problems';
import type { ProblemFamily } from './problem';
import { drawTrainingProblem, problemToTrace } from './problem';
import { Random } from './random';

export const REASONING_CORPUS_VERSION = '1.0.0';

export const REASONING_CORPUS_SHARES: readonly CategoryShare[] = [
  { name: 'reasoning', percent: 70 },
  { name: 'synthetic', percent: 20 },
  { name: 'golden', percent: 6.4 },
  { name: 'edge_case', percent: 3.6 },
];

/** The families of each category, in the order of REASONING_CORPUS_SHARES. */
export const REASONING_CORPUS_FAMILIES: readonly (readonly ProblemFamily[])[] = [
  [
    word.distanceFromSpeed, word.travelTimeTwoLegs, word.averageSpeed,
    word.percentageOf, word.discountPrice, word.percentIncrease,
    word.shoppingChange, word.unitPrice,
    measure.hoursToSeconds, measure.lapsToKilometres, measure.gramsToKilograms,
    measure.rectangleArea, measure.rectanglePerimeter, measure.triangleArea,
    measure.squareAreaFromPerimeter, measure.itemsLeft, measure.threeStepExpression,
  ],
  [measure.basicArithmetic, text.reverseString, text.sortLetters, text.sortWords, measure.orderingLogic],
  [text.repeatText, text.countWords, text.uppercaseText],
  [edge.minimalOneStep, edge.longPrompt, edge.specialCharacters, edge.unicodeText, edge.surroundingWhitespace],
];

export function* generateReasoningCorpus(count: number, seed: number): Generator<ReasoningTrace> {
  const random = new Random(seed);
  const plan = categoryPlan(allocateCounts(REASONING_CORPUS_SHARES, count));
  random.shuffleInPlace(plan);
  for (const [index, category] of plan.entries()) {
    const families = REASONING_CORPUS_FAMILIES[category] as readonly ProblemFamily[];
    const problem = drawTrainingProblem(random.pick(families), random);
    yield problemToTrace(problem, {
      source: 'reasoning_corpus',
      category: REASONING_CORPUS_SHARES[category]?.name,
      difficulty: problem.difficulty,
      template: problem.template,
      seed,
      // Small template spaces repeat problems; the position keeps every trace of a set distinct,
      // so a set of N stores N traces and generating it again stores nothing new.
      index,
    });
  }
}
