// Answer extraction: finds the final answer inside a model generation and names the rule that
// found it, and parses the training template `Reasoning: <steps> Answer: <answer>`.
// Must never compare answers (that is normalize.ts and judges.ts), touch the DOM or storage, or
// depend on a model: it is pure string work that runs in Node, a worker and the page alike.

import { isNumericAnswer } from './normalize';

/** Which rule produced an extracted answer, in the order the rules are tried. */
export type ExtractionRule =
  | 'answer_line'
  | 'gsm8k_hash'
  | 'boxed'
  | 'the_answer_is'
  | 'last_number'
  | 'last_line'
  | 'empty';

export interface ExtractedAnswer {
  answer: string;
  rule: ExtractionRule;
}

export interface ExtractionOptions {
  /** When true and no explicit marker is found, the last number wins over the last line. */
  expectedIsNumeric?: boolean;
}

/** Markers after which a generation is no longer the model's turn. */
const END_OF_TURN_MARKERS = ['<end_of_turn>', '<eos>'] as const;

/** `Answer: x` on a line of its own (case-insensitive, optional "final"). */
const ANSWER_LINE = /^\s*(?:final\s+)?answer\s*:(.*)$/i;
/** lm-evaluation-harness GSM8K `strict-match`, first match as the harness's group_select 0. */
const GSM8K_STRICT = /#### (-?[0-9.,]+)/;
const BOXED_OPENING = /\\boxed\s*\{/g;
const THE_ANSWER_IS = /\bthe\s+(?:final\s+)?answer\s+is\b\s*:?[ \t]*([^\n]*)/gi;
/**
 * lm-evaluation-harness GSM8K `flexible-extract` `(-?[$0-9.,]{2,})|(-?[0-9]+)`, last match, with
 * two deliberate additions: a match must contain a digit (the harness also accepts "..", ",,"),
 * and a directly following `/digits` is kept so that `1/2` is read as a fraction, not as `2`.
 */
const FLEXIBLE_NUMBER = /(?:-?[$0-9.,]{2,}|-?[0-9]+)(?:\/[0-9]+)?/g;
/** A number at the start of a text, with the same fraction addition. */
const LEADING_NUMBER = /^[$€£¥]?-?[$0-9.,]*[0-9](?:\/[0-9]+)?/;

const REASONING_HEADER = /^\s*reasoning\s*:(.*)$/i;
const STEP_NUMBERING = /^(?:step\s*\d+\s*[:.)-]?|\d+\s*[.):]|[-*•])\s*/i;

/** The model's turn only: text after the first end-of-turn marker is dropped, CRLF becomes LF. */
export function modelTurnText(generation: string): string {
  let end = generation.length;
  for (const marker of END_OF_TURN_MARKERS) {
    const at = generation.indexOf(marker);
    if (at !== -1 && at < end) end = at;
  }
  return generation.slice(0, end).replace(/\r\n?/g, '\n');
}

function firstNonEmptyLineAfter(lines: readonly string[], index: number): string | null {
  for (let k = index + 1; k < lines.length; k++) {
    const line = (lines[k] ?? '').trim();
    if (line !== '') return line;
  }
  return null;
}

/**
 * The last `Answer:` line that carries an answer. An `Answer:` line with nothing after the colon
 * takes the next non-empty line ("Answer:\n42"); one with nothing at all after it is passed over.
 */
export function findAnswerLine(text: string): string | null {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    const match = ANSWER_LINE.exec(lines[index] ?? '');
    if (!match) continue;
    const inline = (match[1] ?? '').trim();
    if (inline !== '') return inline;
    const following = firstNonEmptyLineAfter(lines, index);
    if (following !== null) return following;
  }
  return null;
}

function findGsm8kHash(text: string): string | null {
  const match = GSM8K_STRICT.exec(text);
  return match ? (match[1] ?? null) : null;
}

/** Content of the `{` at `open`, braces balanced (escaped `\{` `\}` ignored), or null. */
function balancedBraceContent(text: string, open: number): string | null {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    const char = text[k];
    if (char === '\\') {
      k += 1;
      continue;
    }
    if (char === '{') depth += 1;
    if (char === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(open + 1, k);
    }
  }
  return null;
}

/** Content of the last `\boxed{…}` whose braces close. */
function findLastBoxed(text: string): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(BOXED_OPENING)) {
    const open = match.index + match[0].length - 1;
    const content = balancedBraceContent(text, open);
    if (content !== null && content.trim() !== '') found = content.trim();
  }
  return found;
}

/**
 * Text after the last "the answer is", up to the end of its sentence, trailing period dropped.
 * For numeric expected answers a sentence that does not read as a number is narrowed to the
 * number it starts with, as the harness's chain-of-thought match `The answer is (\-?[0-9\.\,]+)`
 * does: "42 because 6 * 7 = 42" gives "42", while "12 km" stays whole for the unit rule.
 */
function findTheAnswerIs(text: string, expectedIsNumeric: boolean): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(THE_ANSWER_IS)) {
    const rest = match[1] ?? '';
    const sentenceEnd = /\.(?:\s|$)/.exec(rest);
    const sentence = (sentenceEnd ? rest.slice(0, sentenceEnd.index) : rest).trim();
    if (sentence !== '') found = sentence;
  }
  if (found === null || !expectedIsNumeric || isNumericAnswer(found)) return found;
  return LEADING_NUMBER.exec(found)?.[0] ?? found;
}

/** The last number in a text by the flexible pattern, or null. */
export function findLastNumber(text: string): string | null {
  let found: string | null = null;
  for (const match of text.matchAll(FLEXIBLE_NUMBER)) {
    if (/[0-9]/.test(match[0])) found = match[0];
  }
  return found;
}

function findLastLine(text: string): string | null {
  const lines = text.split('\n');
  for (let index = lines.length - 1; index >= 0; index--) {
    const line = (lines[index] ?? '').trim();
    if (line !== '') return line;
  }
  return null;
}

/**
 * The answer in a generation, by the first rule that finds one: an `Answer:` line (last one),
 * `#### x`, `\boxed{x}` (last one), `the answer is x` (last one), the last number (only when the
 * expected answer is numeric), the last non-empty line; `empty` when the turn has no text.
 */
export function extractAnswer(generation: string, options: ExtractionOptions = {}): ExtractedAnswer {
  const text = modelTurnText(generation);
  const numeric = options.expectedIsNumeric === true;
  const rules: Array<[ExtractionRule, (t: string) => string | null]> = [
    ['answer_line', findAnswerLine],
    ['gsm8k_hash', findGsm8kHash],
    ['boxed', findLastBoxed],
    ['the_answer_is', (t) => findTheAnswerIs(t, numeric)],
  ];
  if (numeric) rules.push(['last_number', findLastNumber]);
  rules.push(['last_line', findLastLine]);
  for (const [rule, find] of rules) {
    const answer = find(text);
    if (answer !== null) return { answer, rule };
  }
  return { answer: '', rule: 'empty' };
}

/** A generation read as the training template. */
export interface ParsedTraceGeneration {
  /** Non-empty lines between `Reasoning:` and the first `Answer:` line, numbering removed. */
  steps: string[];
  /** The text of the first `Answer:` line after the steps, or null when there is none. */
  answer: string | null;
}

function stepText(line: string): string {
  return line.trim().replace(STEP_NUMBERING, '').trim();
}

/** Steps and answer of `Reasoning:\n1. …\n2. …\nAnswer: …`; no `Reasoning:` line → no steps. */
export function parseTraceGeneration(generation: string): ParsedTraceGeneration {
  const lines = modelTurnText(generation).split('\n');
  const header = lines.findIndex((line) => REASONING_HEADER.test(line));
  if (header === -1) return { steps: [], answer: findAnswerLine(lines.join('\n')) };
  const steps: string[] = [];
  const inline = stepText(REASONING_HEADER.exec(lines[header] ?? '')?.[1] ?? '');
  if (inline !== '') steps.push(inline);
  for (let index = header + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const answer = ANSWER_LINE.exec(line);
    if (answer) return { steps, answer: (answer[1] ?? '').trim() };
    const step = stepText(line);
    if (step !== '') steps.push(step);
  }
  return { steps, answer: null };
}

/**
 * Whether a generation follows the training template exactly: the first non-empty line starts
 * with `Reasoning:`, at least one step follows, the last non-empty line is `Answer: <non-empty>`,
 * and no other line is an `Answer:` line. Labels are case-sensitive, as the template writes them.
 */
export function followsTraceFormat(generation: string): boolean {
  const lines = modelTurnText(generation)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (first === undefined || last === undefined || lines.length < 2) return false;
  if (!first.startsWith('Reasoning:') || !/^Answer:\s*\S/.test(last)) return false;
  const middle = lines.slice(1, -1);
  if (middle.some((line) => /^Answer:/.test(line))) return false;
  const inlineStep = first.slice('Reasoning:'.length).trim();
  return middle.length > 0 || inlineStep !== '';
}
