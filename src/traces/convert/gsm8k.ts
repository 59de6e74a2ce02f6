// GSM8K `{question, answer}`: the answer holds reasoning lines and ends with `#### <number>`.
// One step per reasoning line with calculator annotations (`<<48/2=24>>`) removed; the final
// answer is the `####` value with thousands separators removed (`1,234` -> `1234`).
// Must never keep an annotation or guess an answer when the `####` line is missing.
import { CURRENT_TRACE_VERSION } from '../types';
import type { ValidationIssue } from '../types';
import { readTextFields } from './fields';
import type { FormatConverter } from './format';

const FINAL_LINE = /^\s*####\s*(.*?)\s*$/;
const CALCULATOR_ANNOTATION = /<<[^<>]*>>/g;
const GROUPED_NUMBER = /^[-+]?\$?\d{1,3}(,\d{3})+(\.\d+)?$/;

export function stripCalculatorAnnotations(line: string): string {
  return line.replace(CALCULATOR_ANNOTATION, '');
}

/** `1,234` -> `1234`; anything that is not a comma-grouped number is kept as written. */
export function removeThousandsSeparators(value: string): string {
  return GROUPED_NUMBER.test(value) ? value.replace(/,/g, '') : value;
}

export const gsm8kConverter: FormatConverter = {
  description: {
    format: 'gsm8k',
    label: 'GSM8K (question, answer with ####)',
    fields: ['question: string', 'answer: string'],
    mapping: [
      'question → prompt',
      'each non-blank answer line before "####" → one step (type "reasoning"), calculator annotations like <<48/2=24>> removed',
      'the value after "####" → final answer, thousands separators removed (1,234 → 1234)',
      'meta.source = "gsm8k"',
    ],
  },

  matches: (raw) => typeof raw.question === 'string' && typeof raw.answer === 'string',

  toTrace(raw, line) {
    const read = readTextFields(raw, line, ['question', 'answer']);
    if (!read.ok) return read;
    const { question = '', answer = '' } = read.fields;
    const errors: ValidationIssue[] = [];
    const lines = answer.split(/\r?\n/);
    const finalAt = lines.findLastIndex((text) => FINAL_LINE.test(text));
    const finalAnswer = finalAt < 0 ? '' : removeThousandsSeparators(FINAL_LINE.exec(lines[finalAt] as string)?.[1] ?? '');
    if (finalAnswer === '') errors.push({ path: 'answer', message: 'no final answer line "#### <answer>"', line });
    const contents = lines
      .slice(0, Math.max(finalAt, 0))
      .map((text) => stripCalculatorAnnotations(text).trim())
      .filter((text) => text !== '');
    if (finalAt >= 0 && contents.length === 0) errors.push({ path: 'answer', message: 'no reasoning lines before "####"', line });
    if (errors.length > 0) return { ok: false, errors };
    return {
      ok: true,
      trace: {
        trace_version: CURRENT_TRACE_VERSION,
        prompt: question,
        steps: contents.map((content, i) => ({ i, type: 'reasoning', content })),
        final_answer: finalAnswer,
        meta: { source: 'gsm8k' },
      },
    };
  },

  fromTrace: (trace) => ({
    question: trace.prompt,
    answer: `${trace.steps.map((s) => s.content).join('\n')}\n#### ${trace.final_answer}`,
  }),
};
