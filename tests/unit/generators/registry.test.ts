import { describe, expect, it } from 'vitest';
import {
  GENERATORS,
  MAX_TRACE_COUNT,
  MIN_TRACE_COUNT,
  countCategories,
  generateTraces,
  tallyComposition,
  validateGeneratorOptions,
} from '../../../src/generators/registry';
import type { GeneratorName } from '../../../src/generators/registry';
import { structuralProblems } from './trace-checks';

const NAMES = GENERATORS.map((g) => g.name);

describe('validateGeneratorOptions', () => {
  it('accepts every generator at both ends of the size range', () => {
    for (const generator of NAMES) {
      for (const count of [MIN_TRACE_COUNT, MAX_TRACE_COUNT]) {
        expect(validateGeneratorOptions({ generator, count, seed: 0 })).toEqual({ ok: true, value: { generator, count, seed: 0 } });
      }
    }
  });

  it('reports each bad field with its path', () => {
    const result = validateGeneratorOptions({ generator: 'nope', count: 99, seed: -1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(['generator', 'count', 'seed']);
  });

  it('rejects sizes outside 100..200,000 and non-integers', () => {
    for (const count of [0, 99, 200_001, 150.5, '500', Number.NaN]) {
      const result = validateGeneratorOptions({ generator: 'curriculum', count, seed: 1 });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors[0]?.path).toBe('count');
    }
    const result = validateGeneratorOptions({ generator: 'curriculum', count: 200_001, seed: 1 });
    if (!result.ok) expect(result.errors[0]?.message).toBe('count must be between 100 and 200,000, got 200001');
  });

  it('rejects a value that is not an object', () => {
    expect(validateGeneratorOptions(null).ok).toBe(false);
    expect(validateGeneratorOptions('curriculum').ok).toBe(false);
  });
});

describe('generateTraces', () => {
  it('yields exactly count valid traces for every generator', () => {
    for (const generator of NAMES) {
      const traces = [...generateTraces({ generator, count: 150, seed: 3 })];
      expect(traces).toHaveLength(150);
      for (const trace of traces) expect(structuralProblems(trace)).toEqual([]);
    }
  });

  it('can be pulled in chunks, the way a worker reports progress', () => {
    const stream = generateTraces({ generator: 'reasoning_corpus', count: 1000, seed: 5 });
    const chunks: number[] = [];
    for (;;) {
      let taken = 0;
      while (taken < 256 && !stream.next().done) taken++;
      if (taken === 0) break;
      chunks.push(taken);
    }
    expect(chunks).toEqual([256, 256, 256, 232]);
  });

  it('throws on options that did not validate', () => {
    expect(() => generateTraces({ generator: 'curriculum', count: 5, seed: 1 })).toThrow(RangeError);
    expect(() => generateTraces({ generator: 'x' as GeneratorName, count: 500, seed: 1 })).toThrow(RangeError);
  });
});

describe('countCategories', () => {
  it('equals the tally of the generated traces, for every generator', () => {
    for (const generator of NAMES) {
      const options = { generator, count: 777, seed: 12 };
      expect(countCategories(options)).toEqual(tallyComposition(generator, generateTraces(options)));
    }
  });

  it('declares the corpus shares without generating', () => {
    expect(countCategories({ generator: 'reasoning_corpus', count: 550, seed: 42 })).toEqual({
      reasoning: 385,
      synthetic: 110,
      golden: 35,
      edge_case: 20,
    });
  });
});
