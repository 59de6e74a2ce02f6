import { describe, expect, it } from 'vitest';
import { CharTokenizer, BOS_ID, END_OF_TURN_ID, PAD_ID } from '../../../src/model/tokenizer';
import { completionTokens, encodeExamples, makeLossRows, paddedLength } from '../../../src/train/data';
import { DataOrder, epochPermutation } from '../../../src/train/data-order';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig } from '../../../src/train/config';

const prompt = '<start_of_turn>user\nhi<end_of_turn>\n<start_of_turn>model\n';
const tokenizer = CharTokenizer.fromTexts([prompt, 'ok!<end_of_turn>']);

describe('encodeExamples', () => {
  it('prepends BOS and records where the completion starts', () => {
    const { examples } = encodeExamples(tokenizer, [{ prompt, completion: 'ok<end_of_turn>' }], 64);
    const example = examples[0];
    expect(example?.tokens[0]).toBe(BOS_ID);
    expect(example?.promptLength).toBe(1 + tokenizer.encode(prompt).length);
    expect(example?.tokens.at(-1)).toBe(END_OF_TURN_ID);
  });

  it('skips and counts examples longer than the context, never truncating, and empty completions', () => {
    const fits = { prompt: 'ok', completion: 'ok!' }; // BOS + 5 tokens = 6 = context + 1
    const tooLong = { prompt: 'ok', completion: 'ok!!' };
    const empty = { prompt: 'ok', completion: '' };
    const encoded = encodeExamples(tokenizer, [tooLong, fits, empty, tooLong], 5);
    expect(encoded.examples).toHaveLength(1);
    expect(encoded.examples[0]?.tokens).toHaveLength(6);
    expect(encoded.skippedTooLong).toEqual([0, 3]);
    expect(encoded.skippedEmpty).toEqual([2]);
  });
});

describe('makeLossRows', () => {
  it('weights exactly the completion targets, the closing <end_of_turn> included, and pads with weight 0', () => {
    const { examples } = encodeExamples(tokenizer, [{ prompt, completion: 'ok<end_of_turn>' }, { prompt: 'hi', completion: '!' }], 64);
    const length = paddedLength(examples, 16, 64);
    expect(length).toBe(32); // 20 positions (BOS + 17 prompt + 3 completion tokens, minus one)
    const rows = makeLossRows(examples, length);
    const first = examples[0];
    if (!first) throw new Error('missing example');
    const n = first.tokens.length - 1;
    const weights = Array.from(rows.weights.subarray(0, length));
    const completionTargets = Array.from(rows.targets.subarray(0, length)).filter((_, j) => weights[j] === 1);
    expect(completionTargets).toEqual(tokenizer.encode('ok<end_of_turn>'));
    expect(weights.slice(n)).toEqual(new Array(length - n).fill(0));
    expect(Array.from(rows.ids.subarray(0, n))).toEqual(Array.from(first.tokens.subarray(0, n)));
    expect(Array.from(rows.ids.subarray(n, length))).toEqual(new Array(length - n).fill(PAD_ID));
    const second = Array.from(rows.weights.subarray(length));
    expect(second.filter((w) => w === 1)).toHaveLength(1);
    expect(second.indexOf(1)).toBe(2); // BOS h i -> position 2 predicts '!'
  });

  it('packs more pairs in one row: the loss falls on every completion and on no prompt', () => {
    const packed = { prompt: 'hi', completion: 'ok', next: [{ prompt: '\n\nhi!', completion: 'ko' }, { prompt: '\n\n', completion: 'o!' }] };
    const { examples } = encodeExamples(tokenizer, [packed], 64);
    const example = examples[0]!;
    expect(Array.from(example.tokens)).toEqual([BOS_ID, ...tokenizer.encode('hiok\n\nhi!ko\n\no!')]);
    expect(completionTokens(example)).toBe(6);
    const rows = makeLossRows(examples, 16);
    const targets = Array.from(rows.targets).filter((_, j) => rows.weights[j] === 1);
    expect(tokenizer.decode(targets)).toBe('okkoo!');
    expect(Array.from(rows.weights.subarray(0, 16))).toEqual([0, 0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0]);
    // The whole row must fit: a packed example is skipped whole, like any other.
    expect(encodeExamples(tokenizer, [packed], 14).skippedTooLong).toEqual([0]);
    expect(encodeExamples(tokenizer, [packed], 15).examples).toHaveLength(1);
  });

  it('pads to the longest row rounded up to the multiple, capped at the context', () => {
    const { examples } = encodeExamples(tokenizer, [{ prompt: 'hi', completion: 'ok' }], 64);
    expect(paddedLength(examples, 16, 64)).toBe(16);
    expect(paddedLength(examples, 128, 64)).toBe(64);
  });
});

describe('data order', () => {
  it('draws a seeded permutation per epoch: the same seed gives the same order, epochs differ', () => {
    const a = epochPermutation(50, 3, 0);
    expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(epochPermutation(50, 3, 0)).toEqual(a);
    expect(epochPermutation(50, 3, 1)).not.toEqual(a);
    expect(epochPermutation(50, 4, 0)).not.toEqual(a);
  });

  it('reads across epoch boundaries, and two half reads equal one read', () => {
    const order = new DataOrder(5, 9);
    const whole = order.take({ epoch: 0, index: 0 }, 12);
    expect(whole.next).toEqual({ epoch: 2, index: 2 });
    expect(whole.indices.slice(0, 5).sort()).toEqual([0, 1, 2, 3, 4]);
    const first = new DataOrder(5, 9).take({ epoch: 0, index: 0 }, 7);
    const second = new DataOrder(5, 9).take(first.next, 5);
    expect([...first.indices, ...second.indices]).toEqual(whole.indices);
    expect(new DataOrder(5, 9).take({ epoch: 0, index: 0 }, 5).next).toEqual({ epoch: 1, index: 0 });
  });
});

describe('validateTrainConfig', () => {
  it('fills defaults and reports out-of-range values by key', () => {
    const ok = validateTrainConfig({ learning_rate: 1e-3 });
    expect(ok.ok && ok.value).toEqual({ ...DEFAULT_TRAIN_CONFIG, learning_rate: 1e-3 });
    const bad = validateTrainConfig({ batch_size: 0, beta2: 1, max_minutes: -1 });
    expect(bad.ok ? [] : bad.errors.map((e) => e.path)).toEqual(['batch_size', 'beta2', 'max_minutes']);
  });
});
