// The unit every generator family produces: a problem with its worked steps and its answer,
// all computed by code. Owns the Problem type, its conversion to a ReasoningTrace, and the
// held-out split that keeps evaluation prompts out of every training corpus. Must never hold
// state between calls or draw randomness from anywhere but the Random it is given.
import type { ReasoningTrace, TraceMeta } from '../traces/types';
import { CURRENT_TRACE_VERSION } from '../traces/types';
import type { Random } from './random';

export type Difficulty = 'easy' | 'medium' | 'hard';

export interface ProblemStep {
  type: string;
  content: string;
}

export interface Problem {
  prompt: string;
  steps: ProblemStep[];
  answer: string;
  /** The family that made it, e.g. `reverse` or `shopping_change`. */
  template: string;
  difficulty: Difficulty;
}

/** A family draws one problem from its space. */
export type ProblemFamily = (random: Random) => Problem;

export function step(type: string, content: string): ProblemStep {
  return { type, content };
}

export function problemToTrace(problem: Problem, meta: TraceMeta): ReasoningTrace {
  return {
    trace_version: CURRENT_TRACE_VERSION,
    prompt: problem.prompt,
    steps: problem.steps.map((s, i) => ({ i, type: s.type, content: s.content })),
    final_answer: problem.answer,
    meta,
  };
}

/** Collapse every run of whitespace to one space and trim: the key prompts are compared by. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One prompt in this many (by hash of its normalized text) is reserved for evaluation. */
export const EVAL_RESERVED_ONE_IN = 16;

/** Whether a UTF-16 code unit is matched by the regular expression `\s`. */
function isWhitespace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 ||
    code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * FNV-1a (32-bit) of normalizeWhitespace(text), in one pass without building the string, then
 * MurmurHash3's finalizer so that prompts differing in one digit land far apart.
 */
export function normalizedPromptHash(text: string): number {
  let hash = 0x811c9dc5;
  let pendingSpace = false;
  let started = false;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (isWhitespace(code)) {
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) {
      hash = Math.imul(hash ^ 0x20, 0x01000193);
      pendingSpace = false;
    }
    started = true;
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * Whether a prompt belongs to the evaluation side of the split. The split is a fixed hash of
 * the whitespace-normalized prompt, independent of any seed: training generators never emit a
 * reserved prompt, eval sets only use reserved prompts, so no eval prompt can appear in any
 * training corpus, whatever its seed or size.
 */
export function isReservedForEval(prompt: string): boolean {
  return normalizedPromptHash(prompt) % EVAL_RESERVED_ONE_IN === 0;
}

const MAX_DRAWS = 10_000;

function drawWhere(family: ProblemFamily, random: Random, wantReserved: boolean): Problem {
  for (let attempt = 0; attempt < MAX_DRAWS; attempt++) {
    const problem = family(random);
    if (isReservedForEval(problem.prompt) === wantReserved) return problem;
  }
  throw new Error('a problem family could not produce a prompt on the requested side of the split');
}

/** A problem for a training corpus: never a prompt reserved for evaluation. */
export function drawTrainingProblem(family: ProblemFamily, random: Random): Problem {
  return drawWhere(family, random, false);
}

/** A problem for an eval set: always a prompt reserved for evaluation. */
export function drawEvalProblem(family: ProblemFamily, random: Random): Problem {
  return drawWhere(family, random, true);
}

/** Money from integer cents: `$12` or `$12.50`. */
export function formatDollars(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? `$${whole}` : `$${whole}.${String(rest).padStart(2, '0')}`;
}

/** A quotient of integers written exactly with at most three decimals (`1.5`, `0.25`). */
export function formatThousandths(thousandths: number): string {
  const whole = Math.floor(thousandths / 1000);
  const rest = thousandths % 1000;
  if (rest === 0) return String(whole);
  return `${whole}.${String(rest).padStart(3, '0').replace(/0+$/, '')}`;
}
