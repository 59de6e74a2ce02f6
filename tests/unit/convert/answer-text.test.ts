import { describe, expect, it } from 'vitest';
import { parseAnswerText, renderAnswerText } from '../../../src/traces/convert/answer-text';

describe('parseAnswerText', () => {
  it('splits the training template into numbered steps and the answer', () => {
    expect(parseAnswerText('Reasoning:\n1. 2 + 3 = 5\n2) 5 * 2 = 10\nAnswer: 10')).toEqual({
      steps: [
        { i: 0, type: 'reasoning', content: '2 + 3 = 5' },
        { i: 1, type: 'reasoning', content: '5 * 2 = 10' },
      ],
      finalAnswer: '10',
    });
  });

  it('appends unnumbered lines to the step before and accepts CRLF', () => {
    expect(parseAnswerText('Reasoning:\r\n1. first line\r\n   continued\r\n2. second\r\nAnswer: x').steps.map((s) => s.content)).toEqual([
      'first line\ncontinued',
      'second',
    ]);
  });

  it('treats unnumbered lines before an Answer line as steps', () => {
    expect(parseAnswerText('Half of 10 is 5.\nAnswer: 5')).toEqual({
      steps: [{ i: 0, type: 'reasoning', content: 'Half of 10 is 5.' }],
      finalAnswer: '5',
    });
  });

  it('makes any other text one response step that is also the answer', () => {
    expect(parseAnswerText('  Paris\n')).toEqual({ steps: [{ i: 0, type: 'response', content: 'Paris' }], finalAnswer: 'Paris' });
    expect(parseAnswerText('Answer:')).toEqual({ steps: [{ i: 0, type: 'response', content: 'Answer:' }], finalAnswer: 'Answer:' });
  });

  it('reads an Answer line with no reasoning as a response', () => {
    expect(parseAnswerText('Answer: 42')).toEqual({ steps: [{ i: 0, type: 'response', content: '42' }], finalAnswer: '42' });
  });
});

describe('renderAnswerText', () => {
  it('is read back by parseAnswerText into the same steps and answer', () => {
    const cases = [
      { steps: [{ i: 0, type: 'response', content: 'Hola' }], finalAnswer: 'Hola' },
      { steps: [{ i: 0, type: 'reasoning', content: 'a\nb' }, { i: 1, type: 'reasoning', content: 'c' }], finalAnswer: 'd' },
    ];
    for (const { steps, finalAnswer } of cases) expect(parseAnswerText(renderAnswerText(steps, finalAnswer))).toEqual({ steps, finalAnswer });
    expect(renderAnswerText(cases[1]?.steps ?? [], 'd')).toBe('Reasoning:\n1. a\nb\n2. c\nAnswer: d');
  });
});
