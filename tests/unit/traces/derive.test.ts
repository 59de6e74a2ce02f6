// toStoredTrace and meta terms: derived counts, the score, and which meta values become terms.
import { describe, expect, it } from 'vitest';
import { MAX_META_TERM_CHARS, metaTerm, metaTerms, toStoredTrace } from '../../../src/traces/derive';
import { baselineScore } from '../../../src/traces/score';
import type { ReasoningTrace } from '../../../src/traces/types';

const IDS = { id: '0190a5f2-0000-7000-8000-000000000001', created_at: '2025-01-02T03:04:05.000Z', content_hash: 'ab'.repeat(32) };

function trace(meta?: ReasoningTrace['meta']): ReasoningTrace {
  const base: ReasoningTrace = {
    trace_version: '1.0',
    prompt: 'What is 12 × 3?', // 15 chars
    steps: [
      { i: 0, type: 'computation', content: '12 × 3 = 36' }, // 11
      { i: 1, type: 'conclusion', content: 'Answer 36 😀' }, // 12 (the emoji is 2 code units)
    ],
    final_answer: '36', // 2
  };
  return meta === undefined ? base : { ...base, meta };
}

describe('toStoredTrace', () => {
  it('keeps the record and ids and derives counts, score and terms', () => {
    const stored = toStoredTrace(trace({ source: 'ungar', level: 2 }), IDS);
    expect(stored).toEqual({
      ...IDS,
      ...trace({ source: 'ungar', level: 2 }),
      step_count: 2,
      total_chars: 15 + 11 + 12 + 2,
      baseline_score: baselineScore(trace()),
      meta_terms: ['level=2', 'source=ungar'],
    });
  });

  it('leaves meta absent when the trace has none, and keeps null', () => {
    expect('meta' in toStoredTrace(trace(), IDS)).toBe(false);
    expect(toStoredTrace(trace(), IDS).meta_terms).toEqual([]);
    const withNull = toStoredTrace(trace(null), IDS);
    expect(withNull.meta).toBeNull();
    expect(withNull.meta_terms).toEqual([]);
  });
});

describe('metaTerms', () => {
  it('makes sorted key=value terms of top-level strings, finite numbers and booleans only', () => {
    const meta = {
      z: 'last',
      flag: false,
      ratio: 0.25,
      big: 1e21,
      none: null,
      nested: { a: 1 },
      list: [1, 2],
      infinite: Number.POSITIVE_INFINITY,
      missing: undefined,
    };
    expect(metaTerms(meta)).toEqual(['big=1e+21', 'flag=false', 'ratio=0.25', 'z=last']);
  });

  it(`keeps terms of ${MAX_META_TERM_CHARS} characters and skips longer ones`, () => {
    const fits = 'v'.repeat(MAX_META_TERM_CHARS - 2);
    expect(metaTerms({ k: fits })).toEqual([`k=${fits}`]);
    expect(metaTerms({ k: fits + 'v' })).toEqual([]);
  });

  it('lists a term once even when two keys spell it', () => {
    expect(metaTerms({ 'a=b': 'c', a: 'b=c' })).toEqual(['a=b=c']);
  });

  it('is empty without meta', () => {
    expect(metaTerms(undefined)).toEqual([]);
    expect(metaTerms(null)).toEqual([]);
    expect(metaTerms({})).toEqual([]);
  });
});

describe('metaTerm', () => {
  it('writes key=value with String(value), the form filters look up', () => {
    expect(metaTerm('source', 'ungar')).toBe('source=ungar');
    expect(metaTerm('count', 3)).toBe('count=3');
    expect(metaTerm('ok', true)).toBe('ok=true');
    expect(metaTerm('n', -0.5)).toBe('n=-0.5');
  });
});
