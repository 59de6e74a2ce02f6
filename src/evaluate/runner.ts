// Runs an evaluation: every eval item's prompt rendered with the training chat template,
// generated in batches (items sorted by prompt length so a batch pads little), judged, and
// aggregated into the scorecard; plus the held-out completion loss of prompt/completion pairs.
// Reports progress per item and stops between decoding steps on its AbortSignal. Pure apart from
// tf: must never read or write storage (results go out through onResults) or touch the DOM.
//
// Honesty rules: an item whose prompt does not fit the model's context is not truncated; it gets
// an empty prediction, stop_reason "prompt_too_long", and is judged (so it counts as wrong under
// correctness judges). An item's latency is measured from the start of its batch to its last
// token, so it includes its batch mates' work: with batching, latency is per batch, not per item.
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from '../model/config';
import { validateGptConfig } from '../model/config';
import { validateWeights } from '../model/checkpoint';
import { Gpt, initialWeights } from '../model/gpt';
import type { NamedWeights } from '../model/gpt';
import { CharTokenizer } from '../model/tokenizer';
import type { TokenizerJson } from '../model/tokenizer';
import { encodeGenerationPrompt, generateTokens } from '../model/generate';
import type { GeneratedTokens, StopReason } from '../model/generate';
import { encodeExamples, makeLossRows, paddedLength } from '../train/data';
import type { PromptCompletion } from '../train/data';
import type { JudgeName } from './judges';
import type { GenerationSettings } from './records';
import { buildScorecard, resultFromGeneration } from './scorecard';
import type { EvalItemLike, EvalItemResult, Scorecard } from './scorecard';

export const DEFAULT_EVAL_BATCH_SIZE = 8;

export const DEFAULT_GENERATION: Readonly<GenerationSettings> = { max_new_tokens: 256, temperature: 0, top_k: 0, seed: 0 };

/**
 * Greedy settings for the evaluations the app starts by itself (before/after a run, sweeps): a
 * generation may run to the end of the model's context. A fixed cap cut off the answers of long
 * worked completions (a chat-template column addition ends near its 130th token).
 */
export function automaticGeneration(context: number, seed: number): GenerationSettings {
  return { max_new_tokens: context, temperature: 0, top_k: 0, seed };
}

export type ItemStopReason = StopReason | 'prompt_too_long';

/** One item's result with how its generation ended and its prompt's size in tokens. */
export interface EvaluatedItemResult extends EvalItemResult {
  stop_reason: ItemStopReason;
  prompt_tokens: number;
}

export interface EvalProgress {
  done: number;
  total: number;
  /** Items judged correct so far (correctness judges). */
  correct: number;
  tokens: number;
  elapsed_ms: number;
}

export interface RunEvaluationOptions {
  judge: JudgeName;
  generation: GenerationSettings;
  batchSize?: number;
  systemInstruction?: string;
  signal?: AbortSignal;
  onProgress?: (progress: EvalProgress) => void;
  /** Each result as it is judged, one call at a time (e.g. to store it); awaited before progress counts it. */
  onResults?: (results: EvaluatedItemResult[]) => Promise<void> | void;
  /** Clock in ms (default performance.now). */
  now?: () => number;
}

export interface EvaluationOutcome {
  /** In item order. */
  results: EvaluatedItemResult[];
  scorecard: Scorecard;
  tokens: number;
  elapsed_ms: number;
}

/**
 * The model and tokenizer to evaluate, checked: a valid config, a tokenizer whose vocabulary is
 * the config's, and exactly the config's weights (null: its deterministic initialization).
 * Errors say which part of `source` (e.g. "run-3 · step 400") is wrong.
 */
export function modelForEvaluation(source: string, config: GptConfig, tokenizerJson: TokenizerJson, weights: NamedWeights | null): { model: Gpt; tokenizer: CharTokenizer } {
  const describe = (part: string, errors: { path: string; message: string }[]) =>
    new Error(`${source}: ${part}: ${errors.slice(0, 3).map((e) => `${e.path ? `${e.path} ` : ''}${e.message}`).join('; ')}`);
  const checkedConfig = validateGptConfig(config);
  if (!checkedConfig.ok) throw describe('model config', checkedConfig.errors);
  const tokenizer = CharTokenizer.fromJSON(tokenizerJson);
  if (!tokenizer.ok) throw describe('tokenizer', tokenizer.errors);
  if (tokenizer.value.vocabSize !== config.vocab_size) throw new Error(`${source}: the tokenizer has ${tokenizer.value.vocabSize} tokens but the model config expects ${config.vocab_size}`);
  const checkedWeights = validateWeights(config, weights ?? initialWeights(config));
  if (!checkedWeights.ok) throw describe('weights', checkedWeights.errors);
  return { model: Gpt.fromWeights(config, checkedWeights.value), tokenizer: tokenizer.value };
}

interface PreparedItem {
  index: number;
  item: EvalItemLike;
  prompt: Int32Array;
}

/** Batches of items that fit the context, shortest prompts first (ties in item order). */
function batchesByLength(prepared: PreparedItem[], batchSize: number): PreparedItem[][] {
  const sorted = prepared.slice().sort((a, b) => a.prompt.length - b.prompt.length || a.index - b.index);
  const batches: PreparedItem[][] = [];
  for (let k = 0; k < sorted.length; k += batchSize) batches.push(sorted.slice(k, k + batchSize));
  return batches;
}

/** Evaluates `model` on `items`; throws an AbortError when cancelled. */
export async function runEvaluation(model: Gpt, tokenizer: CharTokenizer, items: readonly EvalItemLike[], options: RunEvaluationOptions): Promise<EvaluationOutcome> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_EVAL_BATCH_SIZE);
  const settings = options.generation;
  const results: (EvaluatedItemResult | undefined)[] = new Array(items.length);
  const progress: EvalProgress = { done: 0, total: items.length, correct: 0, tokens: 0, elapsed_ms: 0 };
  // Each item is handed to onResults as soon as it is judged (calls queue behind one another and
  // overlap with decoding), and counts in the progress once handed over, so a cancelled
  // evaluation has kept every item its progress showed.
  let writes: Promise<void> = Promise.resolve();
  const record = (index: number, result: EvaluatedItemResult): void => {
    results[index] = result;
    writes = writes
      .then(() => options.onResults?.([result]))
      .then(() => {
        progress.done += 1;
        progress.correct += result.correct === true ? 1 : 0;
        progress.tokens += result.tokens;
        progress.elapsed_ms = now() - started;
        options.onProgress?.({ ...progress });
      });
  };
  const prepared = items.map((item, index) => ({ index, item, prompt: encodeGenerationPrompt(tokenizer, item.prompt, options.systemInstruction) }));
  const tooLong = prepared.filter((entry) => entry.prompt.length > model.config.context);
  const judged = (entry: PreparedItem, generated: GeneratedTokens | null, latency: number): EvaluatedItemResult => ({
    ...resultFromGeneration(entry.item, generated ? tokenizer.decode(generated.tokens) : '', options.judge, { latency_ms: latency, tokens: generated?.tokens.length ?? 0 }),
    stop_reason: generated ? generated.stop : 'prompt_too_long',
    prompt_tokens: entry.prompt.length,
  });
  for (const entry of tooLong) record(entry.index, judged(entry, null, 0));
  const fitting = prepared.filter((entry) => entry.prompt.length <= model.config.context);
  try {
    for (const batch of batchesByLength(fitting, batchSize)) {
      const batchStarted = now();
      await generateTokens(
        model,
        batch.map((entry) => entry.prompt),
        {
          maxNewTokens: settings.max_new_tokens,
          temperature: settings.temperature,
          topK: settings.top_k,
          seed: settings.seed,
          rowKeys: batch.map((entry) => entry.item.id),
          signal: options.signal,
          onRowDone: (row, generated) => {
            const entry = batch[row] as PreparedItem;
            const result = judged(entry, generated, now() - batchStarted);
            record(entry.index, result);
          },
        },
      );
    }
  } finally {
    await writes;
  }
  const ordered = results as EvaluatedItemResult[];
  const scorecard = buildScorecard(items, ordered, options.judge);
  if (!scorecard.ok) throw new Error(`evaluation results do not match the eval set: ${scorecard.errors[0]?.message ?? ''}`);
  return { results: ordered, scorecard: scorecard.value, tokens: progress.tokens, elapsed_ms: now() - started };
}

export interface CompletionLoss {
  /** Mean cross-entropy per completion token (nats); null when no example fits. */
  loss: number | null;
  /** Completion tokens scored. */
  tokens: number;
  examples: number;
  /** Examples longer than the context (or with an empty completion), left out. */
  skipped: number;
}

/** Mean next-token loss on the completion tokens of held-out prompt/completion pairs. */
export async function completionLoss(model: Gpt, tokenizer: CharTokenizer, examples: readonly PromptCompletion[], batchSize = DEFAULT_EVAL_BATCH_SIZE): Promise<CompletionLoss> {
  const context = model.config.context;
  const encoded = encodeExamples(tokenizer, examples, context);
  let total = 0;
  let tokens = 0;
  for (let k = 0; k < encoded.examples.length; k += batchSize) {
    const batch = encoded.examples.slice(k, k + batchSize);
    const rows = makeLossRows(batch, paddedLength(batch, 1, context));
    const sum = tf.tidy(() => model.loss(rows, 1));
    total += ((await sum.data()) as Float32Array)[0] as number;
    sum.dispose();
    tokens += rows.weights.reduce((s, w) => s + w, 0);
  }
  return {
    loss: tokens > 0 ? total / tokens : null,
    tokens,
    examples: encoded.examples.length,
    skipped: encoded.skippedTooLong.length + encoded.skippedEmpty.length,
  };
}
