// Judges: named, selectable ways to score one generation against one eval item, and the registry
// that evaluations and results cite by name.
// Must never run a model, read storage or aggregate results (scorecard.ts does that). A judge is
// a pure function of (generation, expected answer).
//
// - exact: the reference system's answer_correctness, the whole generation trimmed and lowercased
//   against the expected answer trimmed and lowercased. Kept to show what strict equality misses.
// - normalized (default): extraction (extract.ts) then normalization and comparison
//   (normalize.ts), numeric with the unit rule when the expected answer is numeric.
// - numeric: extraction with the last-number fallback, then numeric comparison only (units and
//   currency ignored); an extracted answer that is not a number is read by its last number
//   ("Answer: There are 7 apples." gives 7, which the stricter normalized judge marks wrong). Items whose expected answer is not numeric are skipped: `correct: null`,
//   `score: 0`, and the scorecard counts them in n_skipped, not in the mean.
// - baseline_heuristic: the reference system's trace quality score, for comparison only. It looks
//   at the `Reasoning:` steps, never at the answer: `correct` is always null and `score` is
//   (min(steps/10, 1)·50 + min(mean step chars/500, 1)·50) / 100. Step length is counted in UTF-16
//   code units, as StoredTrace.total_chars is.

import { baselineScore } from '../traces/score';
import { extractAnswer, findLastNumber, modelTurnText, parseTraceGeneration } from './extract';
import type { ExtractionRule } from './extract';
import { answersMatch, isNumericAnswer, numbersClose, parseNumericAnswer } from './normalize';

export type JudgeName = 'exact' | 'normalized' | 'numeric' | 'baseline_heuristic';

/** `correctness` judges say right or wrong (score 0 or 1); `score` judges give a grade in [0, 1]. */
export type JudgeKind = 'correctness' | 'score';

/** The part of an eval item a judge reads. */
export interface JudgedItem {
  expected_answer: string;
}

/** `none`: the judge read the whole generation rather than an extracted answer. */
export type JudgementExtractionRule = ExtractionRule | 'none';

export interface Judgement {
  /** true/false for correctness judges; null when skipped or for score judges. */
  correct: boolean | null;
  /** In [0, 1]: 1 or 0 for correctness judges (0 when skipped), the grade for score judges. */
  score: number;
  extracted_answer: string;
  extraction_rule: JudgementExtractionRule;
}

export interface Judge {
  name: JudgeName;
  kind: JudgeKind;
  /** One sentence for the UI and reports. */
  description: string;
  judge(generation: string, item: JudgedItem): Judgement;
}

export const DEFAULT_JUDGE: JudgeName = 'normalized';

function correctness(correct: boolean, extracted: string, rule: JudgementExtractionRule): Judgement {
  return { correct, score: correct ? 1 : 0, extracted_answer: extracted, extraction_rule: rule };
}

function judgeExact(generation: string, item: JudgedItem): Judgement {
  const whole = generation.trim();
  return correctness(whole.toLowerCase() === item.expected_answer.trim().toLowerCase(), whole, 'none');
}

function judgeNormalized(generation: string, item: JudgedItem): Judgement {
  const extracted = extractAnswer(generation, { expectedIsNumeric: isNumericAnswer(item.expected_answer) });
  return correctness(answersMatch(extracted.answer, item.expected_answer), extracted.answer, extracted.rule);
}

function judgeNumeric(generation: string, item: JudgedItem): Judgement {
  const extracted = extractAnswer(generation, { expectedIsNumeric: true });
  const expected = parseNumericAnswer(item.expected_answer);
  if (expected === null) {
    return { correct: null, score: 0, extracted_answer: extracted.answer, extraction_rule: extracted.rule };
  }
  const predicted = parseNumericAnswer(extracted.answer) ?? parseNumericAnswer(findLastNumber(extracted.answer) ?? '');
  const correct = predicted !== null && numbersClose(predicted.value, expected.value);
  return correctness(correct, extracted.answer, extracted.rule);
}

/** The reference system's quality heuristic over a list of step texts, scaled to [0, 1]. */
export function baselineHeuristicScore(steps: readonly string[]): number {
  return baselineScore({ steps: steps.map((content, i) => ({ i, type: 'step', content })) }) / 100;
}

function judgeBaselineHeuristic(generation: string): Judgement {
  const parsed = parseTraceGeneration(generation);
  return {
    correct: null,
    score: baselineHeuristicScore(parsed.steps),
    extracted_answer: parsed.answer ?? modelTurnText(generation).trim(),
    extraction_rule: parsed.answer === null ? 'none' : 'answer_line',
  };
}

export const JUDGES: Readonly<Record<JudgeName, Judge>> = {
  exact: {
    name: 'exact',
    kind: 'correctness',
    description: 'Whole generation equals the expected answer after trim and lowercase (the reference system).',
    judge: judgeExact,
  },
  normalized: {
    name: 'normalized',
    kind: 'correctness',
    description: 'Extracted answer equals the expected answer after normalization; numbers compared numerically.',
    judge: judgeNormalized,
  },
  numeric: {
    name: 'numeric',
    kind: 'correctness',
    description: 'Extracted number equals the expected number; items with non-numeric answers are skipped.',
    judge: judgeNumeric,
  },
  baseline_heuristic: {
    name: 'baseline_heuristic',
    kind: 'score',
    description: 'Reference trace quality heuristic from step count and step length; ignores the answer.',
    judge: judgeBaselineHeuristic,
  },
};

export const JUDGE_NAMES: readonly JudgeName[] = ['normalized', 'exact', 'numeric', 'baseline_heuristic'];

export function isJudgeName(name: string): name is JudgeName {
  return (JUDGE_NAMES as readonly string[]).includes(name);
}

/** Judges one generation against one item with the named judge. */
export function judge(name: JudgeName, generation: string, item: JudgedItem): Judgement {
  return JUDGES[name].judge(generation, item);
}
