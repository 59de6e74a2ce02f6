// Prompt/completion `{prompt, completion}`: the prompt as is; the completion becomes steps and
// final answer (answer-text.ts). Must never alter the prompt text.
import { renderAnswerText, traceFromAnswerText } from './answer-text';
import { readTextFields } from './fields';
import type { FormatConverter } from './format';

export const promptCompletionConverter: FormatConverter = {
  description: {
    format: 'prompt_completion',
    label: 'Prompt / completion',
    fields: ['prompt: string', 'completion: string'],
    mapping: [
      'prompt → prompt, unchanged',
      'completion in the "Reasoning: / 1. … / Answer: …" template → one step per numbered line, final answer from the Answer line',
      'any other completion → one step (type "response") and the same text (trimmed) as final answer',
      'meta.source = "prompt_completion"',
    ],
  },

  matches: (raw) => typeof raw.prompt === 'string' && typeof raw.completion === 'string',

  toTrace(raw, line) {
    const read = readTextFields(raw, line, ['prompt', 'completion']);
    if (!read.ok) return read;
    const { prompt = '', completion = '' } = read.fields;
    return { ok: true, trace: traceFromAnswerText(prompt, completion, { source: 'prompt_completion' }) };
  },

  fromTrace: (trace) => ({ prompt: trace.prompt, completion: renderAnswerText(trace.steps, trace.final_answer) }),
};
