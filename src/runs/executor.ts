// Runs one stored training run to its end: picks up its newest checkpoint (resume) or starts it
// fresh, drives the trainer, and writes everything through a RunStore: status transitions,
// metrics in batches (with the checkpoints, in one write), numbered logs and heartbeats, samples
// from the fixed prompt and the held-out loss every sample_every steps, the initial and final
// held-out loss, and the final status: completed, cancelled (a `cancel_requested` seen in the
// store between steps, or the caller's signal), timeout (max_minutes; last checkpoint kept) or
// failed (with the error). Never imports Dexie or a tf backend: the worker passes the store and
// starts the backend.
import type { Gpt } from '../model/gpt';
import type { NamedWeights } from '../model/gpt';
import { CharTokenizer } from '../model/tokenizer';
import type { TokenizerJson } from '../model/tokenizer';
import type { BackendChoice } from '../train/backend';
import { encodeExamples } from '../train/data';
import type { PromptCompletion } from '../train/data';
import type { GradientPeer } from '../train/gradients';
import { greedySample } from '../train/greedy-sample';
import { train } from '../train/trainer';
import type { StepMetrics, TrainStart, TrainState } from '../train/trainer';
import { heldoutLoss, heldoutSet } from './heldout';
import type { HeldoutSet } from './heldout';
import type { LogEntry, RunStore } from './store';
import type { MetricRecord, RunManifest, RunStatus } from './types';

export interface RunProgress {
  run_id: string;
  status: RunStatus;
  step: number;
  max_steps: number;
  loss: number | null;
  tokens_per_s: number | null;
  /** The latest sample and held-out loss, when this step produced them. */
  sample?: string;
  heldout_loss?: number | null;
}

export interface ExecuteRunInput {
  store: RunStore;
  runId: string;
  /** The run's training examples, rendered as when it was created (the checkpoint checks their fingerprint). */
  train: readonly PromptCompletion[];
  heldout: readonly PromptCompletion[];
  /** The backend the caller started (recorded in the run and in every metric). */
  backend: BackendChoice;
  /** The starting weights of a run from a base model (needed until its first checkpoint exists). */
  base?: { weights: NamedWeights; tokenizer: TokenizerJson };
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  peers?: readonly GradientPeer[];
  clock?: () => number;
  /** Milliseconds between metric writes (default 1,000), heartbeats (5,000) and status reads (1,000). */
  flushEveryMs?: number;
  heartbeatEveryMs?: number;
  statusEveryMs?: number;
  /** Tokens per sample (default 48). */
  sampleTokens?: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
}

function tokenizerOf(run: RunManifest, input: ExecuteRunInput, checkpoint: TrainState | undefined): CharTokenizer {
  const json = checkpoint?.tokenizer ?? input.base?.tokenizer;
  if (json === undefined) {
    if (run.init.kind === 'base_model') throw new Error(`run ${run.run_id} starts from model ${run.init.model_id}, whose weights were not saved before the run stopped: start a new run`);
    return CharTokenizer.fromTexts(input.train.flatMap((e) => [e.prompt, e.completion]));
  }
  const parsed = CharTokenizer.fromJSON(json);
  if (!parsed.ok) throw new Error(`the tokenizer of run ${run.run_id} is invalid: ${parsed.errors[0]?.message}`);
  return parsed.value;
}

/** Runs `runId` from wherever it stopped to a final status, and returns its final manifest. */
export async function executeRun(input: ExecuteRunInput): Promise<RunManifest> {
  const { store, runId } = input;
  const clock = input.clock ?? (() => performance.now());
  const log = (entries: LogEntry[]) => store.appendLogs(runId, entries);
  const initial = await store.getRun(runId);
  if (!initial) throw new Error(`run ${runId} does not exist (deleted?)`);
  if (['completed', 'failed', 'cancelled', 'timeout'].includes(initial.status)) return initial;
  if (initial.status === 'cancel_requested') {
    const done = await store.transition(runId, 'cancelled', { finished_at: new Date().toISOString() });
    return done.ok ? done.value : initial;
  }
  let pending: MetricRecord[] = [];
  let last: MetricRecord | null = null;
  try {
    const checkpoint = await store.latestCheckpoint(runId);
    const tokenizer = tokenizerOf(initial, input, checkpoint?.state);
    if (tokenizer.hash() !== initial.tokenizer_hash) throw new Error(`the training data of run ${runId} changed since it was created (tokenizer hash differs)`);
    const config = checkpoint?.state.train_config ?? initial.train_config;
    const resumed = checkpoint !== undefined;
    await store.discardMetricsAfter(runId, checkpoint?.step ?? 0);
    const start: TrainStart = checkpoint
      ? { kind: 'resume', state: checkpoint.state }
      : { kind: 'new', modelConfig: initial.model_config, trainConfig: initial.train_config, tokenizer, ...(input.base ? { initialWeights: input.base.weights } : {}) };
    const encoded = encodeExamples(tokenizer, input.train, initial.model_config.context);
    const heldout: HeldoutSet = heldoutSet(tokenizer, input.heldout, initial.model_config.context, config.batch_size, config.pad_multiple);
    const now = new Date().toISOString();
    const started = await store.transition(runId, 'running', {
      started_at: initial.started_at ?? now, heartbeat_at: now, backend_actual: input.backend.actual, backend_attempts: input.backend.attempts,
      resumed_count: (initial.resumed_count ?? 0) + (resumed ? 1 : 0),
    });
    if (!started.ok) throw new Error(started.errors[0]?.message);
    await log([
      resumed ? { level: 'info', message: `Resumed from the checkpoint at step ${checkpoint.step}`, step: checkpoint.step } : { level: 'info', message: 'Started' },
      { level: 'info', message: `Backend ${input.backend.actual} (requested ${input.backend.requested}${input.backend.attempts.filter((a) => !a.ok).map((a) => `; ${a.backend} failed: ${a.error}`).join('')})` },
      { level: encoded.skippedTooLong.length > 0 ? 'warn' : 'info', message: `Training on ${encoded.examples.length} of ${input.train.length} examples: ${encoded.skippedTooLong.length} longer than the context of ${initial.model_config.context} tokens and ${encoded.skippedEmpty.length} with an empty completion skipped` },
      { level: 'info', message: `Held-out: ${heldout.examples} examples${heldout.skippedTooLong > 0 ? ` (${heldout.skippedTooLong} longer than the context skipped)` : ''}` },
    ]);

    const controller = new AbortController();
    input.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    if (input.signal?.aborted) controller.abort();
    let lastFlush = clock();
    let lastHeartbeat = clock();
    let lastStatusRead = clock();
    let sessionTokens = 0;
    let sessionRate = 0;
    let initialHeldout = initial.initial_heldout_loss ?? null;
    let finalHeldout: number | null = null;
    let sample: string | undefined;
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      await store.appendMetrics(batch);
      lastFlush = clock();
    };
    const progress = (step: number, extra: Partial<RunProgress> = {}) =>
      input.onProgress?.({ run_id: runId, status: 'running', step, max_steps: config.max_steps, loss: last?.loss ?? null, tokens_per_s: last?.tokens_per_s ?? null, ...extra });

    const inspect = async (model: Gpt, step: number) => {
      const loss = await heldoutLoss(model, heldout);
      finalHeldout = loss;
      if (last && last.step === step && loss !== null) {
        last.heldout_loss = loss;
        if (!pending.includes(last)) await store.appendMetrics([last]);
      }
      const prompt = initial.sample_prompt;
      if (prompt) {
        sample = await greedySample(model, tokenizer, prompt, input.sampleTokens ?? 48);
        await log([{ level: 'sample', message: sample, step }]);
      }
      progress(step, { heldout_loss: loss, ...(sample === undefined ? {} : { sample }) });
    };

    const outcome = await train({
      start,
      examples: input.train,
      signal: controller.signal,
      backend: input.backend.actual,
      clock,
      ...(input.peers ? { peers: input.peers } : {}),
      checkpointAtStart: input.base !== undefined && !resumed,
      inspectEvery: initial.sample_every ?? 0,
      onStart: async (model, step) => {
        if (step === 0 && initial.initial_heldout_loss === undefined) {
          initialHeldout = await heldoutLoss(model, heldout);
          await store.updateRun(runId, { initial_heldout_loss: initialHeldout });
          if (initialHeldout !== null) await log([{ level: 'info', message: `Held-out loss before training: ${initialHeldout.toFixed(4)}`, step: 0 }]);
        }
        progress(step, { heldout_loss: initialHeldout });
      },
      onStep: async (metrics: StepMetrics) => {
        last = { run_id: runId, ...metrics };
        pending.push(last);
        sessionTokens += metrics.tokens_per_s;
        sessionRate += 1;
        const time = clock();
        if (time - lastFlush >= (input.flushEveryMs ?? 1000)) await flush();
        if (time - lastHeartbeat >= (input.heartbeatEveryMs ?? 5000)) {
          lastHeartbeat = time;
          await store.heartbeat(runId, metrics.step, `step ${metrics.step}/${config.max_steps}, loss ${metrics.loss.toFixed(4)}, ${Math.round(metrics.tokens_per_s)} tokens/s`);
        }
        if (time - lastStatusRead >= (input.statusEveryMs ?? 1000)) {
          lastStatusRead = time;
          if ((await store.getRun(runId))?.status === 'cancel_requested') controller.abort();
        }
        progress(metrics.step);
      },
      onCheckpoint: async (state) => {
        const batch = pending;
        pending = [];
        await store.saveCheckpoint(runId, state, batch);
        lastFlush = clock();
      },
      onInspect: inspect,
    });
    await flush();
    const status: RunStatus = outcome.status;
    const finalMetrics = {
      step: outcome.state.step, loss: outcome.lastLoss, heldout_loss: finalHeldout, initial_heldout_loss: initialHeldout,
      tokens_per_s: sessionRate > 0 ? sessionTokens / sessionRate : null, elapsed_ms: outcome.state.elapsed_ms,
    };
    await log([{ level: 'info', message: `Ended ${status} at step ${outcome.state.step}${finalHeldout !== null ? `; held-out loss ${(initialHeldout ?? NaN).toFixed(4)} → ${(finalHeldout as number).toFixed(4)}` : ''}`, step: outcome.state.step }]);
    const ended = await store.transition(runId, status, { finished_at: new Date().toISOString(), final_metrics: finalMetrics, data: outcome.data, step: outcome.state.step });
    if (!ended.ok) throw new Error(ended.errors[0]?.message);
    input.onProgress?.({ run_id: runId, status, step: outcome.state.step, max_steps: config.max_steps, loss: outcome.lastLoss, tokens_per_s: finalMetrics.tokens_per_s, heldout_loss: finalHeldout });
    return ended.value;
  } catch (error) {
    const message = errorText(error);
    // Best effort: the metrics computed so far, the error in the log, and the failed status.
    await store.appendMetrics(pending).catch(() => undefined);
    await log([{ level: 'error', message }]).catch(() => undefined);
    const failed = await store.transition(runId, 'failed', { finished_at: new Date().toISOString(), error: message });
    if (!failed.ok) throw error;
    input.onProgress?.({ run_id: runId, status: 'failed', step: failed.value.step, max_steps: failed.value.train_config.max_steps, loss: null, tokens_per_s: null });
    return failed.value;
  }
}
