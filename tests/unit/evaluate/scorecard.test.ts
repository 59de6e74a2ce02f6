import { describe, expect, it } from 'vitest';
import {
  NO_SECTION,
  buildScorecard,
  resultFromGeneration,
  summarizeResults,
} from '../../../src/evaluate/scorecard';
import type { EvalItemLike, EvalItemResult } from '../../../src/evaluate/scorecard';
import type { JudgeName } from '../../../src/evaluate/judges';
import { wilsonInterval } from '../../../src/evaluate/stats';

const ITEMS: EvalItemLike[] = [
  { id: 'a1', prompt: 'What is 2 + 3?', expected_answer: '5', category: 'arithmetic', difficulty: 'easy', section: 'math' },
  { id: 'a2', prompt: 'What is 7 - 9?', expected_answer: '-2', category: 'arithmetic', difficulty: 'easy', section: 'math' },
  { id: 'a3', prompt: 'Half of 1?', expected_answer: '0.5', category: 'fractions', difficulty: 'hard', section: 'math' },
  { id: 's1', prompt: 'Reverse "abc".', expected_answer: 'cba', category: 'reverse', difficulty: 'easy', section: 'strings' },
  { id: 's2', prompt: 'Uppercase "hi".', expected_answer: 'HI', category: 'uppercase', difficulty: 'hard' },
];

const GENERATIONS: Record<string, string> = {
  a1: 'Reasoning:\n1. 2 + 3 = 5\nAnswer: 5',
  a2: 'Reasoning:\n1. 7 - 9 = -2\nAnswer: 2',
  a3: 'Reasoning:\n1. 1 / 2\nAnswer: 1/2',
  s1: 'the reverse is cba',
  s2: 'Reasoning:\n1. upper\nAnswer: HI',
};

/** The score fields of a group in which nothing was scored. */
const NO_SCORES = { primary_score: null, stddev: null, min: null, max: null, ci95: null };

function resultsFor(judgeName: JudgeName, items: readonly EvalItemLike[] = ITEMS): EvalItemResult[] {
  return items.map((item, index) =>
    resultFromGeneration(item, GENERATIONS[item.id] ?? '', judgeName, { latency_ms: 10 * index, tokens: index }),
  );
}

function scorecardOrThrow(judgeName: JudgeName) {
  const built = buildScorecard(ITEMS, resultsFor(judgeName), judgeName);
  if (!built.ok) throw new Error(JSON.stringify(built.errors));
  return built.value;
}

describe('resultFromGeneration', () => {
  it('packs the judgement and the measurements into the stored record', () => {
    const item = ITEMS[2] as EvalItemLike;
    expect(resultFromGeneration(item, GENERATIONS.a3 ?? '', 'normalized', { latency_ms: 12.5, tokens: 9 })).toEqual({
      item_id: 'a3',
      prediction: GENERATIONS.a3,
      extracted_answer: '1/2',
      extraction_rule: 'answer_line',
      expected_answer: '0.5',
      correct: true,
      score: 1,
      latency_ms: 12.5,
      tokens: 9,
    });
  });
});

describe('buildScorecard', () => {
  it('scores the normalized judge overall with a Wilson interval and format compliance', () => {
    const card = scorecardOrThrow('normalized');
    // a1, a3, s2 right; a2 wrong (sign); s1 "the reverse is cba" → last line, wrong.
    expect(card).toMatchObject({ judge: 'normalized', judge_kind: 'correctness', n_items: 5, n_scored: 5, n_skipped: 0, n_correct: 3 });
    expect(card.primary_score).toBeCloseTo(3 / 5, 12);
    expect(card.stddev).toBeCloseTo(Math.sqrt((3 * 0.4 ** 2 + 2 * 0.6 ** 2) / 4), 12);
    expect([card.min, card.max]).toEqual([0, 1]);
    expect(card.ci95).toEqual(wilsonInterval(3, 5));
    expect(card.format_compliance).toBeCloseTo(4 / 5, 12);
  });

  it('breaks down by section (missing → "(none)"), category and difficulty, keys sorted', () => {
    const card = scorecardOrThrow('normalized');
    expect(Object.keys(card.by_section)).toEqual([NO_SECTION, 'math', 'strings']);
    expect(card.by_section.math).toMatchObject({ n_items: 3, n_correct: 2 });
    expect(card.by_section[NO_SECTION]).toMatchObject({ n_items: 1, n_correct: 1, primary_score: 1 });
    expect(Object.keys(card.by_category)).toEqual(['arithmetic', 'fractions', 'reverse', 'uppercase']);
    expect(card.by_category.arithmetic).toMatchObject({ n_items: 2, n_correct: 1, primary_score: 0.5 });
    expect(card.by_category.reverse).toMatchObject({ n_correct: 0, primary_score: 0, format_compliance: 0 });
    expect(card.by_difficulty.easy).toMatchObject({ n_items: 3, n_correct: 1 });
    expect(card.by_difficulty.hard?.ci95).toEqual(wilsonInterval(2, 2));
  });

  it('counts numeric-judge skips outside the mean and gives null scores to all-skipped groups', () => {
    const card = scorecardOrThrow('numeric');
    expect(card).toMatchObject({ n_items: 5, n_scored: 3, n_skipped: 2, n_correct: 2 });
    expect(card.primary_score).toBeCloseTo(2 / 3, 12);
    expect(card.by_section.strings).toEqual({ n_items: 1, n_scored: 0, n_skipped: 1, n_correct: 0, ...NO_SCORES, format_compliance: 0 });
  });

  it('uses a normal interval and no correct count for the score judge', () => {
    const card = scorecardOrThrow('baseline_heuristic');
    expect(card).toMatchObject({ judge_kind: 'score', n_scored: 5, n_skipped: 0, n_correct: null });
    expect(card.min).toBe(0);
    expect(card.max).toBeGreaterThan(0);
    expect(card.ci95?.[0]).toBeLessThanOrEqual(card.primary_score ?? NaN);
  });

  it('reports unknown, duplicate, missing and drifted results as errors with paths', () => {
    const results = resultsFor('normalized');
    const [first, second, , , last] = results as [EvalItemResult, EvalItemResult, EvalItemResult, EvalItemResult, EvalItemResult];
    const built = buildScorecard(ITEMS, [
      first,
      { ...first },
      { ...second, expected_answer: '-3' },
      { ...last, item_id: 'zz' },
      results[2] as EvalItemResult,
      results[3] as EvalItemResult,
    ], 'normalized');
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.map((error) => error.path)).toEqual([
      'results[1].item_id',
      'results[3].item_id',
      'items[1].expected_answer',
      'items[4]',
    ]);
  });

  it('summarizes an empty group with nulls', () => {
    expect(summarizeResults([], 'correctness')).toEqual({ n_items: 0, n_scored: 0, n_skipped: 0, n_correct: 0, ...NO_SCORES, format_compliance: null });
  });
});
