import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PRETRAIN_OPTIONS, NOMINAL_TOKENS_PER_S, decodeTrainState, encodeTrainState, pretrainPlan, weightsHash } from '../../../src/train/pretrain';
import type { PretrainOptions } from '../../../src/train/pretrain';
import { train } from '../../../src/train/trainer';
import type { TrainState } from '../../../src/train/trainer';
import { useBackend } from '../model/tf-node';

// `npm run pretrain -- --preset tiny --steps 4 --checkpoint-every 2 --seed 1 --out <dir>` printed
// these in its MODEL_CARD.md (first checkpoint) and on the terminal (final weights), Node WASM
// (re-recorded after safetensors metadata began writing the config keys in a fixed order).
const FIRST_CHECKPOINT_SHA256 = 'eae1fbc4c80ee9e1e80691b08f6f7782dca83e864f422202985d17616569dd01';
const FINAL_WEIGHTS_SHA256 = '01fb44d46b97e620896acfd7fa98bf0c2fabc45b4fd84ff43b3203eb9be8b6bb';
const options: PretrainOptions = { ...DEFAULT_PRETRAIN_OPTIONS, preset: 'tiny', steps: 4, checkpointEvery: 2, seed: 1 };

describe('pretrain plan', () => {
  it('turns nominal minutes into steps at the preset rate, plain texts that fit the context', () => {
    const plan = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, preset: 'tiny', minutes: 0.5 });
    expect(plan.trainConfig.max_steps).toBe(Math.ceil((0.5 * 60 * NOMINAL_TOKENS_PER_S.tiny) / (8 * 64)));
    expect(plan.examples).toHaveLength(plan.trainConfig.max_steps * 8);
    expect(plan.modelConfig).toMatchObject({ dim: 64, layers: 2, context: 64, vocab_size: plan.tokenizer.vocabSize, dropout: 0, seed: 1 });
    for (const example of [...plan.examples, ...plan.heldOut]) {
      expect(example.prompt).toBe('');
      expect(example.completion.length).toBeLessThanOrEqual(64);
    }
  });

  it('gives one document per text when not packing, each starting right after BOS', () => {
    const packed = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, preset: 'tiny', steps: 5 });
    const unpacked = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, preset: 'tiny', steps: 5, pack: 0 });
    expect(unpacked.examples).toHaveLength(40);
    expect(unpacked.examples.filter((e) => e.completion.includes('\n\n'))).toEqual([]);
    expect(packed.examples.some((e) => e.completion.includes('\n\n'))).toBe(true);
    // The same documents in the same order: the packed texts are the unpacked ones joined.
    expect(packed.examples[0]!.completion.startsWith(unpacked.examples[0]!.completion)).toBe(true);
    for (const example of unpacked.examples) expect(example.completion.length).toBeLessThanOrEqual(64);
  });

  it('masks the loss to the worked-out part of each document with mask answers: the same documents, split', () => {
    const unpacked = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, preset: 'tiny', steps: 5, pack: 0 });
    const masked = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, preset: 'tiny', steps: 5, mask: 'answers' });
    expect(masked.examples.map((e) => e.prompt + e.completion)).toEqual(unpacked.examples.map((e) => e.completion));
    expect(masked.examples.filter((e) => e.prompt !== '').length).toBeGreaterThan(30);
    const reverse = masked.examples.find((e) => e.prompt.startsWith('Reverse: '));
    if (reverse) expect(reverse.completion).toMatch(/^Text: /);
    expect(masked.heldOut.every((e) => e.completion.length > 0)).toBe(true);
  });

  it('packs the masked documents with pack 1, filling the context so every position is trained', () => {
    const masked = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, preset: 'small', steps: 4, mask: 'answers' });
    const packed = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, preset: 'small', steps: 4, mask: 'answers', pack: 1 });
    const flat = packed.examples.flatMap((e) => [e, ...(e.next ?? [])]).map((pair) => pair.prompt.replace(/^\n\n/, '') + pair.completion);
    expect(flat.slice(0, 32)).toEqual(masked.examples.slice(0, 32).map((e) => e.prompt + e.completion));
    const lengths = packed.examples.map((e) => [e, ...(e.next ?? [])].reduce((sum, pair) => sum + pair.prompt.length + pair.completion.length, 0));
    expect(Math.max(...lengths)).toBeLessThanOrEqual(packed.modelConfig.context);
    expect(lengths.reduce((a, b) => a + b) / lengths.length).toBeGreaterThan(packed.modelConfig.context * 0.7);
    expect(masked.examples.every((e) => e.prompt.length + e.completion.length < 140)).toBe(true);
  });

  it('gives small a 256-token context so a chat-template column addition fits, and held-out texts of its own', () => {
    const plan = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, steps: 40 });
    expect(plan.modelConfig.context).toBe(256);
    const held = new Set(plan.heldOut.map((e) => e.completion));
    expect(plan.examples.filter((e) => held.has(e.completion))).toEqual([]);
  });
});

describe('pretraining (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  async function run(start: 'new' | TrainState): Promise<{ checkpoints: TrainState[]; final: TrainState }> {
    const plan = pretrainPlan(options);
    const checkpoints: TrainState[] = [];
    const outcome = await train({
      start: start === 'new' ? { kind: 'new', modelConfig: plan.modelConfig, trainConfig: plan.trainConfig, tokenizer: plan.tokenizer } : { kind: 'resume', state: start },
      examples: plan.examples,
      onCheckpoint: (state) => void checkpoints.push(state),
    });
    expect(outcome.status).toBe('completed');
    return { checkpoints, final: outcome.state };
  }

  it('reproduces the first checkpoint and the final weights of the recorded command, also when resumed from its state file', async () => {
    const { checkpoints, final } = await run('new');
    const first = checkpoints[0] as TrainState;
    expect(first.step).toBe(2);
    expect(weightsHash(first.model_config, first.weights)).toBe(FIRST_CHECKPOINT_SHA256);
    expect(weightsHash(final.model_config, final.weights)).toBe(FINAL_WEIGHTS_SHA256);

    const saved = decodeTrainState(encodeTrainState(first, { options: 'x' }));
    expect(saved.extra).toEqual({ options: 'x' });
    expect(saved.state).toEqual(first);
    const resumed = await run(saved.state);
    expect(weightsHash(resumed.final.model_config, resumed.final.weights)).toBe(FINAL_WEIGHTS_SHA256);
  });
});
