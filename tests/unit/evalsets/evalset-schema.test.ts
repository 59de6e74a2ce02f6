import { describe, expect, it } from 'vitest';
import { evalItemToJsonLine, parseEvalSetJsonl, validateEvalItem, validateEvalItems } from '../../../src/evaluate/evalset';

const ITEM = { id: 'a-1', prompt: 'Add: 2 + 3', expected_answer: '5', category: 'add_one_digit', difficulty: 'easy' };
const line = (value: unknown) => JSON.stringify(value);

describe('validateEvalItem', () => {
  it('accepts a complete item, with or without a section, and drops unknown fields', () => {
    expect(validateEvalItem({ ...ITEM, extra: 1 }, 1)).toEqual({ ok: true, value: ITEM });
    expect(validateEvalItem({ ...ITEM, section: 'core' }, 1)).toEqual({ ok: true, value: { ...ITEM, section: 'core' } });
  });

  it('reports every missing, mistyped or blank field with its path and line', () => {
    const result = validateEvalItem({ id: 7, prompt: '  ', category: 'x', difficulty: 'easy', section: 3 }, 12);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: 'id', message: 'id must be a string', line: 12 },
        { path: 'prompt', message: 'prompt must not be blank', line: 12 },
        { path: 'expected_answer', message: 'expected_answer is required', line: 12 },
        { path: 'section', message: 'section must be a string', line: 12 },
      ],
    });
  });

  it('rejects values that are not objects and over-long ids', () => {
    expect(validateEvalItem([ITEM], 2).ok).toBe(false);
    expect(validateEvalItem({ ...ITEM, id: 'x'.repeat(129) }, 2)).toMatchObject({ ok: false, errors: [{ path: 'id', line: 2 }] });
  });
});

describe('validateEvalItems', () => {
  it('returns the items in order, skipping blank lines', () => {
    const second = { ...ITEM, id: 'a-2' };
    expect(validateEvalItems([line(ITEM), '', '  ', line(second)])).toEqual({ ok: true, value: [ITEM, second] });
  });

  it('reports invalid JSON, bad items and duplicate ids, each with its 1-based line', () => {
    const result = validateEvalItems([line(ITEM), '{not json', line({ ...ITEM, id: 'b', expected_answer: '' }), line(ITEM)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.path])).toEqual([
      [2, ''],
      [3, 'expected_answer'],
      [4, 'id'],
    ]);
    expect(result.errors[2]?.message).toBe('duplicate id "a-1" (first on line 1)');
  });

  it('rejects a set with no items', () => {
    expect(validateEvalItems(['', ' ']).ok).toBe(false);
  });
});

describe('JSONL round trip', () => {
  it('writes fields in schema order and parses back, with CRLF line ends too', () => {
    const withSection = { section: 'core', ...ITEM };
    const text = evalItemToJsonLine(withSection) + evalItemToJsonLine({ ...ITEM, id: 'a-2' });
    expect(text.split('\n')[0]).toBe(
      '{"id":"a-1","prompt":"Add: 2 + 3","expected_answer":"5","category":"add_one_digit","difficulty":"easy","section":"core"}',
    );
    expect(parseEvalSetJsonl(text.replace(/\n/g, '\r\n'))).toEqual({ ok: true, value: [{ ...ITEM, section: 'core' }, { ...ITEM, id: 'a-2' }] });
  });
});
