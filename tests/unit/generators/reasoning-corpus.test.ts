import { describe, expect, it } from 'vitest';
import { REASONING_CORPUS_FAMILIES, REASONING_CORPUS_SHARES, generateReasoningCorpus } from '../../../src/generators/reasoning-corpus';
import { isReservedForEval } from '../../../src/generators/problem';
import { Random } from '../../../src/generators/random';
import { SPECIAL_CHARACTERS } from '../../../src/generators/vocabulary';
import type { ReasoningTrace } from '../../../src/traces/types';
import { solveFromPrompt } from './oracle';
import { checkEquations, structuralProblems } from './trace-checks';

const corpus550: ReasoningTrace[] = [...generateReasoningCorpus(550, 42)];

function countBy(traces: readonly ReasoningTrace[], key: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const trace of traces) {
    const value = String(trace.meta?.[key]);
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

describe('reasoning corpus', () => {
  it('has the declared composition for 550 traces with seed 42: 385 / 110 / 35 / 20', () => {
    expect(corpus550).toHaveLength(550);
    expect(countBy(corpus550, 'category')).toEqual({ reasoning: 385, synthetic: 110, golden: 35, edge_case: 20 });
  });

  it('stays within one trace of every declared share at other sizes', () => {
    for (const size of [100, 333, 1001]) {
      const counts = countBy([...generateReasoningCorpus(size, 5)], 'category');
      for (const share of REASONING_CORPUS_SHARES) {
        expect(Math.abs((counts[share.name] ?? 0) - (size * share.percent) / 100)).toBeLessThan(1);
      }
    }
  });

  it('gives every trace of a set distinct content, so a set of N stores N traces', () => {
    expect(new Set(corpus550.map((trace) => JSON.stringify(trace))).size).toBe(550);
    expect(new Set([...generateReasoningCorpus(5000, 3)].map((trace) => JSON.stringify(trace))).size).toBe(5000);
  });

  it('produces structurally valid, chat-template-safe traces with the documented meta', () => {
    for (const [position, trace] of corpus550.entries()) {
      expect(structuralProblems(trace)).toEqual([]);
      expect(Object.keys(trace.meta ?? {})).toEqual(['source', 'category', 'difficulty', 'template', 'seed', 'index']);
      expect(trace.meta?.index).toBe(position);
      expect(trace.meta).toMatchObject({ source: 'reasoning_corpus', seed: 42 });
      expect(['easy', 'medium', 'hard']).toContain(trace.meta?.difficulty);
    }
  });

  it('uses every template of every category', () => {
    const templates = new Set([...generateReasoningCorpus(5000, 1)].map((t) => t.meta?.template));
    const random = new Random(0);
    const declared = new Set(REASONING_CORPUS_FAMILIES.flat().map((family) => family(random).template));
    expect(templates).toEqual(declared);
    expect(declared.size).toBe(30);
  });

  it('writes only true arithmetic in its steps', () => {
    let checked = 0;
    for (const trace of generateReasoningCorpus(3000, 3)) {
      for (const s of trace.steps) {
        for (const { equation, holds } of checkEquations(s.content)) {
          expect(holds, `${equation} in ${trace.meta?.template}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(3000);
  });

  it('gives answers that an independent solver reads back from the prompt', () => {
    const unsolved = new Set<string>();
    for (const trace of generateReasoningCorpus(3000, 4)) {
      const solved = solveFromPrompt(trace.prompt);
      if (solved === undefined) unsolved.add(String(trace.meta?.template));
      else expect(trace.final_answer, trace.prompt).toBe(solved);
    }
    expect([...unsolved]).toEqual([]);
  });

  it('states the final answer in the last step of every multi-step reasoning trace', () => {
    for (const trace of corpus550.filter((t) => t.meta?.category === 'reasoning')) {
      expect(trace.steps.length).toBeGreaterThanOrEqual(2);
      expect(trace.steps.at(-1)?.content).toContain(trace.final_answer.replace('$', ''));
    }
  });

  it('covers the edge cases: one step, long prompt, special characters, Unicode, surrounding whitespace', () => {
    const edges = [...generateReasoningCorpus(3000, 8)].filter((t) => t.meta?.category === 'edge_case');
    const byTemplate = (name: string) => edges.filter((t) => t.meta?.template === name);
    expect(byTemplate('minimal_one_step').every((t) => t.steps.length === 1)).toBe(true);
    expect(byTemplate('long_prompt').every((t) => t.prompt.length > 300)).toBe(true);
    const specials = (text: string) => Array.from(text).filter((c) => SPECIAL_CHARACTERS.includes(c)).length;
    expect(byTemplate('special_characters').every((t) => specials(t.prompt) >= 2)).toBe(true);
    expect(byTemplate('unicode_text').every((t) => Array.from(t.prompt).some((c) => c.charCodeAt(0) > 127))).toBe(true);
    expect(byTemplate('surrounding_whitespace').every((t) => t.prompt !== t.prompt.trim())).toBe(true);
  });

  it('never emits a prompt reserved for evaluation', () => {
    for (const trace of generateReasoningCorpus(5000, 11)) expect(isReservedForEval(trace.prompt)).toBe(false);
  });
});
