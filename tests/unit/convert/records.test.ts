import { describe, expect, it } from 'vitest';
import { convertRecord } from '../../../src/traces/convert';

describe('alpaca records', () => {
  it('keeps a non-blank input after a blank line and ignores a blank one', () => {
    const withInput = convertRecord('alpaca', { instruction: 'Translate.', input: 'gato', output: 'cat' }, 1);
    expect(withInput.ok && withInput.trace.prompt).toBe('Translate.\n\ngato');
    const blankInput = convertRecord('alpaca', { instruction: 'Translate cat.', input: '  ', output: 'gato' }, 1);
    expect(blankInput.ok && blankInput.trace.prompt).toBe('Translate cat.');
    const noInput = convertRecord('alpaca', { instruction: 'Translate cat.', output: 'gato' }, 1);
    expect(noInput.ok && noInput.trace.prompt).toBe('Translate cat.');
  });

  it('reports each bad field with the line', () => {
    expect(convertRecord('alpaca', { instruction: '', input: 4, output: null }, 3)).toEqual({
      ok: false,
      errors: [
        { path: 'instruction', message: 'must not be blank', line: 3 },
        { path: 'input', message: 'expected string, got number', line: 3 },
        { path: 'output', message: 'missing required field (expected string)', line: 3 },
      ],
    });
  });
});

describe('prompt/completion records', () => {
  it('keeps the prompt unchanged and reports a missing completion', () => {
    const result = convertRecord('prompt_completion', { prompt: 'Q: 2+2?\n', completion: ' 4' }, 1);
    expect(result.ok && [result.trace.prompt, result.trace.final_answer]).toEqual(['Q: 2+2?\n', '4']);
    expect(convertRecord('prompt_completion', { prompt: 'p' }, 5)).toEqual({
      ok: false,
      errors: [{ path: 'completion', message: 'missing required field (expected string)', line: 5 }],
    });
  });

  it('turns schema limits of the converted trace into errors on the line', () => {
    const result = convertRecord('prompt_completion', { prompt: 'x'.repeat(50_001), completion: 'y' }, 6);
    expect(result).toMatchObject({ ok: false, errors: [{ path: 'prompt', line: 6 }] });
  });
});

describe('chat records', () => {
  const user = (content: string) => ({ role: 'user', content });
  const assistant = (content: string) => ({ role: 'assistant', content });

  it('joins several user turns and keeps the system text in meta', () => {
    const result = convertRecord('chat', { messages: [{ role: 'system', content: 'S' }, user('U1'), user('U2'), assistant('A')] }, 1);
    expect(result.ok && result.trace.prompt).toBe('S\n\nU1\n\nU2');
    expect(result.ok && result.trace.meta).toEqual({ source: 'chat', system: 'S' });
  });

  it('rejects conversations it would have to flatten, naming the message', () => {
    expect(convertRecord('chat', { messages: [user('a'), assistant('b'), user('c'), assistant('d')] }, 2)).toEqual({
      ok: false,
      errors: [{ path: 'messages[1].role', message: 'only one assistant turn, as the last message, is supported', line: 2 }],
    });
    expect(convertRecord('chat', { messages: [user('a')] }, 3)).toEqual({
      ok: false,
      errors: [{ path: 'messages[0].role', message: 'the last message must be the assistant turn', line: 3 }],
    });
    expect(convertRecord('chat', { messages: [user('a'), { role: 'system', content: 's' }, assistant('b')] }, 4)).toMatchObject({
      ok: false,
      errors: [{ path: 'messages[1].role', line: 4 }],
    });
    expect(convertRecord('chat', { messages: [{ role: 'system', content: 's' }, assistant('b')] }, 5)).toMatchObject({
      ok: false,
      errors: [{ path: 'messages', message: 'no user message' }],
    });
  });

  it('reports unknown roles, bad content and empty message lists', () => {
    expect(convertRecord('chat', { messages: [{ role: 'tool', content: 'x' }, { role: 'assistant', content: 7 }] }, 8)).toEqual({
      ok: false,
      errors: [
        { path: 'messages[0].role', message: 'role must be one of system, user, assistant, got "tool"', line: 8 },
        { path: 'messages[1].content', message: 'expected a non-blank string', line: 8 },
      ],
    });
    expect(convertRecord('chat', { messages: [] }, 9)).toEqual({
      ok: false,
      errors: [{ path: 'messages', message: 'expected a non-empty array of messages', line: 9 }],
    });
  });
});
