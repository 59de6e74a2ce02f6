import { describe, expect, it } from 'vitest';
import { EVAL_V1, EVAL_V2, answerKey, buildEvalSet } from '../../../src/generators/evalsets';
import { isReservedForEval, normalizeWhitespace } from '../../../src/generators/problem';
import { generateTraces } from '../../../src/generators/registry';
import type { GeneratorName } from '../../../src/generators/registry';
import type { EvalItem } from '../../../src/evaluate/evalset';
import { solveFromPrompt } from '../generators/oracle';

const v1 = buildEvalSet(EVAL_V1);
const v2 = buildEvalSet(EVAL_V2);

function countOf(items: readonly EvalItem[], key: (item: EvalItem) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

describe('eval set composition', () => {
  it('eval_v1 has 25 items across the eight categories of the issue', () => {
    expect(v1).toHaveLength(25);
    expect(Object.keys(countOf(v1, (i) => i.category)).sort()).toEqual([
      'arithmetic', 'geometry', 'knowledge_free_reasoning', 'logic', 'percentages', 'string_manipulation', 'units', 'word_count',
    ]);
  });

  it('eval_v2 has 100 items: core 60, trace_sensitive 25, edge_case 15', () => {
    expect(v2).toHaveLength(100);
    expect(countOf(v2, (i) => i.section ?? '')).toEqual({ core: 60, trace_sensitive: 25, edge_case: 15 });
  });

  it('trace_sensitive items need at least three steps in their family', () => {
    const multiStep = /^(Add: \d\d \+ \d\d|Compute |.* is (taller|older|faster) than|.* crates|.* buys|A \w+ covers)/;
    for (const item of v2.filter((i) => i.section === 'trace_sensitive')) expect(item.prompt).toMatch(multiStep);
  });

  it('has unique ids and unique prompts after whitespace normalization', () => {
    for (const items of [v1, v2]) {
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      expect(new Set(items.map((i) => normalizeWhitespace(i.prompt))).size).toBe(items.length);
    }
  });
});

describe('eval set honesty', () => {
  it('no single expected answer covers more than 5% of a set', () => {
    for (const items of [v1, v2]) {
      const counts = Object.values(countOf(items, (i) => answerKey(i.expected_answer)));
      expect(Math.max(...counts) / items.length).toBeLessThanOrEqual(0.05);
    }
  });

  it('every expected answer is what an independent solver computes from its prompt', () => {
    for (const item of [...v1, ...v2]) expect(item.expected_answer, item.prompt).toBe(solveFromPrompt(item.prompt));
  });

  it('never contains the chat template markers', () => {
    for (const item of [...v1, ...v2]) {
      for (const text of [item.prompt, item.expected_answer]) expect(text).not.toMatch(/<start_of_turn>|<end_of_turn>/);
    }
  });

  it('is deterministic', () => {
    expect(buildEvalSet(EVAL_V2)).toEqual(v2);
  });
});

/** Whitespace-normalized prompts of seeds 0..100 of a generator at the given size. */
function trainingPrompts(generator: GeneratorName, count: number): Set<string> {
  const prompts = new Set<string>();
  for (let seed = 0; seed <= 100; seed++) {
    for (const trace of generateTraces({ generator, count, seed })) prompts.add(normalizeWhitespace(trace.prompt));
  }
  return prompts;
}

describe('no eval prompt in any generated training corpus (seeds 0-100)', () => {
  const evalPrompts = [...v1, ...v2].map((i) => normalizeWhitespace(i.prompt));
  const corpora: [GeneratorName, number][] = [
    ['reasoning_corpus', 5000],
    ['curriculum', 5000],
    ['ungar_high_card_duel', 100],
    ['ungar_high_card_duel_outcome', 500],
  ];

  for (const [generator, count] of corpora) {
    it(`${generator} (${count} traces per seed)`, () => {
      const prompts = trainingPrompts(generator, count);
      expect(evalPrompts.filter((prompt) => prompts.has(prompt))).toEqual([]);
      if (generator === 'ungar_high_card_duel_outcome') {
        // The check has teeth: the corpus covers nearly every deal that is not held out.
        expect(prompts.size).toBeGreaterThan(0.9 * (52 * 51 - 200));
      }
      if (generator === 'curriculum') {
        // Every single-digit sum that is not held out is in the corpus, so the held-out ones are really missing.
        const sums = Array.from({ length: 100 }, (_, k) => `Add: ${Math.floor(k / 10)} + ${k % 10}`);
        expect(sums.filter((prompt) => !prompts.has(prompt))).toEqual(sums.filter((prompt) => isReservedForEval(prompt)));
      }
    });
  }
});
