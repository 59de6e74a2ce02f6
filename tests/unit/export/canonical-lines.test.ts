// The export's text path: every format's line written from a canonical record is the line
// renderLine writes for the parsed trace, over the fixtures and seeded random traces full of
// escapes, Unicode, lone surrogates and nested meta; records it cannot splice come back as null.
import { describe, expect, it } from 'vitest';
import { canonicalLineWriter, type CanonicalLineWriter } from '../../../src/export/canonical-lines';
import { EXPORT_FORMATS, type ExportFormat } from '../../../src/export/formats';
import { renderLine } from '../../../src/export/renderers';
import { Random } from '../../../src/generators/random';
import { canonicalJson, type CanonicalTrace } from '../../../src/traces/canonical';
import type { ReasoningTrace, StoredTrace, TraceMeta } from '../../../src/traces/types';
import { ADDITION, COLLIDING_META, NO_STEPS, UNICODE } from './fixtures';

const CREATED_AT = '2026-01-02T03:04:05.678Z';

/** The line a writer gives for `record` (its pieces joined), or null when it leaves it to the parse. */
function lineOf(writer: CanonicalLineWriter, record: CanonicalTrace): string | null {
  const out = ['before'];
  if (!writer(record, out)) {
    expect(out).toEqual(['before']);
    return null;
  }
  return out.slice(1).join('');
}

/** The record as the store keeps it, and the trace the store's parse gives back. */
function stored(trace: ReasoningTrace, id: string): { record: CanonicalTrace; parsed: StoredTrace } {
  const canonical = canonicalJson(trace);
  const parsed = { ...(JSON.parse(canonical) as ReasoningTrace), id, created_at: CREATED_AT } as StoredTrace;
  return { record: { id, created_at: CREATED_AT, canonical }, parsed };
}

// Quotes, backslashes, control characters, JSON-looking text, template tags, U+2028, an emoji
// (a surrogate pair), both lone surrogate halves, accents and CJK.
const PIECES = ['a', 'Z', '7', ' ', '"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '{', '}', '[', ']', ',', ':', '"i":', '<end_of_turn>', '\u2028', '😀', '\ud800', '\udc00', 'é', '日本'];
const KEYS = ['a', 'b', 'category', 'é', 'with space', 'x"y', 'long_key_name'];

function text(random: Random, min = 1): string {
  let out = '';
  const length = random.between(min, 12);
  for (let k = 0; k < length; k++) out += random.pick(PIECES);
  return out;
}

function metaValue(random: Random, depth: number): unknown {
  switch (random.below(depth > 2 ? 4 : 6)) {
    case 0:
      return text(random, 0);
    case 1:
      return random.below(3) === 0 ? -random.next() * 1e6 : random.between(-50, 5000);
    case 2:
      return random.below(2) === 0;
    case 3:
      return null;
    case 4:
      return Array.from({ length: random.below(4) }, () => metaValue(random, depth + 1));
    default:
      return randomMeta(random, depth + 1);
  }
}

function randomMeta(random: Random, depth: number): TraceMeta {
  const meta: TraceMeta = {};
  const count = random.below(5);
  for (let k = 0; k < count; k++) meta[random.pick(KEYS)] = metaValue(random, depth);
  return meta;
}

function randomTrace(random: Random): ReasoningTrace {
  const trace: ReasoningTrace = {
    trace_version: random.below(4) === 0 ? text(random) : '1.0',
    prompt: text(random),
    steps: Array.from({ length: random.below(5) }, (_, i) => ({ i: random.below(3) === 0 ? i * 10 : i, type: text(random), content: text(random) })),
    final_answer: text(random),
  };
  const shape = random.below(4);
  if (shape === 1) trace.meta = null;
  else if (shape >= 2) trace.meta = randomMeta(random, 1);
  return trace;
}

const OPTIONS = [{}, { systemInstruction: 'You are "careful" \\ tutor\n😀 \ud800' }, { systemInstruction: '' }];

function expectSameLines(format: ExportFormat, trace: ReasoningTrace, id: string): boolean {
  const { record, parsed } = stored(trace, id);
  let spliced = true;
  for (const options of OPTIONS) {
    const line = lineOf(canonicalLineWriter(format, options), record);
    if (line === null) spliced = false;
    else expect(line).toBe(renderLine(format, parsed, options));
  }
  return spliced;
}

describe('canonicalLineWriter', () => {
  it.each(EXPORT_FORMATS)('%s: writes the fixtures exactly as renderLine writes the stored trace', (format) => {
    for (const trace of [ADDITION, UNICODE, NO_STEPS]) expect(expectSameLines(format, trace, trace.id)).toBe(true);
  });

  // KEYS has no integer-like key and none of the formats' own keys: every record is spliced.
  it.each(EXPORT_FORMATS)('%s: writes each of 2,000 seeded random traces itself, exactly as renderLine', (format) => {
    const random = new Random(2026);
    for (let n = 0; n < 2_000; n++) expect(expectSameLines(format, randomTrace(random), `id-${n}-"quoted"`)).toBe(true);
  });

  it('leaves meta with integer-like keys to the parsed path (JSON.parse puts them first)', () => {
    const trace: ReasoningTrace = { ...ADDITION, meta: { b: 1, nested: { z: 1, '10': 2, '9': 3 } } };
    const { record, parsed } = stored(trace, ADDITION.id);
    expect(lineOf(canonicalLineWriter('tunix_sft'), record)).toBeNull();
    expect(renderLine('tunix_sft', parsed)).toContain('"nested":{"9":3,"10":2,"z":1}');
    expect(lineOf(canonicalLineWriter('messages'), record)).not.toBeNull(); // messages carry no meta
  });

  it("leaves meta with the format's own keys to the parsed path", () => {
    const { record } = stored(COLLIDING_META, COLLIDING_META.id);
    for (const format of ['trace', 'tunix_sft', 'training_example'] as const) expect(lineOf(canonicalLineWriter(format), record)).toBeNull();
    const onlyFormat = stored({ ...ADDITION, meta: { format: 'mine' } }, ADDITION.id).record;
    expect(lineOf(canonicalLineWriter('trace'), onlyFormat)).not.toBeNull();
    expect(lineOf(canonicalLineWriter('tunix_sft'), onlyFormat)).toBeNull();
  });

  it('returns null for text that is not a canonical record', () => {
    const writer = canonicalLineWriter('tunix_sft');
    const canonical = canonicalJson(ADDITION);
    for (const broken of [
      JSON.stringify(ADDITION),
      canonical.slice(0, -1),
      `${canonical} `,
      canonical.replace('"steps":[{', '"steps":[,{'),
      canonical.replace('}],"trace_version"', '},],"trace_version"'),
      canonical.replace('"i":0', '"i":"0"'),
      '',
    ]) {
      expect(lineOf(writer, { id: 'x', created_at: CREATED_AT, canonical: broken })).toBeNull();
    }
  });
});
