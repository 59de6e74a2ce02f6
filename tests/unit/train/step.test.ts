import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Gpt } from '../../../src/model/gpt';
import type { GptConfig } from '../../../src/model/config';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { AdamW } from '../../../src/train/adamw';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import { encodeExamples, makeLossRows, paddedLength } from '../../../src/train/data';
import type { EncodedExample } from '../../../src/train/data';
import { lossAndGradientNorm, meanLoss, trainStep } from '../../../src/train/step';
import { arithmeticExamples } from './fixtures';
import { useBackend } from '../model/tf-node';

const examples = arithmeticExamples(8);
const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
const config: GptConfig = { vocab_size: tokenizer.vocabSize, context: 64, layers: 1, heads: 2, dim: 16, dropout: 0, seed: 9 };
const encoded = encodeExamples(tokenizer, examples, config.context).examples;
const rowsOf = (part: EncodedExample[]) => makeLossRows(part, paddedLength(part, 16, config.context));

describe('trainStep (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('accumulates gradients: two micro-batches of 4 equal one batch of 8', async () => {
    const model = Gpt.create(config);
    const whole = await lossAndGradientNorm(model, [rowsOf(encoded)]);
    const split = await lossAndGradientNorm(model, [rowsOf(encoded.slice(0, 4)), rowsOf(encoded.slice(4))]);
    expect(split.loss).toBeCloseTo(whole.loss, 5);
    expect(split.gradNorm).toBeCloseTo(whole.gradNorm, 5);
    expect(await meanLoss(model, [rowsOf(encoded)])).toBeCloseTo(whole.loss, 5);
    model.dispose();
  });

  it('lowers the loss on the batch it steps on', async () => {
    const model = Gpt.create(config);
    const optimizer = new AdamW(model.specs, model.variables, DEFAULT_TRAIN_CONFIG);
    const batch = [rowsOf(encoded)];
    const first = await trainStep({ model, optimizer, microBatches: batch, learningRate: 1e-2, step: 1 });
    const second = await trainStep({ model, optimizer, microBatches: batch, learningRate: 1e-2, step: 2 });
    expect(second.loss).toBeLessThan(first.loss);
    optimizer.dispose();
    model.dispose();
  });

  it('leaves no tensor behind when a step fails', async () => {
    const model = Gpt.create(config);
    const optimizer = new AdamW(model.specs, model.variables, DEFAULT_TRAIN_CONFIG);
    const before = tf.memory().numTensors;
    const tooLong = { ...rowsOf(encoded), length: 65, batch: 1, ids: new Int32Array(65), targets: new Int32Array(65), weights: new Float32Array(65).fill(1) };
    await expect(trainStep({ model, optimizer, microBatches: [rowsOf(encoded), tooLong], learningRate: 1e-3, step: 1 })).rejects.toThrow(RangeError);
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    model.dispose();
  });
});
