// The training loop: tokenizes the examples, builds the model and AdamW (fresh, from given
// weights, or from a saved TrainState), then runs optimizer steps in the deterministic data order,
// reporting each step through onStep and checkpoints through onCheckpoint, until max_steps, the
// AbortSignal, or max_minutes. Runs unchanged in Node and in a web worker; never touches storage
// or the DOM: a checkpoint is a TrainState of typed arrays and JSON, storable in IndexedDB.
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from '../model/config';
import { Gpt } from '../model/gpt';
import { validateWeights } from '../model/checkpoint';
import type { NamedWeights } from '../model/gpt';
import { CharTokenizer } from '../model/tokenizer';
import type { TokenizerJson } from '../model/tokenizer';
import { Sha256 } from '../generators/sha256';
import { AdamW } from './adamw';
import type { AdamWMoments } from './adamw';
import type { TrainConfig } from './config';
import { DataOrder, START_CURSOR } from './data-order';
import type { DataCursor } from './data-order';
import { encodeExamples, examplePairs, makeLossRows, paddedLength } from './data';
import type { EncodedExample, PromptCompletion } from './data';
import { learningRate } from './schedule';
import { trainStep } from './step';
import type { GradientPeer } from './gradients';

export const TRAIN_STATE_VERSION = 1;

export interface StepMetrics {
  /** Optimizer steps completed (1 after the first). */
  step: number;
  /** 0-based epoch of the step's first example. */
  epoch: number;
  loss: number;
  lr: number;
  grad_norm: number;
  /** Positions processed (B × padded T, over all micro-batches) per second of the step. */
  tokens_per_s: number;
  /** ISO-8601 time the step finished. */
  timestamp: string;
  backend: string;
}

/** Everything needed to continue a run exactly where it stopped. */
export interface TrainState {
  state_version: number;
  model_config: GptConfig;
  train_config: TrainConfig;
  tokenizer: TokenizerJson;
  /** Optimizer steps completed. */
  step: number;
  /** Where the next step's examples start. */
  cursor: DataCursor;
  weights: NamedWeights;
  optimizer: AdamWMoments;
  /** Training time spent so far, over all sessions (counts towards max_minutes). */
  elapsed_ms: number;
  data: DataSummary;
}

export interface DataSummary {
  /** Examples used for training, after skipping. */
  examples: number;
  skipped_too_long: number;
  skipped_empty: number;
  /** sha-256 of the examples as given; resuming on other data is refused. */
  fingerprint: string;
}

export type TrainStart =
  | { kind: 'new'; modelConfig: GptConfig; trainConfig: TrainConfig; tokenizer: CharTokenizer; initialWeights?: NamedWeights }
  | { kind: 'resume'; state: TrainState };

export interface TrainRequest {
  start: TrainStart;
  examples: readonly PromptCompletion[];
  signal?: AbortSignal;
  onStep?: (metrics: StepMetrics) => void | Promise<void>;
  /** Every checkpoint_every steps and at the end of a completed or timed-out run. */
  onCheckpoint?: (state: TrainState) => void | Promise<void>;
  /**
   * Every `inspectEvery` steps and after the last one, with the live model: to sample a
   * generation or measure a held-out loss. It must neither keep nor dispose the model.
   */
  onInspect?: (model: Gpt, step: number) => void | Promise<void>;
  inspectEvery?: number;
  /** Once, before this session's first step, with the live model and the steps already done (0 for a new run). */
  onStart?: (model: Gpt, step: number) => void | Promise<void>;
  /** Emit a checkpoint of the untrained state before step 1 (a run from given weights keeps them so). */
  checkpointAtStart?: boolean;
  /** Workers that compute part of every step's rows (data parallelism across cores). */
  peers?: readonly GradientPeer[];
  /** The backend label written into metrics; default tf.getBackend(). */
  backend?: string;
  /** Milliseconds clock for timings and the timeout; default performance.now. */
  clock?: () => number;
}

export interface TrainOutcome {
  status: 'completed' | 'cancelled' | 'timeout';
  /** The state at the end (also for a cancelled run, which onCheckpoint does not receive). */
  state: TrainState;
  lastLoss: number | null;
  data: DataSummary;
}

/** sha-256 over the examples' prompts and completions, with lengths so boundaries count. */
export function examplesFingerprint(examples: readonly PromptCompletion[]): string {
  const hash = new Sha256();
  for (const example of examples) {
    // Pairs packed after the first are marked, so packing them apart or together hashes apart.
    examplePairs(example).forEach(({ prompt, completion }, k) => hash.updateText(`${k > 0 ? '+' : ''}${prompt.length}:${prompt}${completion.length}:${completion}`));
  }
  return hash.digestHex();
}

interface Session {
  model: Gpt;
  optimizer: AdamW;
  modelConfig: GptConfig;
  trainConfig: TrainConfig;
  tokenizer: CharTokenizer;
  step: number;
  cursor: DataCursor;
  elapsedMs: number;
}

function openSession(start: TrainStart, fingerprint: string): Session {
  if (start.kind === 'new') {
    const { modelConfig, trainConfig, tokenizer } = start;
    if (tokenizer.vocabSize !== modelConfig.vocab_size) throw new Error(`the tokenizer has ${tokenizer.vocabSize} tokens but the model config ${modelConfig.vocab_size}`);
    let model: Gpt;
    if (start.initialWeights) {
      const checked = validateWeights(modelConfig, start.initialWeights);
      if (!checked.ok) throw new Error(`the initial weights do not fit the model config: ${checked.errors.slice(0, 3).map((e) => `${e.path} ${e.message}`).join('; ')}`);
      model = Gpt.fromWeights(modelConfig, checked.value);
    } else model = Gpt.create(modelConfig);
    const optimizer = new AdamW(model.specs, model.variables, trainConfig);
    return { model, optimizer, modelConfig, trainConfig, tokenizer, step: 0, cursor: START_CURSOR, elapsedMs: 0 };
  }
  const { state } = start;
  if (state.state_version !== TRAIN_STATE_VERSION) throw new Error(`unsupported train state version ${state.state_version}`);
  if (state.data.fingerprint !== fingerprint) throw new Error('the examples differ from those the checkpoint was trained on');
  const tokenizer = CharTokenizer.fromJSON(state.tokenizer);
  if (!tokenizer.ok) throw new Error(`the checkpoint's tokenizer is invalid: ${tokenizer.errors[0]?.message}`);
  const model = Gpt.fromWeights(state.model_config, state.weights);
  const optimizer = new AdamW(model.specs, model.variables, state.train_config, state.optimizer);
  return { model, optimizer, modelConfig: state.model_config, trainConfig: state.train_config, tokenizer: tokenizer.value, step: state.step, cursor: state.cursor, elapsedMs: state.elapsed_ms };
}

async function captureState(session: Session, data: DataSummary): Promise<TrainState> {
  const [weights, optimizer] = await Promise.all([session.model.readWeights(), session.optimizer.readMoments()]);
  return {
    state_version: TRAIN_STATE_VERSION,
    model_config: session.modelConfig,
    train_config: session.trainConfig,
    tokenizer: session.tokenizer.toJSON(),
    step: session.step,
    cursor: { ...session.cursor },
    weights,
    optimizer,
    elapsed_ms: session.elapsedMs,
    data,
  };
}

/** Lets queued events (an abort from another task) run between steps. */
function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export async function train(request: TrainRequest): Promise<TrainOutcome> {
  const clock = request.clock ?? (() => performance.now());
  const fingerprint = examplesFingerprint(request.examples);
  const session = openSession(request.start, fingerprint);
  try {
    const { trainConfig: config, modelConfig } = session;
    const encoded = encodeExamples(session.tokenizer, request.examples, modelConfig.context);
    const data: DataSummary = { examples: encoded.examples.length, skipped_too_long: encoded.skippedTooLong.length, skipped_empty: encoded.skippedEmpty.length, fingerprint };
    if (encoded.examples.length === 0) throw new Error(`no example fits the context of ${modelConfig.context} tokens (${data.skipped_too_long} too long, ${data.skipped_empty} empty)`);
    const order = new DataOrder(encoded.examples.length, config.seed);
    const backend = request.backend ?? tf.getBackend();
    const limitMs = config.max_minutes === null ? Infinity : config.max_minutes * 60_000;
    const sessionStart = clock();
    const elapsedBefore = session.elapsedMs;
    let lastLoss: number | null = null;
    let status: TrainOutcome['status'] = 'completed';
    await request.onStart?.(session.model, session.step);
    if (request.checkpointAtStart && session.step === 0) await request.onCheckpoint?.(await captureState(session, data));
    while (session.step < config.max_steps) {
      if (request.signal?.aborted) {
        status = 'cancelled';
        break;
      }
      if (session.elapsedMs >= limitMs) {
        status = 'timeout';
        break;
      }
      const began = clock();
      const epoch = session.cursor.epoch;
      const microBatches = [];
      for (let k = 0; k < config.grad_accum_steps; k++) {
        const { indices, next } = order.take(session.cursor, config.batch_size);
        session.cursor = next;
        const examples = indices.map((i) => encoded.examples[i] as EncodedExample);
        microBatches.push(makeLossRows(examples, paddedLength(examples, config.pad_multiple, modelConfig.context)));
      }
      const lr = learningRate(session.step, config);
      const outcome = await trainStep({ model: session.model, optimizer: session.optimizer, microBatches, learningRate: lr, step: session.step + 1, dropoutSeed: config.seed, peers: request.peers });
      session.step += 1;
      const took = clock() - began;
      lastLoss = outcome.loss;
      const positions = microBatches.reduce((sum, rows) => sum + rows.batch * rows.length, 0);
      await request.onStep?.({
        step: session.step, epoch, loss: outcome.loss, lr, grad_norm: outcome.gradNorm,
        tokens_per_s: took > 0 ? (positions * 1000) / took : 0, timestamp: new Date().toISOString(), backend,
      });
      session.elapsedMs = elapsedBefore + (clock() - sessionStart);
      const inspectEvery = request.inspectEvery ?? 0;
      if (inspectEvery > 0 && session.step % inspectEvery === 0 && session.step < config.max_steps) await request.onInspect?.(session.model, session.step);
      if (config.checkpoint_every > 0 && session.step % config.checkpoint_every === 0 && session.step < config.max_steps) {
        await request.onCheckpoint?.(await captureState(session, data));
      }
      await yieldToEvents();
      session.elapsedMs = elapsedBefore + (clock() - sessionStart);
    }
    if (lastLoss !== null) await request.onInspect?.(session.model, session.step);
    const state = await captureState(session, data);
    if (status !== 'cancelled') await request.onCheckpoint?.(state);
    return { status, state, lastLoss, data };
  } finally {
    session.optimizer.dispose();
    session.model.dispose();
  }
}
