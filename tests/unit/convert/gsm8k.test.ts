import { describe, expect, it } from 'vitest';
import { convertRecord } from '../../../src/traces/convert';
import { removeThousandsSeparators, stripCalculatorAnnotations } from '../../../src/traces/convert/gsm8k';

describe('GSM8K conversion', () => {
  it('gives final answer 1234 for "#### 1,234"', () => {
    const result = convertRecord('gsm8k', { question: 'How many?', answer: 'Add them: 1000+234 = <<1000+234=1234>>1234.\n#### 1,234' }, 1);
    expect(result.ok && result.trace.final_answer).toBe('1234');
    expect(result.ok && result.trace.steps).toEqual([{ i: 0, type: 'reasoning', content: 'Add them: 1000+234 = 1234.' }]);
  });

  it('removes every calculator annotation and keeps the rest of the line', () => {
    expect(stripCalculatorAnnotations('She sold 48/2 = <<48/2=24>>24 clips and 2*3=<<2*3=6>>6 more.')).toBe('She sold 48/2 = 24 clips and 2*3=6 more.');
  });

  it('removes only thousands separators, keeping other answers as written', () => {
    expect(removeThousandsSeparators('1,234,567')).toBe('1234567');
    expect(removeThousandsSeparators('-2,500.75')).toBe('-2500.75');
    expect(removeThousandsSeparators('12,5')).toBe('12,5');
    expect(removeThousandsSeparators('seven')).toBe('seven');
  });

  it('uses the last #### line and ignores blank lines', () => {
    const result = convertRecord('gsm8k', { question: 'Q?', answer: '\nStep one.\n\nStep two.\n#### 3\n' }, 1);
    expect(result.ok && result.trace.steps.map((s) => s.content)).toEqual(['Step one.', 'Step two.']);
    expect(result.ok && result.trace.final_answer).toBe('3');
  });

  it('reports a missing #### line, a missing reasoning line and bad fields, with the line', () => {
    expect(convertRecord('gsm8k', { question: 'Q?', answer: 'No final line.' }, 7)).toEqual({
      ok: false,
      errors: [{ path: 'answer', message: 'no final answer line "#### <answer>"', line: 7 }],
    });
    expect(convertRecord('gsm8k', { question: 'Q?', answer: '#### 4' }, 8)).toEqual({
      ok: false,
      errors: [{ path: 'answer', message: 'no reasoning lines before "####"', line: 8 }],
    });
    expect(convertRecord('gsm8k', { question: 3, answer: '' }, 9)).toEqual({
      ok: false,
      errors: [
        { path: 'question', message: 'expected string, got number', line: 9 },
        { path: 'answer', message: 'must not be blank', line: 9 },
      ],
    });
    expect(convertRecord('gsm8k', ['not', 'an', 'object'], 10)).toEqual({ ok: false, errors: [{ path: '', message: 'expected a JSON object', line: 10 }] });
  });
});
