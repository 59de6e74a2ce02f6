// Alpaca `{instruction, input, output}`: instruction and input (when not blank) form the prompt,
// separated by a blank line; the output becomes steps and final answer (answer-text.ts).
// Must never drop the input: a record with input keeps it in the prompt.
import { renderAnswerText, traceFromAnswerText } from './answer-text';
import { readTextFields } from './fields';
import type { FormatConverter } from './format';

export const alpacaConverter: FormatConverter = {
  description: {
    format: 'alpaca',
    label: 'Alpaca (instruction, input, output)',
    fields: ['instruction: string', 'input: string (optional)', 'output: string'],
    mapping: [
      'instruction → prompt; a non-blank input is appended after a blank line',
      'output in the "Reasoning: / 1. … / Answer: …" template → one step per numbered line, final answer from the Answer line',
      'any other output → one step (type "response") and the same text as final answer',
      'meta.source = "alpaca"',
    ],
  },

  matches: (raw) => typeof raw.instruction === 'string' && typeof raw.output === 'string',

  toTrace(raw, line) {
    const read = readTextFields(raw, line, ['instruction', 'input?', 'output']);
    if (!read.ok) return read;
    const { instruction = '', input = '', output = '' } = read.fields;
    const prompt = input.trim() === '' ? instruction : `${instruction}\n\n${input}`;
    return { ok: true, trace: traceFromAnswerText(prompt, output, { source: 'alpaca' }) };
  },

  /** Splits the prompt at its first blank line: an instruction holding a blank line is split there. */
  fromTrace(trace) {
    const cut = trace.prompt.indexOf('\n\n');
    return {
      instruction: cut < 0 ? trace.prompt : trace.prompt.slice(0, cut),
      input: cut < 0 ? '' : trace.prompt.slice(cut + 2),
      output: renderAnswerText(trace.steps, trace.final_answer),
    };
  },
};
