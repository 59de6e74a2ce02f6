import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from '../../../src/model/config';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import type { TrainConfig } from '../../../src/train/config';
import { train } from '../../../src/train/trainer';
import type { StepMetrics, TrainState } from '../../../src/train/trainer';
import { arithmeticExamples } from './fixtures';
import { useBackend } from '../model/tf-node';

const examples = arithmeticExamples(12);
const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
const modelConfig: GptConfig = { vocab_size: tokenizer.vocabSize, context: 64, layers: 1, heads: 2, dim: 16, dropout: 0, seed: 5 };
const trainConfig: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batch_size: 4, max_steps: 8, warmup_steps: 2, learning_rate: 3e-3, checkpoint_every: 0, seed: 11 };

function newStart(overrides: Partial<TrainConfig> = {}, model: Partial<GptConfig> = {}) {
  return { kind: 'new' as const, modelConfig: { ...modelConfig, ...model }, trainConfig: { ...trainConfig, ...overrides }, tokenizer };
}

describe('train (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('reports per-step metrics and completes at max_steps with a final checkpoint', async () => {
    const metrics: StepMetrics[] = [];
    const checkpoints: TrainState[] = [];
    const inspected: number[] = [];
    const outcome = await train({
      start: newStart({ checkpoint_every: 3 }), examples,
      onStep: (m) => void metrics.push(m),
      onCheckpoint: (s) => void checkpoints.push(s),
      inspectEvery: 5,
      onInspect: (model, step) => {
        expect(model.variables.length).toBeGreaterThan(0);
        inspected.push(step);
      },
    });
    expect(inspected).toEqual([5, 8]);
    expect(outcome.status).toBe('completed');
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(metrics[0]).toMatchObject({ epoch: 0, backend: 'wasm' });
    expect(metrics[3]?.epoch).toBe(1); // 12 examples, 4 per step: step 4 starts epoch 1
    expect(metrics[0]?.lr).toBeCloseTo(1.5e-3, 10);
    for (const m of metrics) {
      expect(m.loss).toBeGreaterThan(0);
      expect(m.grad_norm).toBeGreaterThan(0);
      expect(m.tokens_per_s).toBeGreaterThan(0);
      expect(Date.parse(m.timestamp)).not.toBeNaN();
    }
    expect(checkpoints.map((s) => s.step)).toEqual([3, 6, 8]);
    expect(outcome.state.step).toBe(8);
    expect(outcome.data).toMatchObject({ examples: 12, skipped_too_long: 0, skipped_empty: 0 });
    expect(outcome.lastLoss).toBe(metrics.at(-1)?.loss);
  });

  it('resumes from a stored checkpoint with exactly the loss curve of an uninterrupted run', async () => {
    const straight: number[] = [];
    await train({ start: newStart(), examples, onStep: (m) => void straight.push(m.loss) });
    const controller = new AbortController();
    const firstHalf: number[] = [];
    const interrupted = await train({
      start: newStart(), examples, signal: controller.signal,
      onStep: (m) => {
        firstHalf.push(m.loss);
        if (m.step === 3) controller.abort();
      },
    });
    expect(interrupted.status).toBe('cancelled');
    expect(interrupted.state.step).toBe(3);
    const stored = structuredClone(interrupted.state); // as IndexedDB would store it
    const secondHalf: number[] = [];
    const resumed = await train({ start: { kind: 'resume', state: stored }, examples, onStep: (m) => void secondHalf.push(m.loss) });
    expect(resumed.status).toBe('completed');
    expect([...firstHalf, ...secondHalf]).toEqual(straight);
  });

  it('refuses to resume on different examples', async () => {
    const controller = new AbortController();
    controller.abort();
    const { state } = await train({ start: newStart(), examples, signal: controller.signal });
    expect(state.step).toBe(0);
    await expect(train({ start: { kind: 'resume', state }, examples: examples.slice(1) })).rejects.toThrow(/differ/);
  });

  it('fine-tunes from given weights, and refuses weights of another shape', async () => {
    const controller = new AbortController();
    const first = await train({ start: newStart({ max_steps: 2 }), examples, signal: controller.signal });
    const losses: number[] = [];
    await train({ start: { ...newStart({ max_steps: 1 }), initialWeights: first.state.weights }, examples, onStep: (m) => void losses.push(m.loss) });
    const scratch: number[] = [];
    await train({ start: newStart({ max_steps: 1 }), examples, onStep: (m) => void scratch.push(m.loss) });
    expect(losses[0]).not.toBe(scratch[0]);
    const wrong = { ...first.state.weights, 'wte.weight': new Float32Array(3) };
    await expect(train({ start: { ...newStart(), initialWeights: wrong }, examples })).rejects.toThrow(/wte.weight/);
  });

  it('stops as a timeout once max_minutes of training time have passed', async () => {
    let now = 0;
    const clock = () => (now += 20_000); // every reading advances 20 s
    const outcome = await train({ start: newStart({ max_minutes: 1, max_steps: 100 }), examples, clock });
    expect(outcome.status).toBe('timeout');
    expect(outcome.state.step).toBeGreaterThan(0);
    expect(outcome.state.step).toBeLessThan(100);
    expect(outcome.state.elapsed_ms).toBeGreaterThanOrEqual(60_000);
  });

  it('skips and counts examples longer than the context', async () => {
    const long = { prompt: 'x'.repeat(80), completion: 'y<end_of_turn>' };
    const outcome = await train({ start: newStart({ max_steps: 1 }), examples: [...examples, long] });
    expect(outcome.data).toMatchObject({ examples: 12, skipped_too_long: 1 });
  });

  it('leaves no tensor behind once a run is over', async () => {
    await train({ start: newStart({ max_steps: 1 }), examples }); // warm up lazily created state
    const before = tf.memory().numTensors;
    await train({ start: newStart({ max_steps: 2 }), examples });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps tf.memory().numTensors flat over 100 steps', async () => {
    const counts: number[] = [];
    await train({
      start: newStart({ max_steps: 100, batch_size: 2, grad_accum_steps: 2 }, { dim: 8 }),
      examples,
      onStep: () => void counts.push(tf.memory().numTensors),
    });
    expect(counts).toHaveLength(100);
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[99]).toBe(counts[0]);
  }, 60_000);
});
