import { describe, expect, it } from 'vitest';
import {
  DEFAULT_JUDGE,
  JUDGES,
  JUDGE_NAMES,
  baselineHeuristicScore,
  isJudgeName,
  judge,
} from '../../../src/evaluate/judges';
import type { JudgementExtractionRule } from '../../../src/evaluate/judges';

type Row = [
  generation: string,
  expected: string,
  normalized: boolean,
  numeric: boolean | null,
  rule: JudgementExtractionRule,
];

// End-to-end cases for the default judge (extraction + normalization) and the numeric judge.
const TABLE: Row[] = [
  // GSM8K-style
  ['Natalia sold 48 + 24 = 72 clips.\n#### 72', '72', true, true, 'gsm8k_hash'],
  ['#### 1,080', '1080', true, true, 'gsm8k_hash'],
  ['#### 18.', '18', true, true, 'gsm8k_hash'],
  ['#### -4', '-4', true, true, 'gsm8k_hash'],
  ['#### 71', '72', false, false, 'gsm8k_hash'],
  ['He earns 12*5 = 60 dollars and spends 10, so 50.', '50', true, true, 'last_number'],
  ['Janet has 16 - 3 - 4 = 9 eggs, sells them for $18', '18', true, true, 'last_number'],
  ['Janet has 16 - 3 - 4 = 9 eggs, 9 * 2 = 18 dollars', '18', true, true, 'last_number'],
  ['Reasoning:\n1. 48 / 2 = 24\n2. 48 + 24 = 72\nAnswer: 72', '72', true, true, 'answer_line'],
  ['Reasoning:\n1. 48 / 2 = 24\nAnswer: 24', '72', false, false, 'answer_line'],
  // currency
  ['Answer: $12.50', '12.5', true, true, 'answer_line'],
  ['Answer: 12.50', '$12.50', true, true, 'answer_line'],
  ['The answer is €7.', '7', true, true, 'the_answer_is'],
  ['Answer: £1,000', '1000', true, true, 'answer_line'],
  ['Answer: ¥500', '$500', true, true, 'answer_line'],
  ['It costs $1,234.56 in total', '1234.56', true, true, 'last_number'],
  // percent
  ['Answer: 25%', '25', true, true, 'answer_line'],
  ['Answer: 25', '25%', true, true, 'answer_line'],
  ['The answer is 0.25', '25%', false, false, 'the_answer_is'],
  ['so 40 % of the class passed', '40', true, true, 'last_number'],
  // fractions and decimals
  ['Answer: 1/2', '0.5', true, true, 'answer_line'],
  ['Answer: .50', '1/2', true, true, 'answer_line'],
  ['Answer: 0.333333', '1/3', true, true, 'answer_line'],
  ['Answer: 0.33', '1/3', false, false, 'answer_line'],
  ['\\boxed{\\frac{1}{2}}', '1/2', false, false, 'boxed'],
  ['\\boxed{3/4}', '0.75', true, true, 'boxed'],
  ['Answer: ½', '0.5', true, true, 'answer_line'],
  ['Answer: 2.0', '2', true, true, 'answer_line'],
  // negative numbers
  ['Answer: -5', '-5', true, true, 'answer_line'],
  ['Answer: 5', '-5', false, false, 'answer_line'],
  ['Answer: −12', '-12', true, true, 'answer_line'],
  ['the temperature fell to -3 degrees', '-3', true, true, 'last_number'],
  ['Answer: -$20', '-20', true, true, 'answer_line'],
  // answers embedded in sentences
  ['I believe the answer is 42 because 6 * 7 = 42.', '42', true, true, 'the_answer_is'],
  ['After counting, the final answer is: 17.', '17', true, true, 'the_answer_is'],
  ['Answer: There are 7 apples.', '7', false, true, 'answer_line'],
  ['So there are 7 apples left in the basket.', '7', true, true, 'last_number'],
  ['The answer is Paris. Paris is in France.', 'Paris', true, null, 'the_answer_is'],
  ['We get $\\boxed{42}$ in the end.', '42', true, true, 'boxed'],
  // strings
  ['Answer: olleh', 'olleh', true, null, 'answer_line'],
  ['Answer: Olleh', 'olleh', true, null, 'answer_line'],
  ['Answer: hello', 'olleh', false, null, 'answer_line'],
  ['Answer: a b c', 'a  b\tc', true, null, 'answer_line'],
  ['Answer: apple, banana, cherry', 'apple, banana, cherry', true, null, 'answer_line'],
  ['Answer: apple banana cherry', 'apple, banana, cherry', false, null, 'answer_line'],
  ['Answer: HELLO WORLD', 'HELLO WORLD', true, null, 'answer_line'],
  ['Answer: yes', 'no', false, null, 'answer_line'],
  ['maybe\nyes', 'yes', true, null, 'last_line'],
  // Unicode
  ['Answer: Ｐａｒｉｓ', 'paris', true, null, 'answer_line'],
  ['Answer: café', 'Cafe\u0301', true, null, 'answer_line'],
  ['Answer: １２', '12', true, true, 'answer_line'],
  ['Answer: Ωμέγα', 'ωμέγα', true, null, 'answer_line'],
  ['Answer: naïve', 'naive', false, null, 'answer_line'],
  // quotes and punctuation
  ['Answer: "Paris"', 'Paris', true, null, 'answer_line'],
  ['Answer: “Paris”.', 'Paris', true, null, 'answer_line'],
  ["Answer: 'olleh'", 'olleh', true, null, 'answer_line'],
  ['Answer: Paris!', 'Paris', true, null, 'answer_line'],
  ['Answer: 42.', '42', true, true, 'answer_line'],
  ['Answer: 42...', '42', true, true, 'answer_line'],
  ['Answer: "42".', '42', true, true, 'answer_line'],
  // units
  ['Answer: 12 km', '12 km', true, true, 'answer_line'],
  ['Answer: 12', '12 km', false, true, 'answer_line'],
  ['Answer: 12 miles', '12 km', false, true, 'answer_line'],
  ['Answer: 12 km', '12', true, true, 'answer_line'],
  ['Answer: 12km', '12 km', true, true, 'answer_line'],
  ['Answer: 60 KM/H', '60 km/h', true, true, 'answer_line'],
  ['Answer: 1000 m', '1 km', false, false, 'answer_line'],
  // no answer
  ['', '5', false, false, 'empty'],
  ['I do not know', '5', false, false, 'last_line'],
];

describe('normalized judge (default) and numeric judge on the case table', () => {
  it('covers at least 60 cases', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('%j vs %j → normalized %s, numeric %s', (generation, expected, normalized, numeric, rule) => {
    const item = { expected_answer: expected };
    const byNormalized = judge('normalized', generation, item);
    expect(byNormalized.correct).toBe(normalized);
    expect(byNormalized.score).toBe(normalized ? 1 : 0);
    expect(byNormalized.extraction_rule).toBe(rule);
    const byNumeric = judge('numeric', generation, item);
    expect(byNumeric.correct).toBe(numeric);
    expect(byNumeric.score).toBe(numeric === true ? 1 : 0);
  });
});

describe('exact judge (the reference answer_correctness)', () => {
  it.each([
    ['42', '42', true],
    ['  Paris \n', 'paris', true],
    ['Answer: 42', '42', false],
    ['The answer is 42.', '42', false],
    ['42.', '42', false],
  ])('%j vs %j → %s', (generation, expected, correct) => {
    const result = judge('exact', generation, { expected_answer: expected });
    expect(result).toEqual({
      correct,
      score: correct ? 1 : 0,
      extracted_answer: generation.trim(),
      extraction_rule: 'none',
    });
  });
});

describe('numeric judge', () => {
  it('skips items whose expected answer is not numeric, still showing what it extracted', () => {
    expect(judge('numeric', 'Answer: Paris', { expected_answer: 'Paris' })).toEqual({
      correct: null,
      score: 0,
      extracted_answer: 'Paris',
      extraction_rule: 'answer_line',
    });
  });
  it('ignores units that the normalized judge requires', () => {
    expect(judge('numeric', 'Answer: 12', { expected_answer: '12 km' }).correct).toBe(true);
    expect(judge('normalized', 'Answer: 12', { expected_answer: '12 km' }).correct).toBe(false);
  });
});

describe('baseline_heuristic judge', () => {
  it('scores step count and step length, never the answer', () => {
    const tenLongSteps = Array.from({ length: 10 }, () => 'x'.repeat(500));
    expect(baselineHeuristicScore(tenLongSteps)).toBe(1);
    expect(baselineHeuristicScore(['a'.repeat(250)])).toBeCloseTo((5 + 25) / 100, 12);
    expect(baselineHeuristicScore(Array.from({ length: 20 }, () => 'y'.repeat(1000)))).toBe(1);
    expect(baselineHeuristicScore([])).toBe(0);
  });
  it('reads the steps of a generation and reports null correctness', () => {
    const generation = `Reasoning:\n1. ${'a'.repeat(100)}\n2. ${'b'.repeat(300)}\nAnswer: wrong`;
    const result = judge('baseline_heuristic', generation, { expected_answer: 'right' });
    expect(result.correct).toBeNull();
    expect(result.score).toBeCloseTo((2 / 10) * 0.5 + (200 / 500) * 0.5, 12);
    expect(result.extracted_answer).toBe('wrong');
    expect(result.extraction_rule).toBe('answer_line');
    expect(judge('baseline_heuristic', 'no steps here', { expected_answer: 'x' })).toEqual({
      correct: null,
      score: 0,
      extracted_answer: 'no steps here',
      extraction_rule: 'none',
    });
  });
});

describe('registry', () => {
  it('names every judge once, under its own name, with normalized as the default', () => {
    expect([...JUDGE_NAMES].sort()).toEqual(Object.keys(JUDGES).sort());
    for (const name of JUDGE_NAMES) expect(JUDGES[name].name).toBe(name);
    expect(DEFAULT_JUDGE).toBe('normalized');
    expect(JUDGES.baseline_heuristic.kind).toBe('score');
    expect(JUDGES.numeric.kind).toBe('correctness');
  });
  it('recognises judge names', () => {
    expect(isJudgeName('numeric')).toBe(true);
    expect(isJudgeName('answer_correctness')).toBe(false);
  });
});
