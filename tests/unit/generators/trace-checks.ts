// Checks shared by the generator tests: the structure every ReasoningTrace must have (the
// limits of the reference schema), chat-template safety, and the arithmetic written in steps.
import type { ReasoningTrace } from '../../../src/traces/types';
import { validateTrace } from '../../../src/traces/validate';

const CHAT_MARKERS = ['<start_of_turn>', '<end_of_turn>'];

function textProblems(label: string, value: unknown, maxChars: number): string[] {
  if (typeof value !== 'string') return [`${label} is not a string`];
  const problems: string[] = [];
  if (value.trim().length === 0) problems.push(`${label} is blank`);
  if (value.length > maxChars) problems.push(`${label} is longer than ${maxChars}`);
  if (!value.isWellFormed()) problems.push(`${label} has a lone surrogate`);
  if (value.normalize('NFC') !== value) problems.push(`${label} is not NFC`);
  for (const marker of CHAT_MARKERS) if (value.includes(marker)) problems.push(`${label} contains ${marker}`);
  return problems;
}

/**
 * Every way `trace` breaks the trace schema (validateTrace, plus no blank or non-NFC text and
 * steps numbered 0, 1, 2...) or chat-template safety; empty when it is fine.
 */
export function structuralProblems(trace: ReasoningTrace): string[] {
  const problems: string[] = [];
  const validated = validateTrace(trace);
  if (!validated.ok) problems.push(...validated.errors.map((e) => `${e.path}: ${e.message}`));
  else if (JSON.stringify(validated.value) !== JSON.stringify(trace)) problems.push('has fields outside the schema');
  if (trace.trace_version !== '1.0') problems.push('trace_version is not 1.0');
  problems.push(...textProblems('prompt', trace.prompt, 50_000));
  problems.push(...textProblems('final_answer', trace.final_answer, 50_000));
  if (!Array.isArray(trace.steps) || trace.steps.length === 0) problems.push('steps is empty');
  trace.steps.forEach((s, index) => {
    if (s.i !== index) problems.push(`steps[${index}].i is ${s.i}`);
    problems.push(...textProblems(`steps[${index}].type`, s.type, 64));
    problems.push(...textProblems(`steps[${index}].content`, s.content, 20_000));
  });
  if (typeof trace.meta !== 'object' || trace.meta === null) problems.push('meta is not an object');
  return problems;
}

const NUMBER = String.raw`\$?\d+(?:\.\d+)?`;
const EQUATION = new RegExp(String.raw`(${NUMBER}(?:\s*[-+*/]\s*${NUMBER})+)\s*=\s*(${NUMBER})`, 'g');

function evaluateLeftToRight(expression: string): number {
  const tokens = expression.replace(/\$/g, '').match(/\d+(?:\.\d+)?|[-+*/]/g) ?? [];
  let value = Number(tokens[0]);
  for (let k = 1; k + 1 < tokens.length; k += 2) {
    const operand = Number(tokens[k + 1]);
    const operation = tokens[k];
    if (operation === '+') value += operand;
    else if (operation === '-') value -= operand;
    else if (operation === '*') value *= operand;
    else value /= operand;
  }
  return value;
}

/** Each `a op b (op c …) = r` in the text, with whether it holds (left to right). */
export function checkEquations(text: string): { equation: string; holds: boolean }[] {
  return [...text.matchAll(EQUATION)].map((match) => {
    const expected = Number((match[2] as string).replace('$', ''));
    return { equation: match[0], holds: Math.abs(evaluateLeftToRight(match[1] as string) - expected) < 1e-9 };
  });
}
