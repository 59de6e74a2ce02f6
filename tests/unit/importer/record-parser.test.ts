// Format detection from a file's first records and the parse of one record in a format.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectRecordFormat, isTraceShaped, parseImportedRecord, resolveRecordFormat } from '../../../src/importer/record-parser';
import { fixtureTrace } from '../../fixtures/trace-fixtures';

const lines = (name: string) =>
  readFileSync(resolve(__dirname, '../../fixtures/convert', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');

describe('detectRecordFormat', () => {
  it('finds each public format from its fixture', () => {
    for (const format of ['gsm8k', 'alpaca', 'prompt_completion', 'chat'] as const) expect(detectRecordFormat(lines(`${format}.jsonl`))).toBe(format);
  });

  it('says trace for native traces, exported traces, unknown shapes and empty samples', () => {
    expect(detectRecordFormat([JSON.stringify(fixtureTrace(1))])).toBe('trace');
    expect(detectRecordFormat([JSON.stringify({ prompts: 'p', trace_steps: ['a'], final_answer: 'x' })])).toBe('trace');
    expect(detectRecordFormat(['{"foo": 1}', 'not json'])).toBe('trace');
    expect(detectRecordFormat([])).toBe('trace');
  });

  it('a forced choice wins over detection', () => {
    expect(resolveRecordFormat('chat', lines('gsm8k.jsonl'))).toBe('chat');
    expect(resolveRecordFormat('auto', lines('gsm8k.jsonl'))).toBe('gsm8k');
  });
});

describe('parseImportedRecord', () => {
  it('converts a public-format record and keeps a trace record a trace', () => {
    const converted = parseImportedRecord('gsm8k', lines('gsm8k.jsonl')[1]!, 2);
    expect(converted.ok && converted.trace.final_answer).toBe('1234');
    const trace = fixtureTrace(3);
    const kept = parseImportedRecord('gsm8k', JSON.stringify(trace), 7);
    expect(kept.ok && kept.trace.prompt).toBe(trace.prompt);
    expect(isTraceShaped(trace)).toBe(true);
  });

  it('reports invalid JSON and unmappable records with their line', () => {
    const broken = parseImportedRecord('alpaca', '{"instruction":', 4);
    expect(!broken.ok && broken.errors[0]).toMatchObject({ line: 4, path: '' });
    const unmapped = parseImportedRecord('chat', JSON.stringify({ messages: [] }), 9);
    expect(unmapped.ok).toBe(false);
    expect(!unmapped.ok && unmapped.errors.every((e) => e.line === 9)).toBe(true);
  });
});
