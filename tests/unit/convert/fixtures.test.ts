import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_FORMATS, convertRecord, detectFormat, toPublicRecord } from '../../../src/traces/convert';
import type { PublicFormat } from '../../../src/traces/convert';
import type { ReasoningTrace } from '../../../src/traces/types';
import { validateTrace } from '../../../src/traces/validate';

const FIXTURES = resolve(__dirname, '../../fixtures/convert');

function readJsonl(name: string): unknown[] {
  return readFileSync(resolve(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as unknown);
}

function convertOrFail(format: PublicFormat, raw: unknown, line: number): ReasoningTrace {
  const result = convertRecord(format, raw, line);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.trace;
}

describe.each(PUBLIC_FORMATS)('%s fixture', (format) => {
  const records = readJsonl(`${format}.jsonl`);
  const expected = readJsonl(`${format}.expected.jsonl`);

  it('is detected as its own format', () => {
    expect(detectFormat(records)).toBe(format);
  });

  it('converts every record to the expected, valid trace with meta.source set', () => {
    expect(records.length).toBe(expected.length);
    records.forEach((raw, k) => {
      const trace = convertOrFail(format, raw, k + 1);
      expect(trace).toEqual(expected[k]);
      expect(validateTrace(trace).ok).toBe(true);
      expect(trace.meta?.source).toBe(format);
    });
  });

  it('round-trips: trace -> record -> the same trace', () => {
    records.forEach((raw, k) => {
      const trace = convertOrFail(format, raw, k + 1);
      const written = toPublicRecord(format, trace);
      expect(detectFormat([written])).toBe(format);
      expect(convertOrFail(format, written, k + 1)).toEqual(trace);
      if (format !== 'gsm8k') expect(written).toEqual(raw);
    });
  });
});

describe('gsm8k round trip', () => {
  it('writes the record back without calculator annotations and with a plain #### number', () => {
    const [raw] = readJsonl('gsm8k.jsonl').slice(1);
    const written = toPublicRecord('gsm8k', convertOrFail('gsm8k', raw, 2));
    expect(written).toEqual({
      question: 'A stadium sells 400 tickets on Friday and 834 tickets on Saturday. How many tickets does it sell in the two days?',
      answer: 'Together it sells 400+834 = 1,234 tickets.\n#### 1234',
    });
  });
});
