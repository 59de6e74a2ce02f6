import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from '../../../src/model/config';
import { Gpt, initialWeights } from '../../../src/model/gpt';
import {
  argmax,
  encodeGenerationPrompt,
  generateText,
  generateTokens,
  renderGenerationPrompt,
  sampleToken,
} from '../../../src/model/generate';
import type { GenerateOptions } from '../../../src/model/generate';
import { BOS_ID, CharTokenizer, END_OF_TURN_ID } from '../../../src/model/tokenizer';
import { renderPromptCompletion } from '../../../src/export/gemma';
import { encodeExamples } from '../../../src/train/data';
import { useBackend } from './tf-node';

const tokenizer = CharTokenizer.fromTexts(['abcdefghijklmnopqrstuvwxyz 0123456789+-=?:.\nReasoningAnswer']);
const config: GptConfig = { vocab_size: tokenizer.vocabSize, context: 40, layers: 2, heads: 2, dim: 16, dropout: 0, seed: 11 };

/** Initial weights scaled up so the logits are peaked and varied, not a near-tie everywhere. */
function decisiveModel(seed = config.seed): Gpt {
  const weights = initialWeights({ ...config, seed });
  for (const [name, values] of Object.entries(weights)) if (name.endsWith('.weight') && !name.includes('ln')) values.forEach((v, i) => (values[i] = v * 8));
  return Gpt.fromWeights({ ...config, seed }, weights);
}

function prompt(text: string): Int32Array {
  return Int32Array.from([BOS_ID, ...tokenizer.encode(text)]);
}

const PROMPTS = [prompt('what is 2+2?'), prompt('hi'), prompt('reverse: abcdef ghi'), prompt('a')];
const NO_STOP: Partial<GenerateOptions> = { stopIds: [] };

describe('generation (WASM)', () => {
  let model: Gpt;
  beforeAll(async () => {
    await useBackend('wasm');
  });
  beforeEach(() => {
    model = decisiveModel();
  });
  afterEach(() => model.dispose());

  it('renders and encodes the prompt exactly as training encodes an example prompt', () => {
    const rendered = renderGenerationPrompt('What is 2+2?');
    expect(rendered).toBe('<start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n');
    const training = renderPromptCompletion({ prompt: 'What is 2+2?', steps: [], final_answer: '4' }, { systemInstruction: 'Be brief.' });
    const encoded = encodeExamples(tokenizer, [training], 200).examples[0];
    const ids = encodeGenerationPrompt(tokenizer, 'What is 2+2?', 'Be brief.');
    expect(Array.from(ids)).toEqual(Array.from(encoded?.tokens.subarray(0, encoded.promptLength) ?? []));
  });

  it('gives identical greedy tokens with and without the key/value cache, batched over prompts of different lengths', async () => {
    const cached = await generateTokens(model, PROMPTS, { maxNewTokens: 12, ...NO_STOP });
    const uncachedBatch = await generateTokens(model, PROMPTS, { maxNewTokens: 12, cache: false, ...NO_STOP });
    const oneByOne = await Promise.all(PROMPTS.map(async (p) => (await generateTokens(model, [p], { maxNewTokens: 12, cache: false, ...NO_STOP }))[0]));
    expect(cached).toEqual(uncachedBatch);
    expect(cached).toEqual(oneByOne);
    expect(cached.every((row) => row.tokens.length === 12 && row.stop === 'max_new_tokens')).toBe(true);
    // The rows do differ from one another: the test is not passing on a constant output.
    expect(new Set(cached.map((row) => row.tokens.join(','))).size).toBeGreaterThan(1);
  });

  it('gives the same tokens with the cache when rows stop at different steps and leave the batch', async () => {
    const free = await generateTokens(model, PROMPTS, { maxNewTokens: 12, ...NO_STOP });
    // Stop on the token row 0 produces at its 4th step; other rows stop wherever it first appears in theirs, or run to the end.
    const stopToken = free[0]?.tokens[3] as number;
    const stopped = await generateTokens(model, PROMPTS, { maxNewTokens: 12, stopIds: [stopToken] });
    const reference = await generateTokens(model, PROMPTS, { maxNewTokens: 12, stopIds: [stopToken], cache: false });
    expect(stopped).toEqual(reference);
    free.forEach((row, k) => {
      const at = row.tokens.indexOf(stopToken);
      const expected = at === -1 ? { tokens: row.tokens, stop: 'max_new_tokens' } : { tokens: row.tokens.slice(0, at), stop: 'stop_token' };
      expect(stopped[k]).toEqual(expected);
    });
    expect(stopped[0]?.tokens.length).toBeLessThanOrEqual(3);
    expect(stopped[0]?.stop).toBe('stop_token');
  });

  it('stops at <end_of_turn> by default and never returns the stop token', async () => {
    const weights = initialWeights(config);
    (weights['lm_head.bias'] as Float32Array)[END_OF_TURN_ID] = 50;
    const eager = Gpt.fromWeights(config, weights);
    const [result] = await generateText(eager, tokenizer, ['hello'], { maxNewTokens: 10 });
    expect(result).toEqual({ tokens: [], stop: 'stop_token', text: '' });
    eager.dispose();
  });

  it('stops when the context is full: prompt + generation never exceeds context + 1 tokens', async () => {
    const long = Int32Array.from({ length: config.context - 2 }, (_, i) => PROMPTS[0]?.[i % 5] as number);
    const [full, cachedFull] = await Promise.all([
      generateTokens(model, [long], { maxNewTokens: 10, cache: false, ...NO_STOP }),
      generateTokens(model, [long, prompt('x')], { maxNewTokens: 10, ...NO_STOP }),
    ]);
    expect(full[0]?.tokens.length).toBe(3);
    expect(full[0]?.stop).toBe('context');
    expect(cachedFull[0]).toEqual(full[0]);
    expect(cachedFull[1]?.stop).toBe('max_new_tokens');
    await expect(generateTokens(model, [Int32Array.from({ length: config.context + 1 }, () => BOS_ID)], { maxNewTokens: 1 })).rejects.toThrow(RangeError);
  });

  it('samples deterministically per seed and per row key, whatever the batch', async () => {
    const options = { maxNewTokens: 10, temperature: 1, topK: 8, seed: 5, ...NO_STOP };
    const a = await generateTokens(model, PROMPTS, { ...options, rowKeys: ['p0', 'p1', 'p2', 'p3'] });
    const b = await generateTokens(model, PROMPTS, { ...options, rowKeys: ['p0', 'p1', 'p2', 'p3'] });
    const other = await generateTokens(model, PROMPTS, { ...options, seed: 6, rowKeys: ['p0', 'p1', 'p2', 'p3'] });
    const alone = await generateTokens(model, [PROMPTS[2] as Int32Array], { ...options, rowKeys: ['p2'] });
    const greedy = await generateTokens(model, PROMPTS, { maxNewTokens: 10, ...NO_STOP });
    expect(a).toEqual(b);
    expect(alone[0]).toEqual(a[2]);
    expect(other).not.toEqual(a);
    expect(a).not.toEqual(greedy);
    // top-k 1 is greedy, whatever the temperature.
    expect(await generateTokens(model, PROMPTS, { ...options, topK: 1 })).toEqual(greedy);
  });

  it('leaks no tensors, also when cancelled', async () => {
    const before = tf.memory().numTensors;
    await generateTokens(model, PROMPTS, { maxNewTokens: 8, ...NO_STOP });
    await generateTokens(model, PROMPTS, { maxNewTokens: 8, cache: false, ...NO_STOP });
    expect(tf.memory().numTensors).toBe(before);
    const controller = new AbortController();
    const stopping = generateTokens(model, PROMPTS, {
      maxNewTokens: 8,
      ...NO_STOP,
      signal: controller.signal,
    });
    controller.abort();
    await expect(stopping).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports each row as it stops', async () => {
    const done: number[] = [];
    const results = await generateTokens(model, PROMPTS, { maxNewTokens: 5, ...NO_STOP, onRowDone: (row) => done.push(row) });
    expect(done.sort()).toEqual([0, 1, 2, 3]);
    expect(results.every((row) => row.tokens.length === 5)).toBe(true);
  });
});

describe('token choice', () => {
  it('argmax takes the first of equal maxima', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
  });

  it('samples in proportion to softmax(logits / T) within the top k', () => {
    const logits = [0, Math.log(3), -50, Math.log(1)];
    // weights 1, 3, ~0, 1 of total 5: u below 0.2 -> 0, below 0.8 -> 1, else 3.
    expect(sampleToken(logits, 1, 0, 0.1)).toBe(0);
    expect(sampleToken(logits, 1, 0, 0.5)).toBe(1);
    expect(sampleToken(logits, 1, 0, 0.9)).toBe(3);
    // top 2 keeps ids 1 and 0 (tie with 3 broken by the lower id): weights 3, 1.
    expect(sampleToken(logits, 1, 2, 0.9)).toBe(0);
    expect(sampleToken(logits, 1, 2, 0.5)).toBe(1);
  });
});
