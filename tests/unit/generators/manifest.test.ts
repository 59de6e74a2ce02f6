import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ManifestBuilder, createManifestBuilder, generateJsonl, manifestToJson, traceToJsonLine } from '../../../src/generators/manifest';
import { GENERATORS, generateTraces } from '../../../src/generators/registry';
import { canonicalJson } from '../../../src/traces/canonical';

function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('generated JSONL', () => {
  it('is byte-identical for the same seed and different for another, for every generator', () => {
    for (const { name } of GENERATORS) {
      const first = generateJsonl({ generator: name, count: 550, seed: 42 });
      const second = generateJsonl({ generator: name, count: 550, seed: 42 });
      const other = generateJsonl({ generator: name, count: 550, seed: 43 });
      expect(nodeSha256(second.jsonl)).toBe(nodeSha256(first.jsonl));
      expect(nodeSha256(other.jsonl)).not.toBe(nodeSha256(first.jsonl));
    }
  });

  it('has one line per trace that parses back to the trace', () => {
    const { jsonl } = generateJsonl({ generator: 'curriculum', count: 200, seed: 1 });
    const lines = jsonl.split('\n');
    expect(lines.pop()).toBe('');
    const traces = [...generateTraces({ generator: 'curriculum', count: 200, seed: 1 })];
    expect(lines.map((line) => JSON.parse(line))).toEqual(traces);
    // Each line is the trace's canonical JSON: the bytes of its content hash.
    expect(lines).toEqual(traces.map((trace) => canonicalJson(trace)));
  });
});

describe('GeneratorManifest', () => {
  it('records generator, version, seed, count, composition and the sha-256 of the JSONL', () => {
    const { jsonl, manifest } = generateJsonl({ generator: 'reasoning_corpus', count: 550, seed: 42 });
    expect(manifest).toEqual({
      manifest_version: 1,
      generator: 'reasoning_corpus',
      generator_version: GENERATORS.find((g) => g.name === 'reasoning_corpus')?.version,
      trace_version: '1.0',
      seed: 42,
      count: 550,
      composition_key: 'category',
      composition: { edge_case: 20, golden: 35, reasoning: 385, synthetic: 110 },
      jsonl_sha256: nodeSha256(jsonl),
    });
    expect(JSON.parse(manifestToJson(manifest))).toEqual(manifest);
  });

  it('counts UNGAR runs by result', () => {
    const { manifest } = generateJsonl({ generator: 'ungar_high_card_duel', count: 300, seed: 2 });
    expect(manifest.composition_key).toBe('result');
    expect(Object.keys(manifest.composition)).toEqual(['loss', 'tie', 'win']);
    expect(Object.values(manifest.composition).reduce((a, b) => a + b, 0)).toBe(300);
  });

  it('gives the same manifest when traces are added chunk by chunk', () => {
    const options = { generator: 'curriculum' as const, count: 1000, seed: 9 };
    const builder = new ManifestBuilder(options);
    const lines: string[] = [];
    const stream = generateTraces(options);
    for (let next = stream.next(); !next.done; next = stream.next()) lines.push(builder.add(next.value));
    expect(builder.traceCount).toBe(1000);
    expect(builder.finish()).toEqual(generateJsonl(options).manifest);
    expect(lines[0]).toBe(traceToJsonLine(JSON.parse(lines[0] as string)));
  });

  it('gives the same manifest when hashing with WebAssembly', async () => {
    for (const { name } of GENERATORS) {
      const options = { generator: name, count: 700, seed: 5 };
      const builder = await createManifestBuilder(options);
      for (const trace of generateTraces(options)) builder.add(trace);
      expect(builder.finish()).toEqual(generateJsonl(options).manifest);
    }
  });
});
