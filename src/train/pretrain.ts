// Pretraining a base model (issue 10): the plan (model shape, train config, the fixed base
// tokenizer, the packed plain-text corpus and its held-out texts) as a pure function of the
// options, and the run itself through the app's own train(): every text is an example with an
// empty prompt, so the loss covers every token after BOS. Also the train-state file format
// (weights and AdamW moments in safetensors, the rest as JSON metadata) that makes a run
// resumable, and the weights hash that proves a run reproducible. Never touches the file system
// or the terminal: scripts/pretrain.ts does.
import type { GptConfig, ModelPresetName } from '../model/config';
import { MODEL_PRESETS } from '../model/config';
import { baseTokenizer } from '../model/base-vocabulary';
import { weightsToSafetensors } from '../model/checkpoint';
import type { NamedWeights } from '../model/gpt';
import { decodeSafetensors, encodeSafetensors } from '../model/safetensors';
import type { Float32Tensor } from '../model/safetensors';
import type { CharTokenizer } from '../model/tokenizer';
import { PRETRAIN_CORPUS_VERSION, PRETRAIN_FAMILIES, packedDocumentExamples, pretrainDocumentExamples, pretrainDocumentTexts, pretrainTexts } from '../generators/pretrain-corpus';
import { Sha256 } from '../generators/sha256';
import { DEFAULT_TRAIN_CONFIG } from './config';
import type { TrainConfig } from './config';
import type { PromptCompletion } from './data';
import type { TrainState } from './trainer';

export type PretrainPreset = Extract<ModelPresetName, 'tiny' | 'small' | 'medium'>;

/**
 * Contexts of the base models: `small` gets 256 positions (not the benchmark preset's 128)
 * because a two-digit column addition in the chat template is about 160 tokens.
 */
export const BASE_CONTEXT: Readonly<Record<PretrainPreset, number>> = { tiny: 64, small: 256, medium: 256 };

/**
 * Nominal single-thread Node WASM training rates (positions/s, see bench/results/train-node.json):
 * `--minutes` is a token budget at this rate, so the schedule and the weights never depend on
 * how busy the machine was.
 */
export const NOMINAL_TOKENS_PER_S: Readonly<Record<PretrainPreset, number>> = { tiny: 6_000, small: 1_600, medium: 400 };

export interface PretrainOptions {
  preset: PretrainPreset;
  seed: number;
  /** Token budget in nominal minutes (ignored when `steps` is given). */
  minutes: number;
  steps?: number;
  context?: number;
  batchSize: number;
  learningRate: number;
  warmupSteps: number;
  checkpointEvery: number;
  /**
   * Whether documents are packed into texts of `context` characters (the default) or given one
   * per text, each starting right after BOS as a fine-tuning prompt does (0 = unpacked).
   */
  pack?: number;
  /**
   * 'answers': the loss masked to what can be worked out from each document's given part (its
   * operands, drawn at random, are context only); documents one per text (as pack 0) unless
   * `pack` is 1, which packs them (packedDocumentExamples).
   */
  mask?: 'answers';
  /**
   * The id of a shipped base (public/models/<id>) whose weights the run starts from, instead of
   * the seed's initialization: continued pretraining. Its shape must be this preset's.
   */
  init?: string;
}

export const DEFAULT_PRETRAIN_OPTIONS: Readonly<PretrainOptions> = {
  preset: 'small', seed: 1, minutes: 60, batchSize: 8, learningRate: 2e-3, warmupSteps: 100, checkpointEvery: 50,
};

export interface PretrainPlan {
  options: PretrainOptions;
  modelConfig: GptConfig;
  trainConfig: TrainConfig;
  tokenizer: CharTokenizer;
  examples: PromptCompletion[];
  heldOut: PromptCompletion[];
}

/** Held-out texts come from another stream of the same generator (seed + this offset). */
export const HELD_OUT_SEED_OFFSET = 1_000_003;
export const HELD_OUT_TEXTS = 48;

function asExamples(texts: readonly string[]): PromptCompletion[] {
  return texts.map((completion) => ({ prompt: '', completion }));
}

/** Whether a run packs several documents into a row: by default, but with mask answers only when pack is 1. */
export function packsDocuments(options: Pick<PretrainOptions, 'pack' | 'mask'>): boolean {
  return options.mask === 'answers' ? options.pack === 1 : options.pack !== 0;
}

/** Everything a pretraining run needs, a pure function of the options. */
export function pretrainPlan(options: PretrainOptions): PretrainPlan {
  const tokenizer = baseTokenizer();
  const shape = MODEL_PRESETS[options.preset];
  const context = options.context ?? BASE_CONTEXT[options.preset];
  const modelConfig: GptConfig = { ...shape, context, vocab_size: tokenizer.vocabSize, dropout: 0, seed: options.seed };
  const positionsPerStep = options.batchSize * context;
  const steps = options.steps ?? Math.max(1, Math.ceil((options.minutes * 60 * NOMINAL_TOKENS_PER_S[options.preset]) / positionsPerStep));
  const trainConfig: TrainConfig = {
    ...DEFAULT_TRAIN_CONFIG,
    learning_rate: options.learningRate,
    warmup_steps: Math.min(options.warmupSteps, Math.max(1, Math.floor(steps / 10))),
    max_steps: steps,
    batch_size: options.batchSize,
    seed: options.seed,
    checkpoint_every: options.checkpointEvery,
    pad_multiple: 16,
  };
  // One text per example, each seen once: texts of at most `context` characters are BOS + at
  // most `context` tokens, i.e. at most `context` positions.
  const packed = packsDocuments(options);
  const draw = (count: number, seed: number): PromptCompletion[] => {
    if (options.mask === 'answers') return (packed ? packedDocumentExamples : pretrainDocumentExamples)(count, seed, context);
    return asExamples((packed ? pretrainTexts : pretrainDocumentTexts)(count, seed, context));
  };
  const examples = draw(steps * options.batchSize, options.seed);
  const heldOut = draw(HELD_OUT_TEXTS, options.seed + HELD_OUT_SEED_OFFSET);
  return { options, modelConfig, trainConfig, tokenizer, examples, heldOut };
}

/** The corpus recipe for model cards: generator version and family shares. */
export function corpusRecipe(): { version: string; families: { name: string; percent: number }[] } {
  return { version: PRETRAIN_CORPUS_VERSION, families: PRETRAIN_FAMILIES.map(({ name, percent }) => ({ name, percent })) };
}

/** sha-256 hex of the model.safetensors bytes of these weights: the reproducibility check. */
export function weightsHash(config: GptConfig, weights: NamedWeights): string {
  return new Sha256().update(weightsToSafetensors(config, weights)).digestHex();
}

const MOMENT_PREFIX = { m: 'optimizer.m.', v: 'optimizer.v.' } as const;

/** A TrainState as one safetensors file: weights and moments as tensors, the rest as metadata. */
export function encodeTrainState(state: TrainState, extra: Record<string, string> = {}): Uint8Array {
  const tensors: [string, Float32Tensor][] = [];
  const add = (prefix: string, weights: NamedWeights) => {
    for (const [name, data] of Object.entries(weights)) tensors.push([`${prefix}${name}`, { shape: [data.length], data }]);
  };
  add('', state.weights);
  add(MOMENT_PREFIX.m, state.optimizer.m);
  add(MOMENT_PREFIX.v, state.optimizer.v);
  const { weights: _weights, optimizer: _optimizer, ...rest } = state;
  return encodeSafetensors(tensors, { ...extra, train_state: JSON.stringify(rest) });
}

/** The TrainState (and the extra metadata) back from encodeTrainState's bytes. */
export function decodeTrainState(bytes: Uint8Array): { state: TrainState; extra: Record<string, string> } {
  const file = decodeSafetensors(bytes);
  if (!file.ok) throw new Error(`train state: ${file.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
  const { train_state: json, ...extra } = file.value.metadata;
  if (json === undefined) throw new Error('train state: the file has no train_state metadata');
  const rest = JSON.parse(json) as Omit<TrainState, 'weights' | 'optimizer'>;
  const weights: NamedWeights = {};
  const m: NamedWeights = {};
  const v: NamedWeights = {};
  for (const [name, tensor] of file.value.tensors) {
    if (name.startsWith(MOMENT_PREFIX.m)) m[name.slice(MOMENT_PREFIX.m.length)] = tensor.data;
    else if (name.startsWith(MOMENT_PREFIX.v)) v[name.slice(MOMENT_PREFIX.v.length)] = tensor.data;
    else weights[name] = tensor.data;
  }
  return { state: { ...rest, weights, optimizer: { m, v } }, extra };
}
