// validateTrace: every limit on both sides, every path format, all errors at once, and the fresh
// copy it returns. utf8ByteLength against TextEncoder.
import { describe, expect, it } from 'vitest';
import { utf8ByteLength, validateTrace } from '../../../src/traces/validate';

const ALLOWED = 'unknown field (allowed: trace_version, prompt, steps, final_answer, meta)';

function baseTrace(): Record<string, unknown> {
  return {
    trace_version: '1.0',
    prompt: 'What is 2 + 2?',
    steps: [
      { i: 0, type: 'computation', content: '2 + 2 = 4' },
      { i: 1, type: 'conclusion', content: 'So the answer is 4' },
    ],
    final_answer: '4',
    meta: { source: 'test' },
  };
}

function errorsOf(value: unknown, options?: { serializedBytes?: number }) {
  const result = validateTrace(value, options);
  return result.ok ? [] : result.errors;
}

/** Sets `path` (dots and [n]) in a copy of the base trace. */
function withValue(path: string, value: unknown): Record<string, unknown> {
  const trace = structuredClone(baseTrace());
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let target = trace as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) target = target[part] as Record<string, unknown>;
  target[parts.at(-1)!] = value;
  return trace;
}

/** meta nested `levels` objects deep, meta itself being level 1. */
function nestedMeta(levels: number): Record<string, unknown> {
  let inner: Record<string, unknown> = { leaf: true };
  for (let level = 1; level < levels; level++) inner = { a: inner };
  return inner;
}

describe('validateTrace: the root', () => {
  it('accepts a well-formed trace', () => {
    expect(validateTrace(baseTrace())).toEqual({ ok: true, value: baseTrace() });
  });

  it.each([
    [[1, 2], 'array'],
    [null, 'null'],
    ['text', 'string'],
    [42, 'number'],
    [undefined, 'undefined'],
  ])('rejects %j at path "" naming its type', (value, type) => {
    expect(errorsOf(value)).toEqual([{ path: '', message: `expected an object, got ${type}` }]);
  });

  it('reports unknown top-level fields, never keeping them', () => {
    expect(errorsOf({ ...baseTrace(), foo: 1, 'my field': 2 })).toEqual([
      { path: 'foo', message: ALLOWED },
      { path: '["my field"]', message: ALLOWED },
    ]);
  });

  it('reports an own __proto__ or constructor key at the top level or in a step as forbidden', () => {
    const parsed = JSON.parse(JSON.stringify(baseTrace()).replace('{', '{"__proto__":{"x":1},').replace('"i":0', '"constructor":1,"i":0')) as unknown;
    expect(errorsOf(parsed)).toEqual([
      { path: 'steps[0].constructor', message: 'forbidden key "constructor"' },
      { path: '__proto__', message: 'forbidden key "__proto__"' },
    ]);
  });

  it('returns every error of a record at once, in field order', () => {
    const trace = {
      ...baseTrace(),
      prompt: '',
      final_answer: 7,
      steps: [{ i: -1, type: 'x', content: 'c', extra: true }],
      meta: [],
      bar: null,
    };
    expect(errorsOf(trace)).toEqual([
      { path: 'prompt', message: 'must be 1–50,000 characters, got 0' },
      { path: 'steps[0].i', message: 'must be an integer >= 0, got -1' },
      { path: 'steps[0].extra', message: 'unknown field (allowed: i, type, content)' },
      { path: 'final_answer', message: 'expected string, got number' },
      { path: 'meta', message: 'expected an object or null, got array' },
      { path: 'bar', message: ALLOWED },
    ]);
  });

  it('returns a fresh object with only the schema fields, steps copied', () => {
    const input = baseTrace();
    const result = validateTrace(input);
    if (!result.ok) throw new Error('expected ok');
    expect(result.value).not.toBe(input);
    expect(result.value.steps).not.toBe(input.steps);
    expect(result.value.steps[0]).not.toBe((input.steps as unknown[])[0]);
    expect(Object.keys(result.value)).toEqual(['trace_version', 'prompt', 'steps', 'final_answer', 'meta']);
    expect(result.value.meta).toBe(input.meta);
  });
});

describe('validateTrace: string fields', () => {
  it.each([
    ['trace_version', 64, '64'],
    ['prompt', 50_000, '50,000'],
    ['final_answer', 50_000, '50,000'],
    ['steps[1].type', 64, '64'],
    ['steps[1].content', 20_000, '20,000'],
  ])('%s: 1 and %i characters pass, 0 and one more fail', (path, max, maxText) => {
    expect(errorsOf(withValue(path, 'x'))).toEqual([]);
    expect(errorsOf(withValue(path, 'x'.repeat(max)))).toEqual([]);
    expect(errorsOf(withValue(path, ''))).toEqual([{ path, message: `must be 1–${maxText} characters, got 0` }]);
    const over = (max + 1).toLocaleString('en-US');
    expect(errorsOf(withValue(path, 'x'.repeat(max + 1)))).toEqual([{ path, message: `must be 1–${maxText} characters, got ${over}` }]);
  });

  it.each(['trace_version', 'prompt', 'final_answer', 'steps[0].type', 'steps[0].content'])('%s: names a wrong type and a missing field', (path) => {
    expect(errorsOf(withValue(path, 12))).toEqual([{ path, message: 'expected string, got number' }]);
    expect(errorsOf(withValue(path, null))).toEqual([{ path, message: 'expected string, got null' }]);
    expect(errorsOf(withValue(path, undefined))).toEqual([{ path, message: 'missing required field (expected string)' }]);
  });
});

describe('validateTrace: steps', () => {
  const step = (i: number) => ({ i, type: 't', content: 'c' });

  it('needs an array', () => {
    expect(errorsOf(withValue('steps', { 0: step(0) }))).toEqual([{ path: 'steps', message: 'expected an array, got object' }]);
    expect(errorsOf(withValue('steps', undefined))).toEqual([{ path: 'steps', message: 'missing required field (expected array)' }]);
  });

  it('accepts 1 and 1,000 steps and rejects 0 and 1,001', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => step(i));
    expect(errorsOf(withValue('steps', many(1)))).toEqual([]);
    expect(errorsOf(withValue('steps', many(1_000)))).toEqual([]);
    expect(errorsOf(withValue('steps', []))).toEqual([{ path: 'steps', message: 'must have 1–1,000 items, got 0' }]);
    expect(errorsOf(withValue('steps', many(1_001)))).toEqual([{ path: 'steps', message: 'must have 1–1,000 items, got 1,001' }]);
  });

  it('needs each step to be an object', () => {
    expect(errorsOf(withValue('steps[1]', 'text'))).toEqual([{ path: 'steps[1]', message: 'expected an object, got string' }]);
    expect(errorsOf(withValue('steps[1]', [1]))).toEqual([{ path: 'steps[1]', message: 'expected an object, got array' }]);
  });

  it('accepts index 0 and large indexes, rejects negatives, fractions and non-numbers', () => {
    expect(errorsOf(withValue('steps[0].i', 0))).toEqual([]);
    expect(errorsOf(withValue('steps[1].i', 1_000_000))).toEqual([]);
    expect(errorsOf(withValue('steps[1].i', -1))).toEqual([{ path: 'steps[1].i', message: 'must be an integer >= 0, got -1' }]);
    expect(errorsOf(withValue('steps[1].i', 1.5))).toEqual([{ path: 'steps[1].i', message: 'must be an integer >= 0, got 1.5' }]);
    expect(errorsOf(withValue('steps[1].i', '3'))).toEqual([{ path: 'steps[1].i', message: 'expected integer, got string' }]);
    expect(errorsOf(withValue('steps[1].i', undefined))).toEqual([{ path: 'steps[1].i', message: 'missing required field (expected integer)' }]);
  });

  it('reports a repeated index at the later step, naming the first', () => {
    expect(errorsOf(withValue('steps', [step(0), step(3), step(3), step(3)]))).toEqual([
      { path: 'steps[2].i', message: 'duplicate step index 3 (also at steps[1])' },
      { path: 'steps[3].i', message: 'duplicate step index 3 (also at steps[1])' },
    ]);
  });

  it('accepts unique indexes in any order', () => {
    expect(errorsOf(withValue('steps', [step(5), step(2), step(9)]))).toEqual([]);
  });

  it('reports unknown fields inside a step', () => {
    expect(errorsOf(withValue('steps[1].foo', 'bar'))).toEqual([{ path: 'steps[1].foo', message: 'unknown field (allowed: i, type, content)' }]);
  });
});

describe('validateTrace: meta', () => {
  it('keeps absent meta absent and null meta null', () => {
    const { meta: _meta, ...withoutMeta } = baseTrace();
    const absent = validateTrace(withoutMeta);
    expect(absent.ok && 'meta' in absent.value).toBe(false);
    const nullMeta = validateTrace({ ...baseTrace(), meta: null });
    expect(nullMeta.ok && nullMeta.value.meta).toBeNull();
  });

  it.each([
    ['list', 'array'],
    ['text', 'string'],
    [3, 'number'],
  ])('rejects meta %j', (value, type) => {
    const meta = value === 'list' ? [1] : value;
    expect(errorsOf(withValue('meta', meta))).toEqual([{ path: 'meta', message: `expected an object or null, got ${type}` }]);
  });

  it('rejects prototype-pollution keys at any depth, with their path', () => {
    const text = JSON.stringify(baseTrace()).replace(
      '"meta":{',
      '"meta":{"__proto__":{"polluted":true},"a":{"constructor":1},"list":[{"prototype":2}],"odd key":{"__proto__":3},',
    );
    expect(errorsOf(JSON.parse(text))).toEqual([
      { path: 'meta.__proto__', message: 'forbidden key "__proto__"' },
      { path: 'meta.a.constructor', message: 'forbidden key "constructor"' },
      { path: 'meta.list[0].prototype', message: 'forbidden key "prototype"' },
      { path: 'meta["odd key"].__proto__', message: 'forbidden key "__proto__"' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts 32 levels of nesting and rejects 33', () => {
    expect(errorsOf(withValue('meta', nestedMeta(32)))).toEqual([]);
    const deepPath = 'meta' + '.a'.repeat(32);
    expect(errorsOf(withValue('meta', nestedMeta(33)))).toEqual([{ path: deepPath, message: 'nesting deeper than 32 levels' }]);
  });

  it('counts arrays as levels too', () => {
    let value: unknown = 'leaf';
    for (let level = 1; level < 33; level++) value = [value];
    expect(errorsOf(withValue('meta', { list: value }))).toEqual([{ path: 'meta.list' + '[0]'.repeat(31), message: 'nesting deeper than 32 levels' }]);
  });

  it('never throws, even on a cyclic or non-JSON meta', () => {
    const meta: Record<string, unknown> = { big: 1n, bad: Number.NaN };
    meta.self = meta;
    const errors = errorsOf(withValue('meta', meta));
    expect(errors).toContainEqual({ path: 'meta.big', message: 'expected a JSON value, got bigint' });
    expect(errors).toContainEqual({ path: 'meta.bad', message: 'expected a finite number, got NaN' });
    expect(errors.some((e) => e.path.startsWith('meta.self.self') && e.message === 'nesting deeper than 32 levels')).toBe(true);
  });
});

describe('validateTrace: serialized size', () => {
  const LIMIT = 1_048_576;

  it('uses serializedBytes when the caller gives it', () => {
    expect(errorsOf(baseTrace(), { serializedBytes: LIMIT })).toEqual([]);
    expect(errorsOf(baseTrace(), { serializedBytes: LIMIT + 1 })).toEqual([
      { path: '', message: 'record is 1,048,577 bytes serialized; at most 1,048,576 allowed' },
    ]);
  });

  /** A valid trace whose JSON.stringify is exactly `bytes` UTF-8 bytes, padded with `pad`. */
  function traceOfBytes(bytes: number, pad: string): Record<string, unknown> {
    const utf8 = (text: string) => new TextEncoder().encode(text).length;
    const trace = baseTrace();
    const steps = Array.from({ length: 80 }, (_, i) => ({ i, type: 't', content: pad }));
    trace.steps = steps;
    let missing = bytes - utf8(JSON.stringify(trace));
    const repeatsPerStep = Math.floor(20_000 / pad.length);
    for (const step of steps) {
      const more = Math.min(repeatsPerStep - 1, Math.floor(missing / utf8(pad)));
      step.content += pad.repeat(more);
      missing -= more * utf8(pad);
    }
    trace.prompt = (trace.prompt as string) + 'x'.repeat(missing);
    expect(utf8(JSON.stringify(trace))).toBe(bytes);
    return trace;
  }

  it.each([
    ['ASCII', 'x'],
    ['two-byte', 'é'],
    ['four-byte', '😀'],
  ])('computes the UTF-8 size itself (%s text): 1 MiB passes, one byte more fails', (_label, pad) => {
    expect(errorsOf(traceOfBytes(LIMIT, pad))).toEqual([]);
    expect(errorsOf(traceOfBytes(LIMIT + 1, pad))).toEqual([
      { path: '', message: 'record is 1,048,577 bytes serialized; at most 1,048,576 allowed' },
    ]);
  });
});

describe('utf8ByteLength', () => {
  it.each(['', 'plain ascii', 'café', '€100', 'emoji 😀 and 𝄞', '\u0000\u007f\u0080\u07ff\u0800\uffff', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d'])(
    'matches TextEncoder for %j',
    (text) => {
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
    },
  );
});
