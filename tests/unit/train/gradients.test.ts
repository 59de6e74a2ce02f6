import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { Gpt, initialWeights } from '../../../src/model/gpt';
import type { GptConfig } from '../../../src/model/config';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { AdamW } from '../../../src/train/adamw';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import { encodeExamples, makeLossRows, paddedLength } from '../../../src/train/data';
import { GradientWorker, splitBatchRows } from '../../../src/train/gradients';
import { trainStep } from '../../../src/train/step';
import { train } from '../../../src/train/trainer';
import { arithmeticExamples } from './fixtures';
import { useBackend } from '../model/tf-node';

const examples = arithmeticExamples(7);
const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
const config: GptConfig = { vocab_size: tokenizer.vocabSize, context: 64, layers: 1, heads: 2, dim: 16, dropout: 0, seed: 4 };
const encoded = encodeExamples(tokenizer, examples, config.context).examples;
const rows = makeLossRows(encoded, paddedLength(encoded, 16, config.context));

describe('splitBatchRows', () => {
  it('splits rows into near-equal consecutive blocks that concatenate back to the batch', () => {
    const blocks = splitBatchRows(rows, 3);
    expect(blocks.map((b) => b.batch)).toEqual([3, 2, 2]);
    const joined = blocks.flatMap((b) => Array.from(b.ids));
    expect(joined).toEqual(Array.from(rows.ids));
    expect(splitBatchRows({ ...rows, batch: 1, ids: rows.ids.slice(0, rows.length), targets: rows.targets.slice(0, rows.length), weights: rows.weights.slice(0, rows.length) }, 2).map((b) => b.batch)).toEqual([1, 0]);
  });
});

describe('data-parallel steps (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('gives the same loss and update with two peers as alone', async () => {
    const weights = initialWeights(config);
    const run = async (peers: GradientWorker[]) => {
      const model = Gpt.fromWeights(config, weights);
      const optimizer = new AdamW(model.specs, model.variables, DEFAULT_TRAIN_CONFIG);
      const outcome = await trainStep({ model, optimizer, microBatches: [rows], learningRate: 1e-2, step: 1, peers });
      const after = await model.readWeights();
      optimizer.dispose();
      model.dispose();
      return { outcome, after };
    };
    const peers = [new GradientWorker(), new GradientWorker()];
    const alone = await run([]);
    const shared = await run(peers);
    expect(shared.outcome.loss).toBeCloseTo(alone.outcome.loss, 5);
    expect(shared.outcome.gradNorm).toBeCloseTo(alone.outcome.gradNorm, 5);
    const a = alone.after['h.0.mlp.c_fc.weight'] as Float32Array;
    const b = shared.after['h.0.mlp.c_fc.weight'] as Float32Array;
    expect(Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))))).toBeLessThan(1e-5);
    const before = tf.memory().numTensors;
    await run(peers);
    expect(tf.memory().numTensors).toBe(before);
    peers.forEach((p) => p.dispose());
  });

  it('trains with a peer and resumes to the same curve', async () => {
    const peer = new GradientWorker();
    const trainConfig = { ...DEFAULT_TRAIN_CONFIG, batch_size: 4, max_steps: 4, warmup_steps: 1, checkpoint_every: 0 };
    const start = { kind: 'new' as const, modelConfig: config, trainConfig, tokenizer };
    const straight: number[] = [];
    await train({ start, examples, peers: [peer], onStep: (m) => void straight.push(m.loss) });
    const controller = new AbortController();
    const first: number[] = [];
    const stopped = await train({ start, examples, peers: [peer], signal: controller.signal, onStep: (m) => {
      first.push(m.loss);
      if (m.step === 2) controller.abort();
    } });
    const second: number[] = [];
    await train({ start: { kind: 'resume', state: stopped.state }, examples, peers: [peer], onStep: (m) => void second.push(m.loss) });
    expect([...first, ...second]).toEqual(straight);
    peer.dispose();
  });
});
