import { describe, expect, it } from 'vitest';
import { PUBLIC_FORMATS, describeFormat, detectFormat, formatsOf } from '../../../src/traces/convert';

const SAMPLES = {
  gsm8k: { question: 'Q', answer: 'a\n#### 1' },
  alpaca: { instruction: 'I', input: '', output: 'O' },
  prompt_completion: { prompt: 'P', completion: 'C' },
  chat: { messages: [{ role: 'user', content: 'U' }, { role: 'assistant', content: 'A' }] },
} as const;

describe('detectFormat', () => {
  it('recognises each format from its field names', () => {
    for (const format of PUBLIC_FORMATS) expect(detectFormat([SAMPLES[format], SAMPLES[format]])).toBe(format);
  });

  it('follows the majority when a few records are broken', () => {
    expect(detectFormat([SAMPLES.alpaca, SAMPLES.alpaca, { instruction: 5 }])).toBe('alpaca');
  });

  it('gives null for native traces, an empty sample, no majority or non-objects', () => {
    const trace = { trace_version: '1.0', prompt: 'p', steps: [{ i: 0, type: 't', content: 'c' }], final_answer: 'a' };
    expect(detectFormat([trace, trace])).toBeNull();
    expect(detectFormat([])).toBeNull();
    expect(detectFormat([SAMPLES.gsm8k, SAMPLES.chat])).toBeNull();
    expect(detectFormat(['text', 3, null])).toBeNull();
    expect(formatsOf(trace)).toEqual([]);
  });
});

describe('describeFormat', () => {
  it('explains each mapping in words, naming the fields and meta.source', () => {
    for (const format of PUBLIC_FORMATS) {
      const description = describeFormat(format);
      expect(description.format).toBe(format);
      expect(description.fields.length).toBeGreaterThan(0);
      expect(description.mapping.some((rule) => rule.includes(`meta.source = "${format}"`))).toBe(true);
    }
    expect(describeFormat('gsm8k').mapping.join(' ')).toContain('1,234 → 1234');
  });
});
