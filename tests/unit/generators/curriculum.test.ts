import { describe, expect, it } from 'vitest';
import { CURRICULUM_FAMILIES, generateCurriculum } from '../../../src/generators/curriculum';
import { isReservedForEval } from '../../../src/generators/problem';
import type { ReasoningTrace } from '../../../src/traces/types';
import { solveFromPrompt } from './oracle';
import { checkEquations, structuralProblems } from './trace-checks';

const traces: ReasoningTrace[] = [...generateCurriculum(4000, 17)];

/** The operands as written in the prompt: the letters or numbers after the colon. */
function operands(prompt: string): string[] {
  return (prompt.split(': ')[1] ?? '').split(/ \+ | - | or /);
}

describe('curriculum corpus', () => {
  it('gives every trace distinct content (meta.index is its position), though problems repeat', () => {
    expect(new Set(traces.map((trace) => JSON.stringify(trace))).size).toBe(traces.length);
    expect(traces.map((trace) => trace.meta?.index)).toEqual(traces.map((_, position) => position));
    const problems = new Set(traces.map((trace) => `${trace.prompt}\u0000${trace.final_answer}`));
    expect(problems.size).toBeLessThan(traces.length);
  });

  it('has exactly the declared family shares', () => {
    const counts: Record<string, number> = {};
    for (const trace of traces) counts[String(trace.meta?.template)] = (counts[String(trace.meta?.template)] ?? 0) + 1;
    for (const family of CURRICULUM_FAMILIES) expect(counts[family.name]).toBe((4000 * family.percent) / 100);
  });

  it('is ordered from copying to single-digit to two-digit work', () => {
    const stages = traces.map((t) => Number(t.meta?.stage));
    for (let k = 1; k < stages.length; k++) expect(stages[k]).toBeGreaterThanOrEqual(stages[k - 1] as number);
    expect(traces[0]?.meta?.category).toBe('copy');
    expect(traces.at(-1)?.meta?.category).toBe('two_digit');
  });

  it('mixes the families within a stage instead of blocking them', () => {
    const firstHundred = new Set(traces.slice(0, 100).map((t) => t.meta?.template));
    expect(firstHundred).toEqual(new Set(['repeat', 'uppercase', 'reverse']));
  });

  it('restates the operands in the first step', () => {
    for (const trace of traces) {
      const first = trace.steps[0]?.content ?? '';
      for (const operand of operands(trace.prompt)) expect(first, trace.prompt).toContain(operand);
    }
  });

  it('keeps operands short: 3-5 letters or at most two digits', () => {
    for (const trace of traces) {
      for (const operand of operands(trace.prompt)) expect(operand).toMatch(/^([a-z]{3,5}|\d{1,2})$/);
    }
  });

  it('does one local operation per step, with true arithmetic', () => {
    for (const trace of traces) {
      for (const s of trace.steps) {
        const equations = checkEquations(s.content);
        expect(equations.length).toBeLessThanOrEqual(1);
        for (const { holds } of equations) expect(holds, s.content).toBe(true);
        expect(s.content.length).toBeLessThan(60);
      }
    }
  });

  it('gives answers an independent solver reads back from the prompt, and valid traces', () => {
    for (const trace of traces) {
      expect(structuralProblems(trace)).toEqual([]);
      expect(trace.final_answer).toBe(solveFromPrompt(trace.prompt));
      expect(isReservedForEval(trace.prompt)).toBe(false);
      expect(trace.meta).toMatchObject({ source: 'curriculum', seed: 17 });
    }
  });
});
