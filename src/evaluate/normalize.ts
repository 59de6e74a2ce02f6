// Answer normalization and comparison: turns an extracted answer and an expected answer into
// comparable forms (text or number + unit) and decides whether they match.
// Must never extract answers from generations (extract.ts) or know about judges, eval sets or
// storage. Rules, in one place so that the tests and the UI can cite them:
//
// Text: trim, Unicode NFKC, case-fold, collapse whitespace, then repeatedly strip trailing
//   punctuation (. , ; : ! ? 。) and one pair of surrounding quotes (" ' ` “ ” ‘ ’ « » „ ‚).
//   Case-folding is `toLowerCase()` after NFKC: full Unicode case folding would also map "ß" to
//   "ss" and final sigma; JavaScript has no built-in for it and the eval sets do not need it.
// Numbers: an answer is numeric when, after text normalization, it reads
//   [sign][currency] number [/ number] [currency] [%] [unit], where the number may use comma
//   thousands separators in groups of three (1,234.5), a leading dot (.5), an exponent (1e3),
//   the minus sign U+2212 and the fraction slash U+2044 (NFKC turns "½" into "1⁄2").
//   Currency signs ($ € £ ¥) and the percent sign are dropped: "50%" = "50", not "0.5".
//   Numbers are equal when |a − b| ≤ 1e-6 · max(|a|, |b|).
// Units: at most three words after the number, each starting with a letter, ° or µ ("km",
//   "km/h", "m2", "miles per hour"). If the expected answer has a unit, the prediction must have
//   the same unit after normalization ("12 km" ≠ "12", "12 km" ≠ "12 m"); if the expected answer
//   has none, a unit in the prediction is ignored ("12 apples" = "12"). Units are compared as
//   text, not converted ("1 km" ≠ "1000 m"), and plurals are not merged ("1 apples" ≠ "1 apple").
// Not numeric (compared as text): number words ("twelve"), mixed numbers ("1 1/2"), decimal
//   commas ("1,5"), ranges, times ("3:45") and anything else the grammar above does not read.

export const RELATIVE_TOLERANCE = 1e-6;

const QUOTE_CHARACTERS = new Set(['"', "'", '`', '“', '”', '‘', '’', '«', '»', '„', '‚']);
const TRAILING_PUNCTUATION = /[.,;:!?。]+$/u;
const CURRENCY_SIGNS = '$€£¥';

/** Trim, NFKC, case-fold, collapse whitespace, strip surrounding quotes and trailing punctuation. */
export function normalizeText(text: string): string {
  let current = text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
  for (;;) {
    const next = stripSurroundingQuotes(current.replace(TRAILING_PUNCTUATION, '').trim()).trim();
    if (next === current) return current;
    current = next;
  }
}

function stripSurroundingQuotes(text: string): string {
  const first = text[0];
  const last = text[text.length - 1];
  if (text.length < 2 || first === undefined || last === undefined) return text;
  return QUOTE_CHARACTERS.has(first) && QUOTE_CHARACTERS.has(last) ? text.slice(1, -1) : text;
}

/** A numeric answer: its value and its unit ('' when it has none). */
export interface NumericAnswer {
  value: number;
  unit: string;
}

interface Cursor {
  text: string;
  at: number;
}

/** Consumes `pattern` (anchored with `^`, no flags needed) at the cursor; returns the match. */
function take(cursor: Cursor, pattern: RegExp): RegExpExecArray | null {
  const match = pattern.exec(cursor.text.slice(cursor.at));
  if (match) cursor.at += match[0].length;
  return match;
}

const SIGN = /^[+-]?/;
const CURRENCY = new RegExp(`^(?:[${CURRENCY_SIGNS}] ?)?`);
const DECIMAL = /^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?:e[+-]?\d+)?/;
const DENOMINATOR = /^ ?\/ ?(\d+(?:\.\d+)?)/;
const SUFFIX_SIGNS = new RegExp(`^ ?[${CURRENCY_SIGNS}]?(?: ?%)?`);
const UNIT_WORD = String.raw`[\p{L}°µ][\p{L}\p{M}\d°µ/.]*`;
const UNIT = new RegExp(`^${UNIT_WORD}(?: ${UNIT_WORD}){0,2}$`, 'u');

function decimalValue(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

/** Reads `text` as a number with an optional unit, or returns null when it is not one. */
export function parseNumericAnswer(text: string): NumericAnswer | null {
  const normalized = normalizeText(text).replace(/\u2212/g, '-').replace(/\u2044/g, '/');
  const cursor: Cursor = { text: normalized, at: 0 };
  const leadingSign = take(cursor, SIGN)?.[0] ?? '';
  take(cursor, CURRENCY);
  const innerSign = take(cursor, SIGN)?.[0] ?? '';
  if (leadingSign !== '' && innerSign !== '') return null;
  const numerator = take(cursor, DECIMAL);
  if (!numerator) return null;
  const denominator = take(cursor, DENOMINATOR);
  take(cursor, SUFFIX_SIGNS);
  const unit = normalized.slice(cursor.at).trim();
  if (unit !== '' && !UNIT.test(unit)) return null;
  const sign = (leadingSign || innerSign) === '-' ? -1 : 1;
  const divisor = denominator ? decimalValue(denominator[1] ?? '') : 1;
  const value = (sign * decimalValue(numerator[0])) / divisor;
  if (!Number.isFinite(value)) return null;
  return { value: value === 0 ? 0 : value, unit };
}

/** Whether `text` reads as a number (with or without a unit). */
export function isNumericAnswer(text: string): boolean {
  return parseNumericAnswer(text) !== null;
}

/** |a − b| ≤ tolerance · max(|a|, |b|): relative, so 0 only equals 0. */
export function numbersClose(a: number, b: number, tolerance = RELATIVE_TOLERANCE): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Whether a (already extracted) predicted answer matches the expected answer: numerically with
 * the unit rule when the expected answer is numeric, else as normalized text.
 */
export function answersMatch(predicted: string, expected: string): boolean {
  const expectedNumber = parseNumericAnswer(expected);
  if (expectedNumber === null) return normalizeText(predicted) === normalizeText(expected);
  const predictedNumber = parseNumericAnswer(predicted);
  if (predictedNumber === null) return false;
  if (!numbersClose(predictedNumber.value, expectedNumber.value)) return false;
  return expectedNumber.unit === '' || predictedNumber.unit === expectedNumber.unit;
}
