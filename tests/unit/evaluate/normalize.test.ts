import { describe, expect, it } from 'vitest';
import {
  answersMatch,
  isNumericAnswer,
  normalizeText,
  numbersClose,
  parseNumericAnswer,
} from '../../../src/evaluate/normalize';

describe('normalizeText', () => {
  it.each([
    ['  Paris  ', 'paris'],
    ['New   York\tCity\n', 'new york city'],
    ['"Paris"', 'paris'],
    ['“Paris”.', 'paris'],
    ["'hello, world!'", 'hello, world'],
    ['`x`', 'x'],
    ['Done!!!', 'done'],
    ['ＡＢＣ１２３', 'abc123'],
    ['ﬁne', 'fine'],
    ['Ünïcödé', 'ünïcödé'],
    ['Straße', 'straße'],
    ['"it\'s"', "it's"],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('treats composed and decomposed accents alike (NFKC)', () => {
    expect(normalizeText('Cafe\u0301')).toBe(normalizeText('Café'));
  });
});

describe('parseNumericAnswer', () => {
  it.each([
    ['42', 42, ''],
    ['-3', -3, ''],
    ['\u22127', -7, ''],
    ['+5', 5, ''],
    ['1,234', 1234, ''],
    ['1,234,567.89', 1234567.89, ''],
    ['.5', 0.5, ''],
    ['1/2', 0.5, ''],
    ['-3/4', -0.75, ''],
    ['½', 0.5, ''],
    ['1e3', 1000, ''],
    ['$12.50', 12.5, ''],
    ['-$5', -5, ''],
    ['$-5', -5, ''],
    ['€ 7', 7, ''],
    ['7€', 7, ''],
    ['£3', 3, ''],
    ['¥1000', 1000, ''],
    ['50%', 50, ''],
    ['50 %', 50, ''],
    ['12 km', 12, 'km'],
    ['12km', 12, 'km'],
    ['60 km/h', 60, 'km/h'],
    ['20 °C', 20, '°c'],
    ['3 m²', 3, 'm2'],
    ['5 miles per hour', 5, 'miles per hour'],
    ['7 Apples.', 7, 'apples'],
    ['-0', 0, ''],
  ])('%j → %d %j', (text, value, unit) => {
    const parsed = parseNumericAnswer(text);
    expect(parsed).not.toBeNull();
    expect(parsed?.value).toBeCloseTo(value, 12);
    expect(parsed?.unit).toBe(unit);
  });

  it.each(['twelve', '1,5', '1 1/2', '3:45', '1/0', '3 apples and 4 pears', '1.2.3', '- 5', '5-6', '', 'km 12', '$'])(
    '%j is not numeric',
    (text) => {
      expect(parseNumericAnswer(text)).toBeNull();
      expect(isNumericAnswer(text)).toBe(false);
    },
  );

  it('never returns negative zero', () => {
    expect(Object.is(parseNumericAnswer('-0')?.value, 0)).toBe(true);
  });
});

describe('numbersClose', () => {
  it('uses a relative tolerance of 1e-6', () => {
    expect(numbersClose(1_000_000, 1_000_000.5)).toBe(true);
    expect(numbersClose(1_000_000, 1_000_002)).toBe(false);
    expect(numbersClose(2 / 3, 0.666667)).toBe(true);
    expect(numbersClose(2 / 3, 0.6667)).toBe(false);
    expect(numbersClose(0, 1e-9)).toBe(false);
    expect(numbersClose(0, -0)).toBe(true);
    expect(numbersClose(-5, 5)).toBe(false);
  });
});

describe('answersMatch', () => {
  it.each([
    ['0.5', '1/2', true],
    ['.50', '0.5', true],
    ['1/2', '.5', true],
    ['1234', '1,234', true],
    ['$1,234.00', '1234', true],
    ['-7', '−7', true],
    ['7', '-7', false],
    ['50%', '50', true],
    ['0.5', '50%', false],
    ['12 km', '12 km', true],
    ['12 KM', '12 km', true],
    ['12', '12 km', false],
    ['12 m', '12 km', false],
    ['12 km', '12', true],
    ['12 apples', '12', true],
    ['1000 m', '1 km', false],
    ['twelve', '12', false],
    ['12', 'twelve', false],
    ['Twelve.', 'twelve', true],
    ['13', '12', false],
    ['', '12', false],
    ['', '', true],
    ['“Paris”', 'paris', true],
    ['paris, france', 'paris', false],
  ])('%j vs expected %j → %s', (predicted, expected, match) => {
    expect(answersMatch(predicted, expected)).toBe(match);
  });
});
