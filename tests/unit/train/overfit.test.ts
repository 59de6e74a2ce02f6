import { beforeAll, describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/model/config';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import { train } from '../../../src/train/trainer';
import { arithmeticExamples } from './fixtures';
import { useBackend } from '../model/tf-node';

describe('overfit bar (WASM, Node)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('drives the masked loss of the tiny preset on a fixed batch of 8 examples below 0.05 within 300 steps', async () => {
    const examples = arithmeticExamples(8);
    const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
    const controller = new AbortController();
    const losses: number[] = [];
    const outcome = await train({
      start: {
        kind: 'new',
        modelConfig: presetConfig('tiny', tokenizer.vocabSize, 1234),
        trainConfig: { ...DEFAULT_TRAIN_CONFIG, batch_size: 8, max_steps: 300, warmup_steps: 10, learning_rate: 3e-3, checkpoint_every: 0, seed: 1 },
        tokenizer,
      },
      examples,
      signal: controller.signal,
      onStep: (m) => {
        losses.push(m.loss);
        if (m.loss < 0.05) controller.abort(); // the bar is met: stop early
      },
    });
    expect(losses[0]).toBeGreaterThan(3);
    expect(outcome.lastLoss).toBeLessThan(0.05);
    expect(losses.length).toBeLessThanOrEqual(300);
    console.info(`overfit: loss ${losses[0]?.toFixed(3)} -> ${losses.at(-1)?.toFixed(4)} in ${losses.length} steps`);
  }, 120_000);
});
