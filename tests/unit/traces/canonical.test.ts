// Canonical serialization and content hashes: exact canonical bytes, a hash checked against
// node:crypto, invariance under key order and whitespace, and sensitivity to any content change.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, contentHashes } from '../../../src/traces/canonical';
import type { ReasoningTrace } from '../../../src/traces/types';

function fixedTrace(): ReasoningTrace {
  return {
    trace_version: '1.0',
    prompt: 'Café costs €3 — how much are "two"?',
    steps: [
      { i: 0, type: 'computation', content: '2 × 3 = 6\nline two' },
      { i: 1, type: 'conclusion', content: 'Six euros 😀' },
    ],
    final_answer: '€6',
    meta: { source: 'test', nested: { z: 1, a: [true, null, { y: 'b', x: 2.5 }] }, count: 3 },
  };
}

/** Written out by hand: keys sorted at every level, no whitespace, JSON string escapes. */
const FIXED_CANONICAL =
  '{"final_answer":"€6",' +
  '"meta":{"count":3,"nested":{"a":[true,null,{"x":2.5,"y":"b"}],"z":1},"source":"test"},' +
  '"prompt":"Café costs €3 — how much are \\"two\\"?",' +
  '"steps":[{"content":"2 × 3 = 6\\nline two","i":0,"type":"computation"},{"content":"Six euros 😀","i":1,"type":"conclusion"}],' +
  '"trace_version":"1.0"}';

/** The same value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).reverse();
  return Object.fromEntries(entries.map(([key, item]) => [key, reverseKeys(item)]));
}

describe('canonicalJson', () => {
  it('sorts keys at every level and writes no whitespace', () => {
    expect(canonicalJson(fixedTrace())).toBe(FIXED_CANONICAL);
  });

  it('writes absent meta as null, the same as null meta', () => {
    const { meta: _meta, ...withoutMeta } = fixedTrace();
    expect(canonicalJson(withoutMeta)).toContain('"meta":null,');
    expect(canonicalJson(withoutMeta)).toBe(canonicalJson({ ...withoutMeta, meta: null }));
  });

  it('does not depend on key order', () => {
    const reordered = reverseKeys(fixedTrace()) as ReasoningTrace;
    expect(Object.keys(reordered)[0]).toBe('meta');
    expect(canonicalJson(reordered)).toBe(FIXED_CANONICAL);
  });

  it('keeps steps in their given order', () => {
    const trace = fixedTrace();
    trace.steps.reverse();
    expect(canonicalJson(trace).indexOf('"i":1')).toBeLessThan(canonicalJson(trace).indexOf('"i":0'));
  });

  it('is valid JSON that parses back to the same trace', () => {
    expect(JSON.parse(canonicalJson(fixedTrace()))).toEqual(fixedTrace());
  });
});

describe('contentHash', () => {
  it('is the lowercase hex sha-256 of the UTF-8 canonical JSON', async () => {
    const expected = createHash('sha256').update(FIXED_CANONICAL, 'utf8').digest('hex');
    expect(await contentHash(fixedTrace())).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ignores key order and whitespace of the source text', async () => {
    const compact = JSON.parse(JSON.stringify(fixedTrace())) as ReasoningTrace;
    const pretty = JSON.parse(JSON.stringify(reverseKeys(fixedTrace()), null, 4)) as ReasoningTrace;
    expect(await contentHash(pretty)).toBe(await contentHash(compact));
  });

  const changes: [string, (trace: ReasoningTrace) => void][] = [
    ['trace_version', (t) => (t.trace_version = '1.1')],
    ['one prompt character', (t) => (t.prompt = t.prompt.replace('two', 'tw0'))],
    ['a step type', (t) => (t.steps[0]!.type = 'observation')],
    ['a step index', (t) => (t.steps[1]!.i = 2)],
    ['a step content', (t) => (t.steps[1]!.content += ' ')],
    ['the step order', (t) => t.steps.reverse()],
    ['the final answer', (t) => (t.final_answer = '€7')],
    ['a nested meta value', (t) => ((t.meta!.nested as { z: number }).z = 2)],
    ['a meta key', (t) => (t.meta = { ...t.meta, extra: 1 })],
    ['meta {} instead of absent', (t) => (t.meta = {})],
  ];

  it.each(changes)('changes when %s changes', async (_label, change) => {
    const changed = fixedTrace();
    change(changed);
    expect(await contentHash(changed)).not.toBe(await contentHash(fixedTrace()));
  });
});

describe('contentHashes', () => {
  it('hashes many traces in order, across its internal batches', async () => {
    const traces = Array.from({ length: 600 }, (_, n) => ({ ...fixedTrace(), prompt: `prompt ${n}` }));
    const hashes = await contentHashes(traces);
    expect(hashes).toHaveLength(600);
    for (const n of [0, 255, 256, 599]) {
      expect(hashes[n]).toBe(createHash('sha256').update(canonicalJson(traces[n]!), 'utf8').digest('hex'));
    }
    expect(new Set(hashes).size).toBe(600);
  });

  it('returns an empty list for no traces', async () => {
    expect(await contentHashes([])).toEqual([]);
  });
});
