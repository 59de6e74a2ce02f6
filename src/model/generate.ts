// Text generation from a Gpt: greedy decoding or seeded temperature/top-k sampling, batched over
// prompts of different lengths, stopping at <end_of_turn>/<eos> or a token budget. Owns the
// decode loop, the key/value cache bookkeeping (right-padded prefill, a key mask over each row's
// padding, explicit positions, rows dropped from the batch as they stop) and the chat prompt
// exactly as training renders it. Runs in Node, a worker or the page; never touches storage.
//
// Limits: a row's prompt plus its generation never exceeds context + 1 tokens (the last token is
// predicted from position context − 1 and never fed back). Sampling draws from one seeded stream
// per row key, so a row gets the same tokens whatever batch it runs in. The loop yields a task
// (nextTask) after a step in which a row stopped and at least every 16 ms, so a worker's storage
// writes and messages are not held up behind decoding.
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import { renderPromptCompletion } from '../export/gemma';
import type { Gpt, LayerKeysValues } from './gpt';
import { BOS_ID, END_OF_TURN_ID, EOS_ID, PAD_ID } from './tokenizer';
import type { CharTokenizer } from './tokenizer';

export const DEFAULT_STOP_IDS: readonly number[] = [END_OF_TURN_ID, EOS_ID];
const MASKED = -1e9;
/** Longest stretch of decoding without letting other tasks run (also after any row stops). */
const YIELD_EVERY_MS = 16;

export interface GenerateOptions {
  /** Tokens to generate at most per row (fewer when the context fills up). */
  maxNewTokens: number;
  /** 0 (the default) decodes greedily; above 0 samples from softmax(logits / temperature). */
  temperature?: number;
  /** Sample among the k most likely tokens only; 0 (the default) keeps them all. */
  topK?: number;
  seed?: number;
  /** Default: <end_of_turn> and <eos>. The stop token ends the row and is not returned. */
  stopIds?: readonly number[];
  /** false recomputes the whole sequence for every token: the reference the cache is tested against. */
  cache?: boolean;
  /** One key per prompt naming its sampling stream (default: its index). */
  rowKeys?: readonly string[];
  signal?: AbortSignal;
  /** Called as each row stops (rows stop at different steps of a batch). */
  onRowDone?: (row: number, result: GeneratedTokens) => void;
}

export type StopReason = 'stop_token' | 'max_new_tokens' | 'context';

export interface GeneratedTokens {
  /** Generated token ids, without the stop token. */
  tokens: number[];
  stop: StopReason;
}

/** The model-side state of one batch: next-token logits (B, V) of the rows still running. */
interface Decoder {
  /** Logits after the prompts. */
  start(): Promise<Float32Array>;
  /** Keeps rows `keep` (indices into the current batch) and feeds each its newest token. */
  next(keep: readonly number[]): Promise<Float32Array>;
  dispose(): void;
}

/** One row's sequence so far (prompt + generated), shared by the decode loop and the decoder. */
interface RowState {
  sequence: number[];
}

async function readAndDispose(logits: tf.Tensor): Promise<Float32Array> {
  try {
    return (await logits.data()) as Float32Array;
  } finally {
    logits.dispose();
  }
}

/** Right-padded (B, T) ids of `rows`, T = the longest. */
function paddedIds(rows: readonly RowState[]): { ids: Int32Array; length: number } {
  const length = Math.max(...rows.map((row) => row.sequence.length));
  const ids = new Int32Array(rows.length * length).fill(PAD_ID);
  rows.forEach((row, b) => ids.set(row.sequence, b * length));
  return { ids, length };
}

/** Logits (B·T, V) rows at each row's last real position -> (B, V). */
function lastPositions(logits: tf.Tensor2D, rows: readonly RowState[], length: number): tf.Tensor2D {
  const indices = tf.tensor1d(rows.map((row, b) => b * length + row.sequence.length - 1), 'int32');
  return tf.gather(logits, indices);
}

/** The uncached reference: the full forward pass over every sequence, every step. */
class FullDecoder implements Decoder {
  constructor(private readonly model: Gpt, private rows: RowState[]) {}

  private forward(): Promise<Float32Array> {
    const { ids, length } = paddedIds(this.rows);
    return readAndDispose(tf.tidy(() => lastPositions(this.model.logits({ batch: this.rows.length, length, ids }), this.rows, length)));
  }

  start(): Promise<Float32Array> {
    return this.forward();
  }

  next(keep: readonly number[]): Promise<Float32Array> {
    this.rows = keep.map((b) => this.rows[b] as RowState);
    return this.forward();
  }

  dispose(): void {}
}

/** Prefill once, then one position per row per step against the key/value cache. */
class CachedDecoder implements Decoder {
  private cache: LayerKeysValues[] = [];
  /** Per row, whether each cached position is a real token (false: prefill padding). */
  private valid: boolean[][] = [];

  constructor(private readonly model: Gpt, private rows: RowState[]) {}

  start(): Promise<Float32Array> {
    const { ids, length } = paddedIds(this.rows);
    this.valid = this.rows.map((row) => Array.from({ length }, (_, t) => t < row.sequence.length));
    const logits = tf.tidy(() => {
      const out = this.model.prefill({ batch: this.rows.length, length, ids });
      this.cache = out.cache.map((layer) => ({ keys: tf.keep(layer.keys), values: tf.keep(layer.values) }));
      return lastPositions(out.logits, this.rows, length);
    });
    return readAndDispose(logits);
  }

  next(keep: readonly number[]): Promise<Float32Array> {
    if (keep.length < this.rows.length) this.dropRows(keep);
    const batch = this.rows.length;
    const length = (this.valid[0] as boolean[]).length + 1;
    const ids = Int32Array.from(this.rows, (row) => row.sequence[row.sequence.length - 1] as number);
    const positions = Int32Array.from(this.rows, (row) => row.sequence.length - 1);
    const keyMask = new Float32Array(batch * length);
    this.valid.forEach((valid, b) => valid.forEach((ok, t) => ok || (keyMask[b * length + t] = MASKED)));
    const previous = this.cache;
    const logits = tf.tidy(() => {
      const out = this.model.decodeStep(ids, positions, keyMask, previous);
      this.cache = out.cache.map((layer) => ({ keys: tf.keep(layer.keys), values: tf.keep(layer.values) }));
      return out.logits;
    });
    disposeCache(previous);
    for (const valid of this.valid) valid.push(true);
    return readAndDispose(logits);
  }

  /** Keeps the cache rows (B·H, …) of rows `keep` only. */
  private dropRows(keep: readonly number[]): void {
    const heads = this.model.config.heads;
    const previous = this.cache;
    this.cache = tf.tidy(() => {
      const indices = tf.tensor1d(keep.flatMap((b) => Array.from({ length: heads }, (_, h) => b * heads + h)), 'int32');
      return previous.map((layer) => ({ keys: tf.keep(tf.gather(layer.keys, indices)), values: tf.keep(tf.gather(layer.values, indices)) }));
    });
    disposeCache(previous);
    this.rows = keep.map((b) => this.rows[b] as RowState);
    this.valid = keep.map((b) => this.valid[b] as boolean[]);
  }

  dispose(): void {
    disposeCache(this.cache);
    this.cache = [];
  }
}

function disposeCache(cache: readonly LayerKeysValues[]): void {
  for (const layer of cache) {
    layer.keys.dispose();
    layer.values.dispose();
  }
}

/** The index of the largest value (the first on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[best] as number)) best = i;
  return best;
}

/** A draw from softmax(logits / temperature) restricted to the top k (k = 0: all), u in [0, 1). */
export function sampleToken(logits: ArrayLike<number>, temperature: number, topK: number, u: number): number {
  let candidates = Array.from({ length: logits.length }, (_, i) => i);
  if (topK > 0 && topK < logits.length) {
    candidates.sort((a, b) => (logits[b] as number) - (logits[a] as number) || a - b);
    candidates = candidates.slice(0, topK);
  }
  const top = Math.max(...candidates.map((i) => logits[i] as number));
  const weights = candidates.map((i) => Math.exp(((logits[i] as number) - top) / temperature));
  let threshold = u * weights.reduce((sum, w) => sum + w, 0);
  for (let k = 0; k < candidates.length; k++) {
    threshold -= weights[k] as number;
    if (threshold < 0) return candidates[k] as number;
  }
  return candidates[candidates.length - 1] as number;
}

/**
 * Resolves in a new task, so that work queued behind the decode loop (storage callbacks, worker
 * messages) runs between steps; without the ≥ 4 ms clamp of nested setTimeout.
 */
export function nextTask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((done) => setImmediate(done));
  const channel = new MessageChannel();
  return new Promise((done) => {
    channel.port1.onmessage = () => {
      channel.port1.close();
      done();
    };
    channel.port2.postMessage(null);
  });
}

function abortError(): Error {
  return typeof DOMException === 'undefined' ? Object.assign(new Error('generation cancelled'), { name: 'AbortError' }) : new DOMException('generation cancelled', 'AbortError');
}

/**
 * Generates a continuation of each prompt (token ids, BOS included) in one batch. Throws a
 * RangeError for an empty prompt or one longer than the context, an AbortError on `signal`.
 */
export async function generateTokens(model: Gpt, prompts: readonly Int32Array[], options: GenerateOptions): Promise<GeneratedTokens[]> {
  const { context, vocab_size: vocabSize } = model.config;
  const { temperature = 0, topK = 0, seed = 0, stopIds = DEFAULT_STOP_IDS, signal } = options;
  prompts.forEach((prompt, row) => {
    if (prompt.length === 0 || prompt.length > context) throw new RangeError(`prompt ${row} has ${prompt.length} tokens; it must have 1 to ${context} (the context)`);
  });
  const results: GeneratedTokens[] = prompts.map(() => ({ tokens: [], stop: 'max_new_tokens' }));
  const budgets = prompts.map((prompt) => Math.min(options.maxNewTokens, context + 1 - prompt.length));
  const finish = (row: number, stop: StopReason): void => {
    (results[row] as GeneratedTokens).stop = stop;
    options.onRowDone?.(row, results[row] as GeneratedTokens);
  };
  const budgetStop = (row: number): StopReason => ((budgets[row] as number) < options.maxNewTokens ? 'context' : 'max_new_tokens');
  // Rows still generating, and their sequences (aligned with `running`).
  let running: number[] = [];
  prompts.forEach((_, row) => ((budgets[row] as number) > 0 ? running.push(row) : finish(row, budgetStop(row))));
  if (running.length === 0) return results;
  let states: RowState[] = running.map((row) => ({ sequence: Array.from(prompts[row] as Int32Array) }));
  const streams = new Map<number, seedrandom.PRNG>();
  const stream = (row: number): seedrandom.PRNG => {
    let prng = streams.get(row);
    if (prng === undefined) streams.set(row, (prng = seedrandom(`${seed}/${options.rowKeys?.[row] ?? row}`)));
    return prng;
  };
  const decoder: Decoder = options.cache === false ? new FullDecoder(model, states) : new CachedDecoder(model, states);
  try {
    if (signal?.aborted) throw abortError();
    let logits = await decoder.start();
    let yielded = performance.now();
    for (;;) {
      const keep: number[] = [];
      running.forEach((row, b) => {
        const values = logits.subarray(b * vocabSize, (b + 1) * vocabSize);
        const token = temperature > 0 ? sampleToken(values, temperature, topK, stream(row)()) : argmax(values);
        const result = results[row] as GeneratedTokens;
        if (stopIds.includes(token)) return finish(row, 'stop_token');
        result.tokens.push(token);
        if (result.tokens.length >= (budgets[row] as number)) return finish(row, budgetStop(row));
        (states[b] as RowState).sequence.push(token);
        keep.push(b);
      });
      if (keep.length === 0) return results;
      if (keep.length < running.length || performance.now() - yielded > YIELD_EVERY_MS) {
        await nextTask();
        yielded = performance.now();
      }
      if (signal?.aborted) throw abortError();
      running = keep.map((b) => running[b] as number);
      states = keep.map((b) => states[b] as RowState);
      logits = await decoder.next(keep);
    }
  } finally {
    decoder.dispose();
  }
}

/** The chat prompt of a user turn exactly as training renders it, ending with `<start_of_turn>model\n`. */
export function renderGenerationPrompt(userText: string, systemInstruction?: string): string {
  return renderPromptCompletion({ prompt: userText, steps: [], final_answer: '' }, { systemInstruction }).prompt;
}

/** BOS + the rendered chat prompt, as train/data.ts encodes a training example's prompt. */
export function encodeGenerationPrompt(tokenizer: CharTokenizer, userText: string, systemInstruction?: string): Int32Array {
  return Int32Array.from([BOS_ID, ...tokenizer.encode(renderGenerationPrompt(userText, systemInstruction))]);
}

export interface GeneratedText extends GeneratedTokens {
  /** The decoded generation (the model's turn, without the stop token). */
  text: string;
}

/** Generates the model's turn for each user prompt (one batch; see generateTokens). */
export async function generateText(model: Gpt, tokenizer: CharTokenizer, userTexts: readonly string[], options: GenerateOptions & { systemInstruction?: string }): Promise<GeneratedText[]> {
  const prompts = userTexts.map((text) => encodeGenerationPrompt(tokenizer, text, options.systemInstruction));
  const generated = await generateTokens(model, prompts, options);
  return generated.map((result) => ({ ...result, text: tokenizer.decode(result.tokens) }));
}
