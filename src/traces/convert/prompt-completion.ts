// Prompt/completion `{prompt, completion}`: the prompt as is; the completion becomes steps and
// final answer (answer-text.ts). Must never alter the prompt text.
import { CURRENT_TRACE_VERSION } from '../types';
import type { ValidationIssue } from '../types';
import { parseAnswerText, renderAnswerText } from './answer-text';
import { isRecord, notAnObject, requiredText } from './fields';
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
    if (!isRecord(raw)) return { ok: false, errors: notAnObject(line) };
    const errors: ValidationIssue[] = [];
    const prompt = requiredText(raw, 'prompt', line, errors);
    const completion = requiredText(raw, 'completion', line, errors);
    if (prompt === null || completion === null) return { ok: false, errors };
    const { steps, finalAnswer } = parseAnswerText(completion);
    return {
      ok: true,
      trace: { trace_version: CURRENT_TRACE_VERSION, prompt, steps, final_answer: finalAnswer, meta: { source: 'prompt_completion' } },
    };
  },

  fromTrace: (trace) => ({ prompt: trace.prompt, completion: renderAnswerText(trace.steps, trace.final_answer) }),
};
