import { describe, expect, it } from 'vitest';
import {
  extractAnswer,
  findAnswerLine,
  followsTraceFormat,
  modelTurnText,
  parseTraceGeneration,
} from '../../../src/evaluate/extract';
import type { ExtractionRule } from '../../../src/evaluate/extract';

type Case = [name: string, generation: string, numeric: boolean, answer: string, rule: ExtractionRule];

const CASES: Case[] = [
  ['training template', 'Reasoning:\n1. 3 + 4 = 7\nAnswer: 7', false, '7', 'answer_line'],
  ['last Answer: line wins', 'Answer: 5\nwait, recheck\nAnswer: 6', true, '6', 'answer_line'],
  ['Answer: is case-insensitive', 'reasoning...\nANSWER: Paris', false, 'Paris', 'answer_line'],
  ['Final answer: line', 'Final answer: 12 km', true, '12 km', 'answer_line'],
  ['Answer: then value on next line', 'Answer:\n\n  42  ', true, '42', 'answer_line'],
  ['empty trailing Answer: falls back to earlier one', 'Answer: 9\nAnswer:', true, '9', 'answer_line'],
  ['Answer: beats #### and boxed', '#### 5\n\\boxed{6}\nAnswer: 7', true, '7', 'answer_line'],
  ['text after <end_of_turn> ignored', 'Answer: 8<end_of_turn>\nAnswer: 9', true, '8', 'answer_line'],
  ['CRLF line endings', 'Reasoning:\r\n1. x\r\nAnswer: 3\r\n', true, '3', 'answer_line'],
  ['gsm8k hash', 'Natalia sold 48/2 = 24 clips.\n#### 72', true, '72', 'gsm8k_hash'],
  ['gsm8k hash keeps separators', '#### 1,234.50', true, '1,234.50', 'gsm8k_hash'],
  ['gsm8k hash negative', 'so\n#### -3', true, '-3', 'gsm8k_hash'],
  ['gsm8k hash first match, as the harness', '#### 4\n#### 5', true, '4', 'gsm8k_hash'],
  ['#### without space is not strict', '####72 but 80', true, '80', 'last_number'],
  ['boxed', 'so $\\boxed{42}$.', true, '42', 'boxed'],
  ['boxed nested braces', '\\boxed{\\frac{1}{2}}', true, '\\frac{1}{2}', 'boxed'],
  ['last boxed wins', '\\boxed{1} then \\boxed{2}', true, '2', 'boxed'],
  ['unclosed boxed ignored', '\\boxed{3} and \\boxed{4', true, '3', 'boxed'],
  ['boxed escaped brace', '\\boxed{\\{a\\}}', false, '\\{a\\}', 'boxed'],
  ['the answer is', 'I think the answer is 42.', true, '42', 'the_answer_is'],
  ['The answer is, capitalised, sentence cut', 'The answer is Paris. It is big.', false, 'Paris', 'the_answer_is'],
  ['the final answer is: decimal kept', 'The final answer is: 3.5.', true, '3.5', 'the_answer_is'],
  ['last "the answer is" wins', 'the answer is 1\nno, the answer is 2', true, '2', 'the_answer_is'],
  ['the answer is currency', 'So the answer is $1,234.56.', true, '$1,234.56', 'the_answer_is'],
  ['the answer is: numeric narrowed to its leading number', 'the answer is 42 because 6 * 7 = 42.', true, '42', 'the_answer_is'],
  ['the answer is: text keeps the sentence', 'the answer is 42 because 6 * 7 = 42.', false, '42 because 6 * 7 = 42', 'the_answer_is'],
  ['the answer is: numeric with unit kept whole', 'The answer is 12 km.', true, '12 km', 'the_answer_is'],
  ['the answer is: numeric without number kept', 'the answer is unknown', true, 'unknown', 'the_answer_is'],
  ['last number for numeric answers', 'She has 3 apples and buys 4, total 7 apples.', true, '7', 'last_number'],
  ['last number with thousands', 'It costs $1,200 in total', true, '$1,200', 'last_number'],
  ['last number keeps trailing dot for normalization', 'so it is 42.', true, '42.', 'last_number'],
  ['last number negative', 'the change is -15 degrees', true, '-15', 'last_number'],
  ['last number fraction', 'half is 1/2', true, '1/2', 'last_number'],
  ['last number ignores dot runs', 'it is 5 ... done...', true, '5', 'last_number'],
  ['non-numeric: last line, not last number', 'step 1\nhello world', false, 'hello world', 'last_line'],
  ['numeric but no number: last line', 'no idea\nsorry', true, 'sorry', 'last_line'],
  ['last line skips blank lines', 'first\nlast one\n\n   \n', false, 'last one', 'last_line'],
  ['empty generation', '   \n\t', false, '', 'empty'],
  ['only <end_of_turn>', '<end_of_turn>Answer: 1', true, '', 'empty'],
];

describe('extractAnswer', () => {
  it.each(CASES)('%s', (_name, generation, numeric, answer, rule) => {
    expect(extractAnswer(generation, { expectedIsNumeric: numeric })).toEqual({ answer, rule });
  });

  it('uses the last number only when told the expected answer is numeric', () => {
    expect(extractAnswer('total: 7 apples')).toEqual({ answer: 'total: 7 apples', rule: 'last_line' });
    expect(extractAnswer('total: 7 apples', { expectedIsNumeric: true })).toEqual({ answer: '7', rule: 'last_number' });
  });
});

describe('modelTurnText and findAnswerLine', () => {
  it('cuts at the first end marker of either kind', () => {
    expect(modelTurnText('a<eos>b<end_of_turn>c')).toBe('a');
    expect(modelTurnText('a\r\nb\rc')).toBe('a\nb\nc');
  });
  it('returns null when no line is an Answer: line', () => {
    expect(findAnswerLine('the answer: 4 is inline, not a line label')).toBeNull();
  });
});

describe('parseTraceGeneration', () => {
  it('reads numbered steps and the answer', () => {
    expect(parseTraceGeneration('Reasoning:\n1. Add 3 and 4.\n2) Get 7\n\nStep 3: check\nAnswer: 7\nextra')).toEqual({
      steps: ['Add 3 and 4.', 'Get 7', 'check'],
      answer: '7',
    });
  });
  it('has no steps without a Reasoning: header, and no answer when the turn ends first', () => {
    expect(parseTraceGeneration('just text\nAnswer: 2')).toEqual({ steps: [], answer: '2' });
    expect(parseTraceGeneration('Reasoning: inline step\n- bullet')).toEqual({ steps: ['inline step', 'bullet'], answer: null });
  });
});

describe('followsTraceFormat', () => {
  it.each([
    ['Reasoning:\n1. 2 + 2 = 4\nAnswer: 4', true],
    ['  Reasoning:\n1. a\n\nAnswer: b\n<end_of_turn>junk', true],
    ['Reasoning: one inline step\nAnswer: b', true],
    ['Reasoning:\nAnswer: 4', false],
    ['Reasoning:\n1. a\nAnswer:', false],
    ['Reasoning:\n1. a\nAnswer: 4\nmore text', false],
    ['Reasoning:\n1. a\nAnswer: 3\n2. b\nAnswer: 4', false],
    ['reasoning:\n1. a\nanswer: 4', false],
    ['1. a\nAnswer: 4', false],
    ['', false],
  ])('%j → %s', (generation, expected) => {
    expect(followsTraceFormat(generation)).toBe(expected);
  });
});
