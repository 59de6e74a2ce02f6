// A run's data: split ids, rendering with the prompt_completion renderer (missing traces counted),
// the sample prompt, and the held-out loss (masked like training, long examples skipped).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { renderPromptCompletion } from '../../../src/export/gemma';
import { Gpt } from '../../../src/model/gpt';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { heldoutLoss, heldoutSet } from '../../../src/runs/heldout';
import { renderExamples, runTraceIds, samplePrompt } from '../../../src/runs/run-data';
import { encodeExamples, makeLossRows } from '../../../src/train/data';
import { meanLoss } from '../../../src/train/step';
import { greedySample } from '../../../src/train/greedy-sample';
import { toStoredTrace } from '../../../src/traces/derive';
import { arithmeticExamples } from '../train/fixtures';
import { useBackend } from '../model/tf-node';

const trace = (n: number) => toStoredTrace(
  { trace_version: '1.0', prompt: `What is ${n}+1?`, steps: [{ i: 0, type: 'computation', content: `${n}+1=${n + 1}` }], final_answer: `${n + 1}` },
  { id: `id-${n}`, created_at: '2026-01-01T00:00:00.000Z', content_hash: String(n).padStart(64, '0') },
);

describe('run data', () => {
  it('trains on the split\'s train ids and holds out its eval ids; all ids train without a split', () => {
    expect(runTraceIds({ trace_ids: ['a', 'b', 'c'], split: { eval_fraction: 0.3, train_ids: ['c', 'a'], eval_ids: ['b'] } })).toEqual({ train: ['c', 'a'], heldout: ['b'] });
    expect(runTraceIds({ trace_ids: ['a', 'b'], split: null })).toEqual({ train: ['a', 'b'], heldout: [] });
  });

  it('renders traces as the prompt_completion export does, counting the ones the store lost', () => {
    const rendered = renderExamples(['id-1', 'id-2', 'id-3'], [trace(1), undefined, trace(3)], 'Be brief.');
    expect(rendered.missing).toEqual(['id-2']);
    expect(rendered.examples).toEqual([renderPromptCompletion(trace(1), { systemInstruction: 'Be brief.' }), renderPromptCompletion(trace(3), { systemInstruction: 'Be brief.' })]);
  });

  it('samples from the first held-out example that fits, else a training one', () => {
    const [a, b, c] = arithmeticExamples(3);
    expect(samplePrompt([a!, b!], [c!])).toBe(a!.prompt);
    expect(samplePrompt([a!], [c!], (e) => e !== a)).toBe(c!.prompt);
    expect(samplePrompt([a!], [], () => false)).toBeNull();
  });
});

describe('held-out loss and samples (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });
  const examples = arithmeticExamples(10);
  const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
  const config = { vocab_size: tokenizer.vocabSize, context: 64, layers: 1, heads: 2, dim: 16, dropout: 0, seed: 2 };

  it('equals the mean completion loss over all held-out positions, in batches, skipping long ones', async () => {
    const model = Gpt.create(config);
    const long = { prompt: 'x'.repeat(70), completion: 'y' };
    const set = heldoutSet(tokenizer, [...examples, long], 64, 4, 16);
    expect(set).toMatchObject({ examples: 10, skippedTooLong: 1 });
    expect(set.batches.map((b) => b.batch)).toEqual([4, 4, 2]);
    const encoded = encodeExamples(tokenizer, examples, 64).examples;
    const whole = await meanLoss(model, [makeLossRows(encoded, 64)]);
    const before = tf.memory().numTensors;
    expect(await heldoutLoss(model, set)).toBeCloseTo(whole, 5);
    expect(tf.memory().numTensors).toBe(before);
    expect(await heldoutLoss(model, heldoutSet(tokenizer, [], 64))).toBeNull();
    model.dispose();
  });

  it('samples greedily, deterministically, within the context and without leaking tensors', async () => {
    const model = Gpt.create(config);
    const prompt = examples[0]!.prompt;
    const before = tf.memory().numTensors;
    const first = await greedySample(model, tokenizer, prompt, 8);
    expect(tf.memory().numTensors).toBe(before);
    expect(await greedySample(model, tokenizer, prompt, 8)).toBe(first);
    expect(tokenizer.encode(first).length).toBeLessThanOrEqual(8);
    const promptTokens = 1 + tokenizer.encode(prompt).length;
    const long = await greedySample(model, tokenizer, prompt, 1000);
    expect(tokenizer.encode(long).length).toBeLessThanOrEqual(64 - promptTokens);
    model.dispose();
  });
});
