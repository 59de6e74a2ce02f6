import { describe, expect, it } from 'vitest';
import {
  drawEvalProblem,
  drawTrainingProblem,
  formatDollars,
  formatThousandths,
  isReservedForEval,
  normalizeWhitespace,
  normalizedPromptHash,
  problemToTrace,
} from '../../../src/generators/problem';
import type { ProblemFamily } from '../../../src/generators/problem';
import { Random } from '../../../src/generators/random';

const numbered: ProblemFamily = (random) => {
  const n = random.between(0, 100_000);
  return { prompt: `Echo ${n}`, steps: [{ type: 'echo', content: String(n) }], answer: String(n), template: 'echo', difficulty: 'easy' };
};

describe('the held-out split', () => {
  it('hashes a prompt exactly as its whitespace-normalized form', () => {
    const variants = ['What is 3 + 4?', '  What is 3 + 4?\n', 'What\tis 3  +\n4?', '\u00a0What is 3 + 4?\u3000'];
    for (const variant of variants) {
      expect(normalizeWhitespace(variant)).toBe('What is 3 + 4?');
      expect(normalizedPromptHash(variant)).toBe(normalizedPromptHash('What is 3 + 4?'));
    }
    expect(normalizedPromptHash('What is 3 + 4?')).not.toBe(normalizedPromptHash('What is 3 + 5?'));
  });

  it('reserves about one prompt in sixteen', () => {
    let reserved = 0;
    for (let n = 0; n < 32_000; n++) if (isReservedForEval(`Echo ${n}`)) reserved++;
    expect(reserved / 32_000).toBeGreaterThan(0.05);
    expect(reserved / 32_000).toBeLessThan(0.075);
  });

  it('draws training problems only outside the reserved side and eval problems only inside', () => {
    const random = new Random(9);
    for (let k = 0; k < 300; k++) {
      expect(isReservedForEval(drawTrainingProblem(numbered, random).prompt)).toBe(false);
      expect(isReservedForEval(drawEvalProblem(numbered, random).prompt)).toBe(true);
    }
  });

  it('gives up with an error on a family that has no prompt on the requested side', () => {
    const constant: ProblemFamily = () => ({ prompt: 'Echo 1', steps: [], answer: '1', template: 'c', difficulty: 'easy' });
    const side = isReservedForEval('Echo 1');
    const draw = side ? drawTrainingProblem : drawEvalProblem;
    expect(() => draw(constant, new Random(1))).toThrow(/split/);
  });
});

describe('formatting', () => {
  it('writes dollars from cents', () => {
    expect(formatDollars(1200)).toBe('$12');
    expect(formatDollars(1250)).toBe('$12.50');
    expect(formatDollars(5)).toBe('$0.05');
  });

  it('writes thousandths exactly', () => {
    expect(formatThousandths(1600)).toBe('1.6');
    expect(formatThousandths(2000)).toBe('2');
    expect(formatThousandths(1025)).toBe('1.025');
  });

  it('numbers steps from zero when turning a problem into a trace', () => {
    const trace = problemToTrace(numbered(new Random(1)), { source: 'test' });
    expect(trace.steps.map((s) => s.i)).toEqual([0]);
    expect(trace.trace_version).toBe('1.0');
  });
});
