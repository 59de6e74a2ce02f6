// A generated set as an import source: the traces reach the sink as the same stored traces their
// JSONL would give, and the manifest is the one Node's generateJsonl computes.
import { describe, expect, it } from 'vitest';
import { generateJsonl } from '../../../src/generators/manifest';
import { generatedSource } from '../../../src/importer/generated-source';
import { importTraces } from '../../../src/importer/pipeline';
import { MemorySink, textSource } from './memory-sink';
import { canonicalRecords } from '../../../src/traces/canonical';
import type { ReasoningTrace } from '../../../src/traces/types';

const OPTIONS = { generator: 'reasoning_corpus' as const, count: 1_234, seed: 42 };
const IMPORT = { mode: 'skip_invalid', duplicates: 'skip' } as const;

describe('generatedSource', () => {
  it('stores what importing its JSONL stores, and gives the JSONL manifest', async () => {
    const generated = await generatedSource(OPTIONS);
    const sink = new MemorySink();
    const summary = await importTraces([generated.source], IMPORT, sink);
    const { jsonl, manifest } = generateJsonl(OPTIONS);
    const fromText = new MemorySink();
    await importTraces([textSource(generated.source.name, jsonl)], IMPORT, fromText);
    expect(summary).toMatchObject({ status: 'completed', records: 1_234, stored: 1_234, invalid: 0, duplicate: 0 });
    const content = (target: MemorySink) => [...target.traces.values()].map(({ id: _id, created_at: _at, ...rest }) => rest);
    expect(content(sink)).toEqual(content(fromText));
    // The bodies the generator hands over are the ones the pipeline computes for the JSONL,
    // which is itself the canonical JSON of each trace, line by line.
    expect([...sink.records.values()]).toEqual([...fromText.records.values()]);
    expect([...sink.records.values()]).toEqual(jsonl.split('\n').slice(0, -1));
    expect(generated.manifest()).toEqual(manifest);
  });

  it('gives the content hash canonicalRecords gives for the same trace', async () => {
    const generated = await generatedSource({ ...OPTIONS, count: 50 });
    const sink = new MemorySink();
    await importTraces([generated.source], IMPORT, sink);
    const stored = [...sink.traces.values()];
    const expected = await canonicalRecords(stored.map((trace) => JSON.parse(sink.records.get(trace.id) as string) as ReasoningTrace));
    expect(stored.map((trace) => trace.content_hash)).toEqual(expected.hashes);
  });

  it('can be read once', async () => {
    const generated = await generatedSource({ ...OPTIONS, count: 100 });
    await importTraces([generated.source], IMPORT, new MemorySink());
    expect(() => [...generated.source.records()]).toThrow(/read once/);
  });
});
