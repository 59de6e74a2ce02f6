import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from '../../../src/model/config';
import { Gpt, initialWeights } from '../../../src/model/gpt';
import { generateText } from '../../../src/model/generate';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { extractAnswer } from '../../../src/evaluate/extract';
import { automaticGeneration, completionLoss, modelForEvaluation, runEvaluation } from '../../../src/evaluate/runner';
import type { EvalProgress, EvaluatedItemResult } from '../../../src/evaluate/runner';
import type { EvalItemLike } from '../../../src/evaluate/scorecard';
import { encodeExamples, makeLossRows, paddedLength } from '../../../src/train/data';
import { useBackend } from '../model/tf-node';

const tokenizer = CharTokenizer.fromTexts(['abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789+-*=?:.,\n']);
const config: GptConfig = { vocab_size: tokenizer.vocabSize, context: 64, layers: 2, heads: 2, dim: 16, dropout: 0, seed: 3 };
const GENERATION = { max_new_tokens: 8, temperature: 0, top_k: 0, seed: 0 };
const PROMPTS = ['What is 2 + 3?', 'Repeat: abc', 'Reverse: hello', 'Uppercase: word', 'What is 10 - 4?', 'Count: a b c'];

function decisiveModel(shape: GptConfig = config): Gpt {
  const weights = initialWeights(shape);
  for (const [name, values] of Object.entries(weights)) if (name.endsWith('.weight') && !name.includes('ln')) values.forEach((v, i) => (values[i] = v * 8));
  return Gpt.fromWeights(shape, weights);
}

describe('runEvaluation (WASM)', () => {
  let model: Gpt;
  let items: EvalItemLike[];
  beforeAll(async () => {
    await useBackend('wasm');
    model = decisiveModel();
    // Expected answers are what the model's own generation extracts to for even items, and a
    // string it never writes for odd items: the runner must score exactly the even items right.
    const generated = await generateText(model, tokenizer, PROMPTS, { maxNewTokens: GENERATION.max_new_tokens });
    items = PROMPTS.map((prompt, k) => ({
      id: `item-${k}`,
      prompt,
      expected_answer: k % 2 === 0 ? extractAnswer(generated[k]?.text ?? '').answer || 'unused' : 'never written',
      category: k < 3 ? 'first' : 'second',
      difficulty: 'easy',
    }));
  });
  afterAll(() => model.dispose());

  it('generates with the chat template, judges each item and keeps item order', async () => {
    const progress: EvalProgress[] = [];
    const stored: EvaluatedItemResult[][] = [];
    const outcome = await runEvaluation(model, tokenizer, items, {
      judge: 'normalized',
      generation: GENERATION,
      batchSize: 4,
      onProgress: (p) => progress.push(p),
      onResults: (batch) => void stored.push(batch),
    });
    const generated = await generateText(model, tokenizer, PROMPTS, { maxNewTokens: 8 });
    expect(outcome.results.map((r) => r.item_id)).toEqual(items.map((i) => i.id));
    expect(outcome.results.map((r) => r.prediction)).toEqual(generated.map((g) => g.text));
    const expectedCorrect = items.map((item, k) => k % 2 === 0 && item.expected_answer !== 'unused');
    expect(outcome.results.map((r) => r.correct)).toEqual(expectedCorrect);
    expect(expectedCorrect.filter(Boolean).length).toBeGreaterThan(0);
    expect(outcome.scorecard.n_items).toBe(6);
    expect(outcome.scorecard.n_correct).toBe(expectedCorrect.filter(Boolean).length);
    expect(Object.keys(outcome.scorecard.by_category)).toEqual(['first', 'second']);
    expect(outcome.results.every((r) => r.stop_reason !== 'prompt_too_long' && r.prompt_tokens > 10)).toBe(true);
    expect(outcome.tokens).toBe(outcome.results.reduce((sum, r) => sum + r.tokens, 0));
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(progress.at(-1)).toMatchObject({ total: 6, correct: outcome.scorecard.n_correct, tokens: outcome.tokens });
    expect(stored.map((batch) => batch.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(stored.flat().map((r) => r.item_id).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('gives the same greedy predictions whatever the batch size', async () => {
    const one = await runEvaluation(model, tokenizer, items, { judge: 'exact', generation: GENERATION, batchSize: 1 });
    const all = await runEvaluation(model, tokenizer, items, { judge: 'exact', generation: GENERATION, batchSize: 6 });
    expect(all.results.map((r) => r.prediction)).toEqual(one.results.map((r) => r.prediction));
  });

  it('lets the evaluations the app starts run to the end of a long context, past 128 new tokens', async () => {
    const long = decisiveModel({ ...config, context: 192 });
    try {
      const outcome = await runEvaluation(long, tokenizer, items, { judge: 'normalized', generation: automaticGeneration(192, 0) });
      for (const result of outcome.results) {
        expect(result.stop_reason).not.toBe('max_new_tokens');
        // Every position is used: the last token generated is never fed back, so it needs none.
        if (result.stop_reason === 'context') expect(result.prompt_tokens + result.tokens).toBe(192 + 1);
      }
      expect(Math.max(...outcome.results.map((r) => r.tokens))).toBeGreaterThan(128);
    } finally {
      long.dispose();
    }
  });

  it('answers an item whose prompt does not fit the context with nothing, judged wrong, never truncated', async () => {
    const long: EvalItemLike = { id: 'long', prompt: 'x'.repeat(80), expected_answer: '1', category: 'first', difficulty: 'hard' };
    const outcome = await runEvaluation(model, tokenizer, [long, ...items.slice(0, 2)], { judge: 'normalized', generation: GENERATION });
    expect(outcome.results[0]).toMatchObject({ item_id: 'long', prediction: '', correct: false, tokens: 0, stop_reason: 'prompt_too_long' });
    expect(outcome.results[0]?.prompt_tokens).toBeGreaterThan(config.context);
    expect(outcome.scorecard.n_items).toBe(3);
  });

  it('stops on its AbortSignal without leaking tensors, having handed over every item it finished', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const stored: string[] = [];
    let done = 0;
    const running = runEvaluation(model, tokenizer, items, {
      judge: 'normalized',
      generation: GENERATION,
      batchSize: 2,
      signal: controller.signal,
      onProgress: (p) => (done = p.done),
      // Cancel as the first item is handed over (the next decoding step sees it), then store slowly.
      onResults: async (results) => {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 5));
        stored.push(...results.map((r) => r.item_id));
      },
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // Every item judged before the abort was handed over (and awaited) before the run ended.
    expect(done).toBeGreaterThanOrEqual(1);
    expect(done).toBeLessThan(items.length);
    expect(stored).toHaveLength(done);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('completionLoss (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('is the mean loss per completion token, whatever the batch size, and counts what does not fit', async () => {
    const model = Gpt.create(config);
    const examples = [
      { prompt: '<start_of_turn>user\nWhat is 1+1?<end_of_turn>\n<start_of_turn>model\n', completion: 'Answer: 2<end_of_turn>' },
      { prompt: '<start_of_turn>user\nRepeat: ab<end_of_turn>\n<start_of_turn>model\n', completion: 'Reasoning:\n1. ab\nAnswer: ab<end_of_turn>' },
      { prompt: '<start_of_turn>user\nhi<end_of_turn>\n<start_of_turn>model\n', completion: 'Answer: hello<end_of_turn>' },
      { prompt: 'x'.repeat(70), completion: 'too long' },
    ];
    const fitting = encodeExamples(tokenizer, examples, config.context).examples;
    const rows = makeLossRows(fitting, paddedLength(fitting, 1, config.context));
    const direct = model.loss(rows);
    const reference = direct.dataSync()[0] as number;
    direct.dispose();
    const byTwo = await completionLoss(model, tokenizer, examples, 2);
    const byOne = await completionLoss(model, tokenizer, examples, 1);
    expect(byTwo.loss).toBeCloseTo(reference, 4);
    expect(byOne.loss).toBeCloseTo(reference, 4);
    expect(byTwo).toMatchObject({ examples: 3, skipped: 1, tokens: rows.weights.reduce((s, w) => s + w, 0) });
    expect(Math.abs((byTwo.loss as number) - Math.log(config.vocab_size))).toBeLessThan(0.5);
    model.dispose();
  });
});

describe('modelForEvaluation (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('builds the untrained initialization or given weights, and names what is wrong', async () => {
    const json = tokenizer.toJSON();
    const fresh = modelForEvaluation('run-1 · untrained start', config, json, null);
    const expected = initialWeights(config);
    expect(await fresh.model.readWeights()).toEqual(expected);
    expect(fresh.tokenizer.vocabSize).toBe(config.vocab_size);
    fresh.model.dispose();
    const given = { ...expected, 'ln_f.bias': new Float32Array(config.dim).fill(0.5) };
    const loaded = modelForEvaluation('run-1 · step 5', config, json, given);
    expect((await loaded.model.readWeights())['ln_f.bias']).toEqual(given['ln_f.bias']);
    loaded.model.dispose();
    expect(() => modelForEvaluation('run-1 · step 5', { ...config, vocab_size: 50 }, json, null)).toThrow(/run-1 · step 5: the tokenizer has \d+ tokens but the model config expects 50/);
    expect(() => modelForEvaluation('m v1', config, json, { ...expected, 'wte.weight': new Float32Array(3) })).toThrow(/m v1: weights: wte.weight has 3 values/);
    expect(() => modelForEvaluation('m v1', config, { ...json, kind: 'bpe' } as unknown as typeof json, null)).toThrow(/m v1: tokenizer: kind/);
  });
});
