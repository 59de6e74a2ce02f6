// From prompt/completion pairs to training rows: tokenization (BOS + prompt + completion),
// skipping (and counting) examples that do not fit the context — never truncating them — and
// padding a micro-batch into (B, T) ids, next-token targets and loss weights: 1 on completion
// tokens (the closing <end_of_turn> included, as the renderer ends completions with it), 0 on
// prompt tokens and padding. A packed example (pretraining) has several pairs in one row, each
// prompt context and each completion loss. Pure: no tf.
import type { LossRows } from '../model/gpt';
import { BOS_ID, PAD_ID } from '../model/tokenizer';
import type { CharTokenizer } from '../model/tokenizer';

/** One rendered example. For chat data the prompt ends with `<start_of_turn>model\n`. */
export interface PromptCompletion {
  prompt: string;
  completion: string;
  /**
   * More pairs packed after this one in the same row (pretraining packs documents): each one's
   * prompt is context and its completion carries loss, as for the first pair.
   */
  next?: readonly PromptCompletion[];
}

export interface EncodedExample {
  /** BOS, then the prompt's tokens, then the completion's tokens (then any next pairs'). */
  tokens: Int32Array;
  /** Tokens before the completion (BOS + prompt). */
  promptLength: number;
  /** For packed pairs: 1 on every completion token, 0 elsewhere (promptLength then only marks the first). */
  lossMask?: Uint8Array;
}

/** Tokens that carry loss in `example`. */
export function completionTokens(example: EncodedExample): number {
  return example.lossMask ? example.lossMask.reduce((sum, bit) => sum + bit, 0) : example.tokens.length - example.promptLength;
}

/** The example's pairs in row order: itself, then any packed after it. */
export function examplePairs(example: PromptCompletion): readonly PromptCompletion[] {
  return example.next && example.next.length > 0 ? [example, ...example.next] : [example];
}

/** BOS and every pair's tokens, with the loss mask when there is more than one pair. */
function encodePairs(tokenizer: CharTokenizer, example: PromptCompletion): { example: EncodedExample; completion: number } {
  const pairs = examplePairs(example);
  const tokens = [BOS_ID];
  const mask: number[] | null = pairs.length > 1 ? [0] : null;
  let promptLength = 0;
  let completion = 0;
  for (const pair of pairs) {
    const [given, worked] = [tokenizer.encode(pair.prompt), tokenizer.encode(pair.completion)];
    tokens.push(...given);
    if (promptLength === 0) promptLength = tokens.length;
    tokens.push(...worked);
    mask?.push(...new Array<number>(given.length).fill(0), ...new Array<number>(worked.length).fill(1));
    completion += worked.length;
  }
  const encoded: EncodedExample = { tokens: Int32Array.from(tokens), promptLength };
  if (mask) encoded.lossMask = Uint8Array.from(mask);
  return { example: encoded, completion };
}

export interface EncodedDataset {
  examples: EncodedExample[];
  /** Indices (into the input) of examples longer than the context, skipped whole. */
  skippedTooLong: number[];
  /** Indices of examples with an empty completion (nothing to learn), skipped. */
  skippedEmpty: number[];
}

/** Tokenizes every example; one fits when its BOS + prompt + completion is at most context + 1 tokens. */
export function encodeExamples(tokenizer: CharTokenizer, examples: readonly PromptCompletion[], context: number): EncodedDataset {
  const encoded: EncodedDataset = { examples: [], skippedTooLong: [], skippedEmpty: [] };
  examples.forEach((example, index) => {
    const pairs = encodePairs(tokenizer, example);
    if (pairs.completion === 0) encoded.skippedEmpty.push(index);
    else if (pairs.example.tokens.length > context + 1) encoded.skippedTooLong.push(index);
    else encoded.examples.push(pairs.example);
  });
  return encoded;
}

/** The padded length of a micro-batch: its longest row rounded up to `multiple`, at most `context`. */
export function paddedLength(examples: readonly EncodedExample[], multiple: number, context: number): number {
  const longest = Math.max(1, ...examples.map((example) => example.tokens.length - 1));
  return Math.min(context, Math.ceil(longest / multiple) * multiple);
}

/** Rows (B, length): ids = tokens[0..n-2], targets = tokens[1..n-1], weight 1 where the target is a completion token. */
export function makeLossRows(examples: readonly EncodedExample[], length: number): LossRows {
  const batch = examples.length;
  const ids = new Int32Array(batch * length).fill(PAD_ID);
  const targets = new Int32Array(batch * length).fill(PAD_ID);
  const weights = new Float32Array(batch * length);
  examples.forEach((example, row) => {
    const positions = example.tokens.length - 1;
    if (positions > length) throw new RangeError(`example of ${positions} positions does not fit ${length}`);
    const offset = row * length;
    ids.set(example.tokens.subarray(0, positions), offset);
    targets.set(example.tokens.subarray(1), offset);
    // Position j predicts token j + 1, which is a completion token when j + 1 >= promptLength
    // (or, packed, where the loss mask says so).
    const mask = example.lossMask;
    if (mask) for (let j = 0; j < positions; j++) weights[offset + j] = mask[j + 1]!;
    else for (let j = Math.max(0, example.promptLength - 1); j < positions; j++) weights[offset + j] = 1;
  });
  return { batch, length, ids, targets, weights };
}
