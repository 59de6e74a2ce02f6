// The answer side of public formats (Alpaca output, completion, assistant turn) as steps and a
// final answer. Text in the app's training template, `Reasoning:` + numbered lines + `Answer:`,
// is split into its steps; any other text is one `response` step that is also the answer.
// renderAnswerText is the inverse. Must never invent reasoning that is not in the text.
import { CURRENT_TRACE_VERSION } from '../types';
import type { ReasoningTrace, TraceMeta, TraceStep } from '../types';

export interface AnswerParts {
  steps: TraceStep[];
  finalAnswer: string;
}

const ANSWER_LINE = /^\s*Answer:\s*(.*)$/;
const REASONING_HEADER = /^\s*Reasoning:\s*$/;
const NUMBERED_LINE = /^\s*\d+[.)]\s+(.*)$/;

function directResponse(text: string): AnswerParts {
  const trimmed = text.trim();
  return { steps: [{ i: 0, type: 'response', content: trimmed }], finalAnswer: trimmed };
}

function lastAnswerLine(lines: readonly string[]): number {
  for (let k = lines.length - 1; k >= 0; k--) {
    const match = ANSWER_LINE.exec(lines[k] as string);
    if (match && (match[1] ?? '').trim() !== '') return k;
  }
  return -1;
}

/** Numbered lines start a step; other non-blank lines continue the step before (or start one). */
function stepsFromBody(lines: readonly string[]): string[] {
  const contents: string[] = [];
  let continuing = false;
  for (const line of lines) {
    if (line.trim() === '' || REASONING_HEADER.test(line)) continue;
    const numbered = NUMBERED_LINE.exec(line);
    if (numbered) {
      contents.push((numbered[1] ?? '').trim());
      continuing = true;
    } else if (continuing && contents.length > 0) {
      contents[contents.length - 1] += `\n${line.trim()}`;
    } else {
      contents.push(line.trim());
    }
  }
  return contents.filter((content) => content !== '');
}

export function parseAnswerText(text: string): AnswerParts {
  const lines = text.split(/\r?\n/);
  const answerAt = lastAnswerLine(lines);
  if (answerAt < 0) return directResponse(text);
  const answerLines = [ANSWER_LINE.exec(lines[answerAt] as string)?.[1] ?? '', ...lines.slice(answerAt + 1)];
  const finalAnswer = answerLines.join('\n').trim();
  const contents = stepsFromBody(lines.slice(0, answerAt));
  if (contents.length === 0) return { steps: [{ i: 0, type: 'response', content: finalAnswer }], finalAnswer };
  return { steps: contents.map((content, i) => ({ i, type: 'reasoning', content })), finalAnswer };
}

/** The text parseAnswerText reads back into the same steps and answer. */
export function renderAnswerText(steps: readonly TraceStep[], finalAnswer: string): string {
  const only = steps[0];
  if (steps.length === 1 && only?.type === 'response' && only.content === finalAnswer) return finalAnswer;
  const numbered = steps.map((s, k) => `${k + 1}. ${s.content}`).join('\n');
  return `Reasoning:\n${numbered}\nAnswer: ${finalAnswer}`;
}

/** A trace whose steps and final answer come from an answer text. */
export function traceFromAnswerText(prompt: string, answerText: string, meta: TraceMeta): ReasoningTrace {
  const { steps, finalAnswer } = parseAnswerText(answerText);
  return { trace_version: CURRENT_TRACE_VERSION, prompt, steps, final_answer: finalAnswer, meta };
}
