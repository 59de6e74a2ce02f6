// Training benchmark worker (one per backend, so backends never mix): starts a backend the way the
// app's train worker does (workers/tf-backends.ts), then times optimizer steps of the benchmark
// shapes through the app's own trainStep, the backend's matmul peak, and a 1,000-step run of the
// real trainer (with held-out loss and samples) watching tf.memory() for leaks.
import { expose } from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { startBackend } from '../../workers/tf-backends';
import { presetConfig, type ModelPresetName } from '../../src/model/config';
import { Gpt, type LossRows } from '../../src/model/gpt';
import { CharTokenizer } from '../../src/model/tokenizer';
import { AdamW } from '../../src/train/adamw';
import { DEFAULT_TRAIN_CONFIG } from '../../src/train/config';
import { trainStep } from '../../src/train/step';
import { train } from '../../src/train/trainer';
import { greedySample } from '../../src/train/greedy-sample';
import { heldoutLoss, heldoutSet } from '../../src/runs/heldout';
import { generateTraces } from '../../src/generators/registry';
import { renderPromptCompletion } from '../../src/export/gemma';
import type { BackendName } from '../../src/train/backend';
import { SHAPES, VOCAB, WARMUP_STEPS, median, randomRows } from '../train-shapes';

export interface StepTiming {
  tokensPerS: number;
  stepMs: number;
  /** Timed steps (fewer than asked when the time budget ran out). */
  steps: number;
  loss: number;
  numTensorsGrowth: number;
}

const api = {
  async start(backend: BackendName): Promise<{ ok: boolean; actual: string; error?: string }> {
    const started = await startBackend(backend);
    return started.ok ? { ok: true, actual: tf.getBackend() } : { ok: false, actual: tf.getBackend() ?? 'none', error: started.errors.map((e) => `${e.path}: ${e.message}`).join('; ') };
  },

  /** Median step time over `steps` timed steps after `warmup` untimed ones, stopping early (after one timed step at least) past `budgetMs`. */
  async measure(preset: ModelPresetName, steps: number, budgetMs: number, warmup = WARMUP_STEPS): Promise<StepTiming> {
    const config = presetConfig(preset, VOCAB, 1234);
    const batch = (SHAPES[preset] as { batch: number }).batch;
    const model = Gpt.create(config);
    const optimizer = new AdamW(model.specs, model.variables, DEFAULT_TRAIN_CONFIG);
    const pool = Array.from({ length: 8 }, (_, k) => randomRows(batch, config.context, 1234 + k));
    const times: number[] = [];
    let loss = NaN;
    let before = 0;
    const began = performance.now();
    for (let step = 1; step <= warmup + steps; step++) {
      if (step === warmup + 1) before = tf.memory().numTensors;
      const t0 = performance.now();
      const outcome = await trainStep({ model, optimizer, microBatches: [pool[step % pool.length] as LossRows], learningRate: 3e-4, step });
      if (step > warmup) times.push(performance.now() - t0);
      loss = outcome.loss;
      if (times.length >= 1 && performance.now() - began > budgetMs) break;
    }
    const growth = tf.memory().numTensors - before;
    optimizer.dispose();
    model.dispose();
    const stepMs = median(times);
    return { tokensPerS: (batch * config.context * 1000) / stepMs, stepMs, steps: times.length, loss, numTensorsGrowth: growth };
  },

  /** fp32 GFLOP/s of a 1024 × 1024 matmul on the current backend: the best of 6 after 2 warm-up runs (the machine is shared). */
  async matmulPeak(): Promise<number> {
    const n = 1024;
    const a = tf.randomNormal([n, n]);
    const b = tf.randomNormal([n, n]);
    const times: number[] = [];
    for (let k = 0; k < 8; k++) {
      const t0 = performance.now();
      const c = tf.matMul(a, b);
      await c.data();
      times.push(performance.now() - t0);
      c.dispose();
    }
    tf.dispose([a, b]);
    return (2 * n ** 3) / (Math.min(...times.slice(2)) * 1e6);
  },

  /** The real trainer for `steps` steps (tiny shape, context 128, batch 4) with held-out loss and a sample every 100 steps. */
  async leakCheck(steps: number): Promise<{ first: number; last: number; min: number; max: number; bytesFirst: number; bytesLast: number; after: number; before: number }> {
    const examples = [...generateTraces({ generator: 'curriculum', count: 600, seed: 7 })].map((trace) => renderPromptCompletion(trace));
    const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
    const modelConfig = { ...presetConfig('tiny', tokenizer.vocabSize, 1234), context: 128 };
    const heldout = heldoutSet(tokenizer, examples.slice(0, 16), 128);
    const counts: number[] = [];
    const bytes: number[] = [];
    const before = tf.memory().numTensors;
    await train({
      start: { kind: 'new', modelConfig, trainConfig: { ...DEFAULT_TRAIN_CONFIG, max_steps: steps, batch_size: 4, checkpoint_every: 250, warmup_steps: 10 }, tokenizer },
      examples: examples.slice(16),
      inspectEvery: 100,
      onInspect: async (model) => {
        await heldoutLoss(model, heldout);
        await greedySample(model, tokenizer, examples[0]!.prompt, 16);
      },
      onCheckpoint: () => undefined,
      onStep: () => {
        const memory = tf.memory();
        counts.push(memory.numTensors);
        bytes.push(memory.numBytes);
      },
    });
    return { first: counts[0]!, last: counts.at(-1)!, min: Math.min(...counts), max: Math.max(...counts), bytesFirst: bytes[0]!, bytesLast: bytes.at(-1)!, before, after: tf.memory().numTensors };
  },
};

export type TrainBenchWorkerApi = typeof api;
expose(api);
