// The import preview: the head of a file, the detected format, the mapping and the first records.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { previewSample, readFileSample } from '../../../src/importer/preview';
import { textSource } from './memory-sink';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../../fixtures/convert', name), 'utf8');

describe('import preview', () => {
  it('shows the detected format, its mapping and the first three converted records', async () => {
    const sample = await readFileSample(textSource('gsm8k.jsonl', fixture('gsm8k.jsonl')));
    const preview = previewSample(sample, 'auto');
    expect(preview).toMatchObject({ detected: 'gsm8k', format: 'gsm8k', structureError: null });
    expect(preview.mapping.join(' ')).toContain('####');
    expect(preview.records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(preview.records.map((r) => r.ok && r.trace.final_answer)).toEqual(['48', '1234', '1.75']);
  });

  it('reads only the first records of a long file', async () => {
    const line = fixture('alpaca.jsonl').split('\n')[0]!;
    const sample = await readFileSample(textSource('long.jsonl', Array(500).fill(line).join('\n'), 256), 20);
    expect(sample.records).toHaveLength(20);
  });

  it('an override reads the same sample as another format, with errors per record', async () => {
    const sample = await readFileSample(textSource('alpaca.jsonl', fixture('alpaca.jsonl')));
    const preview = previewSample(sample, 'chat');
    expect(preview).toMatchObject({ detected: 'alpaca', format: 'chat' });
    expect(preview.records.every((r) => !r.ok)).toBe(true);
  });
});
