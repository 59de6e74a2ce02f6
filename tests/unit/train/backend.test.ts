import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { initialWeights } from '../../../src/model/gpt';
import { Gpt } from '../../../src/model/gpt';
import type { GptConfig } from '../../../src/model/config';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { selectBackend } from '../../../src/train/backend';
import { encodeExamples, makeLossRows, paddedLength } from '../../../src/train/data';
import { lossAndGradientNorm } from '../../../src/train/step';
import { arithmeticExamples } from './fixtures';
import { useBackend } from '../model/tf-node';

describe('selectBackend', () => {
  it('uses a named backend after checking tf.getBackend() and a self-test', async () => {
    await useBackend('cpu'); // also sets the WASM binaries' path
    const choice = await selectBackend(tf, 'wasm');
    expect(choice.ok && choice.value).toEqual({ requested: 'wasm', actual: 'wasm', attempts: [{ backend: 'wasm', ok: true }] });
    expect(tf.getBackend()).toBe('wasm');
  });

  it('refuses a named backend that cannot start instead of replacing it', async () => {
    const choice = await selectBackend(tf, 'webgpu');
    expect(choice.ok).toBe(false);
    expect(choice.ok ? [] : choice.errors.map((e) => e.path)).toEqual(['webgpu']);
  });

  it('falls through WebGPU and WebGL to WASM on auto in Node, recording each attempt', async () => {
    const choice = await selectBackend(tf, 'auto');
    if (!choice.ok) throw new Error(JSON.stringify(choice.errors));
    expect(choice.value.actual).toBe('wasm');
    expect(choice.value.attempts.map((a) => [a.backend, a.ok])).toEqual([['webgpu', false], ['webgl', false], ['wasm', true]]);
  });
});

describe('backend agreement', () => {
  it('gives the same loss and gradient norm on WASM and CPU for the same weights and batch (1e-3 relative)', async () => {
    const examples = arithmeticExamples(6);
    const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
    const config: GptConfig = { vocab_size: tokenizer.vocabSize, context: 64, layers: 2, heads: 4, dim: 32, dropout: 0, seed: 3 };
    const weights = initialWeights(config);
    const encoded = encodeExamples(tokenizer, examples, config.context).examples;
    const rows = makeLossRows(encoded, paddedLength(encoded, 16, config.context));
    const measure = async (backend: 'wasm' | 'cpu') => {
      await useBackend(backend);
      const model = Gpt.fromWeights(config, weights);
      try {
        return await lossAndGradientNorm(model, [rows]);
      } finally {
        model.dispose();
      }
    };
    const wasm = await measure('wasm');
    const cpu = await measure('cpu');
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss).toBeLessThan(1e-3);
    expect(Math.abs(wasm.gradNorm - cpu.gradNorm) / cpu.gradNorm).toBeLessThan(1e-3);
    expect(wasm.loss).toBeGreaterThan(4);
  });
});
