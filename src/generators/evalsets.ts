// The bundled eval sets, built from the same problem families as the training corpora (same
// prompt wording, steps and answer format) so a model trained on them is tested fairly, but
// only from prompts on the evaluation side of the held-out split (problem.ts), so no eval
// prompt can occur in any generated training corpus. Ground truth is the family's computed
// answer. No expected answer may cover more than 5% of a set (capped lower still: at most one
// item per answer in eval_v1, three in eval_v2). Must never draw from Math.random or read
// files: the plans and seeds below fully determine both sets.
import type { EvalItem } from '../evaluate/evalset';
import * as curriculum from './families/curriculum-families';
import * as edge from './families/edge-families';
import * as measure from './families/measure-families';
import * as text from './families/text-families';
import * as word from './families/word-problems';
import type { Problem, ProblemFamily } from './problem';
import { drawEvalProblem, normalizeWhitespace } from './problem';
import { Random } from './random';
import { duelOutcomeFamily } from './ungar';

export type EvalSetName = 'eval_v1' | 'eval_v2';

export interface EvalPlanEntry {
  section?: string;
  /** Category the items are scored under; defaults to the family's template name. */
  category?: string;
  family: ProblemFamily;
  count: number;
}

export interface EvalSetSpec {
  name: EvalSetName;
  seed: number;
  /** Most items that may share one (normalized) expected answer. */
  maxItemsPerAnswer: number;
  description: string;
  plan: readonly EvalPlanEntry[];
}

/** Two-digit column addition where the ones column carries: needs every step to be right. */
const addTwoDigitWithCarry: ProblemFamily = (random) => {
  const a = random.between(10, 99);
  const onesA = a % 10;
  const onesB = random.between(Math.max(0, 10 - onesA), 9);
  const b = random.between(1, 9) * 10 + onesB;
  return curriculum.addTwoDigitProblem(a, b);
};

export const EVAL_V1: EvalSetSpec = {
  name: 'eval_v1',
  seed: 1_000_001,
  maxItemsPerAnswer: 1,
  description: '25 items across arithmetic, percentages, geometry, units, string manipulation, logic, word count and knowledge-free reasoning.',
  plan: [
    { category: 'arithmetic', family: measure.basicArithmetic, count: 2 },
    { category: 'arithmetic', family: measure.threeStepExpression, count: 1 },
    { category: 'arithmetic', family: measure.itemsLeft, count: 1 },
    { category: 'percentages', family: word.percentageOf, count: 1 },
    { category: 'percentages', family: word.discountPrice, count: 1 },
    { category: 'percentages', family: word.percentIncrease, count: 1 },
    { category: 'geometry', family: measure.rectangleArea, count: 1 },
    { category: 'geometry', family: measure.rectanglePerimeter, count: 1 },
    { category: 'geometry', family: measure.triangleArea, count: 1 },
    { category: 'units', family: measure.hoursToSeconds, count: 1 },
    { category: 'units', family: measure.lapsToKilometres, count: 1 },
    { category: 'units', family: measure.gramsToKilograms, count: 1 },
    { category: 'string_manipulation', family: text.reverseString, count: 1 },
    { category: 'string_manipulation', family: text.sortLetters, count: 1 },
    { category: 'string_manipulation', family: text.sortWords, count: 1 },
    { category: 'string_manipulation', family: text.uppercaseText, count: 1 },
    { category: 'logic', family: measure.orderingLogic, count: 3 },
    { category: 'word_count', family: text.countWords, count: 2 },
    { category: 'knowledge_free_reasoning', family: word.travelTimeTwoLegs, count: 1 },
    { category: 'knowledge_free_reasoning', family: word.averageSpeed, count: 1 },
    { category: 'knowledge_free_reasoning', family: word.shoppingChange, count: 1 },
  ],
};

export const EVAL_V2: EvalSetSpec = {
  name: 'eval_v2',
  seed: 1_000_002,
  maxItemsPerAnswer: 3,
  description:
    '100 items: core (60) from the curriculum families and the High Card Duel outcome, trace_sensitive (25) that ' +
    'need several correct steps, edge_case (15) from the reasoning corpus edge families.',
  plan: [
    { section: 'core', family: curriculum.repeatWord, count: 8 },
    { section: 'core', family: curriculum.uppercaseWord, count: 8 },
    { section: 'core', family: curriculum.reverseWord, count: 8 },
    { section: 'core', family: curriculum.addOneDigit, count: 4 },
    { section: 'core', family: curriculum.subtractOneDigit, count: 2 },
    { section: 'core', family: curriculum.compareTwoDigit, count: 10 },
    { section: 'core', family: curriculum.addTwoDigit, count: 14 },
    { section: 'core', family: duelOutcomeFamily, count: 6 },
    { section: 'trace_sensitive', family: addTwoDigitWithCarry, count: 8 },
    { section: 'trace_sensitive', family: measure.threeStepExpression, count: 4 },
    { section: 'trace_sensitive', family: measure.orderingLogic, count: 4 },
    { section: 'trace_sensitive', family: measure.itemsLeft, count: 3 },
    { section: 'trace_sensitive', family: word.shoppingChange, count: 3 },
    { section: 'trace_sensitive', family: word.travelTimeTwoLegs, count: 3 },
    { section: 'edge_case', family: edge.surroundingWhitespace, count: 3 },
    { section: 'edge_case', family: edge.minimalOneStep, count: 3 },
    { section: 'edge_case', family: edge.specialCharacters, count: 3 },
    { section: 'edge_case', family: edge.unicodeText, count: 3 },
    { section: 'edge_case', family: edge.longPrompt, count: 3 },
  ],
};

export const EVAL_SETS: readonly EvalSetSpec[] = [EVAL_V1, EVAL_V2];

/** The key answers are counted under: case, spaces, `$` and thousands commas do not matter. */
export function answerKey(answer: string): string {
  return normalizeWhitespace(answer).toLowerCase().replace(/[$,]/g, '');
}

const MAX_ATTEMPTS_PER_ITEM = 5_000;

function drawAcceptable(
  entry: EvalPlanEntry,
  random: Random,
  seenPrompts: Set<string>,
  answerCounts: Map<string, number>,
  maxItemsPerAnswer: number,
): Problem {
  for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_ITEM; attempt++) {
    const problem = drawEvalProblem(entry.family, random);
    const promptKey = normalizeWhitespace(problem.prompt);
    const answerCount = answerCounts.get(answerKey(problem.answer)) ?? 0;
    if (!seenPrompts.has(promptKey) && answerCount < maxItemsPerAnswer) return problem;
  }
  throw new Error(`eval plan cannot be filled: not enough distinct reserved prompts for ${entry.category ?? entry.section}`);
}

/** The items of one set, in plan order, ids `<set>-<section>-<nnn>` (or `<set>-<nnn>`). */
export function buildEvalSet(spec: EvalSetSpec): EvalItem[] {
  const random = new Random(spec.seed);
  const seenPrompts = new Set<string>();
  const answerCounts = new Map<string, number>();
  const items: EvalItem[] = [];
  const numberInSection = new Map<string, number>();
  for (const entry of spec.plan) {
    for (let k = 0; k < entry.count; k++) {
      const problem = drawAcceptable(entry, random, seenPrompts, answerCounts, spec.maxItemsPerAnswer);
      seenPrompts.add(normalizeWhitespace(problem.prompt));
      const key = answerKey(problem.answer);
      answerCounts.set(key, (answerCounts.get(key) ?? 0) + 1);
      const sectionKey = entry.section ?? '';
      const number = (numberInSection.get(sectionKey) ?? 0) + 1;
      numberInSection.set(sectionKey, number);
      const item: EvalItem = {
        id: `${spec.name}-${entry.section ? `${entry.section}-` : ''}${String(number).padStart(3, '0')}`,
        prompt: problem.prompt,
        expected_answer: problem.answer,
        category: entry.category ?? problem.template,
        difficulty: problem.difficulty,
      };
      if (entry.section) item.section = entry.section;
      items.push(item);
    }
  }
  return items;
}
