// The run executor with the real runs repository (fake-indexeddb) and the trainer on WASM: a
// completed run writes metrics, checkpoints, samples and held-out losses; a run whose worker dies
// mid-way resumes from its newest checkpoint with exactly the loss curve of an uninterrupted run;
// a cancel requested from another tab stops it between steps; max_minutes ends it as timeout with
// its last checkpoint; bad data fails it with the reason; a run from given weights keeps them.
import { beforeAll, describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { getCheckpoint, getRun, latestCheckpoint, readLogs, readMetrics, requestCancel, runStore } from '../../../src/db/runs-repository';
import type { GptConfig } from '../../../src/model/config';
import { initialWeights } from '../../../src/model/gpt';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { executeRun } from '../../../src/runs/executor';
import { createRunManifest } from '../../../src/runs/manifest';
import type { RunStore } from '../../../src/runs/store';
import type { BackendChoice } from '../../../src/train/backend';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../src/train/config';
import { arithmeticExamples } from '../train/fixtures';
import { useBackend } from '../model/tf-node';

const train = arithmeticExamples(12);
const heldout = arithmeticExamples(4, 40);
const tokenizer = CharTokenizer.fromTexts(train.flatMap((e) => [e.prompt, e.completion]));
const modelConfig: GptConfig = { vocab_size: tokenizer.vocabSize, context: 64, layers: 1, heads: 2, dim: 16, dropout: 0, seed: 5 };
const trainConfig: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, batch_size: 4, max_steps: 9, warmup_steps: 2, learning_rate: 3e-3, checkpoint_every: 3, keep_checkpoints: 2, seed: 11 };
const backend: BackendChoice = { requested: 'wasm', actual: 'wasm', attempts: [{ backend: 'wasm', ok: true }] };
let counter = 0;

async function newRun(overrides: Partial<TrainConfig> = {}, init?: { weights: Float32Array }) {
  const db = new TunixDatabase(`executor-test-${++counter}`);
  const runId = `run-${counter}`;
  await runStore(db).createRun(createRunManifest({
    runId, name: runId, createdAt: new Date().toISOString(), appVersion: 'test', datasetKey: 'demo-v1', buildId: 'b1',
    modelConfig, trainConfig: { ...trainConfig, ...overrides }, tokenizerHash: tokenizer.hash(), backendRequested: 'wasm',
    sampleEvery: 4, samplePrompt: heldout[0]!.prompt, ...(init ? { init: { kind: 'base_model', model_id: 'base', sha256: 'h' } } : {}),
  }));
  return { db, runId, store: runStore(db) };
}

/** A store that, like a terminated worker, stops working for good once `dead()` says so. */
function dyingStore(store: RunStore, dead: () => boolean): RunStore {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, method] of Object.entries(store)) {
    wrapped[name] = (...args: unknown[]) => {
      if (dead()) return Promise.reject(new Error('worker terminated'));
      return (method as (...a: unknown[]) => Promise<unknown>)(...args);
    };
  }
  return wrapped as unknown as RunStore;
}

const losses = async (db: TunixDatabase, runId: string) => (await readMetrics(db, runId)).map((m) => m.loss);

describe('executeRun (WASM)', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('completes a run: metrics, newest checkpoints, samples, held-out before and after', async () => {
    const { db, runId, store } = await newRun();
    const steps: number[] = [];
    const run = await executeRun({ store, runId, train, heldout, backend, flushEveryMs: 0, onProgress: (p) => void steps.push(p.step) });
    expect(run.status).toBe('completed');
    expect(run).toMatchObject({ step: 9, backend_actual: 'wasm', error: null });
    expect(run.checkpoints?.map((c) => c.step)).toEqual([6, 9]);
    expect((await readMetrics(db, runId)).map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const metrics = await readMetrics(db, runId);
    expect(metrics.filter((m) => m.heldout_loss !== undefined).map((m) => m.step)).toEqual([4, 8, 9]);
    expect(run.initial_heldout_loss).toBeGreaterThan(0);
    expect(run.final_metrics).toMatchObject({ step: 9, initial_heldout_loss: run.initial_heldout_loss, heldout_loss: metrics[8]!.heldout_loss, loss: metrics[8]!.loss });
    expect(run.final_metrics!.heldout_loss!).toBeLessThan(run.initial_heldout_loss!);
    const logs = await readLogs(db, runId);
    expect(logs.filter((l) => l.level === 'sample').map((l) => l.step)).toEqual([4, 8, 9]);
    expect(logs.map((l) => l.seq)).toEqual(logs.map((_, k) => k + 1));
    expect(logs.some((l) => /Training on 12 of 12 examples/.test(l.message))).toBe(true);
    expect(steps.at(-1)).toBe(9);
  });

  it('resumes a run whose worker died from its newest checkpoint, with the loss curve of an uninterrupted run', async () => {
    const straight = await newRun();
    await executeRun({ store: straight.store, runId: straight.runId, train, heldout, backend, flushEveryMs: 0 });
    const expected = await losses(straight.db, straight.runId);

    const { db, runId, store } = await newRun();
    let step = 0;
    const dying = dyingStore(store, () => step >= 5);
    await expect(executeRun({ store: dying, runId, train, heldout, backend, flushEveryMs: 0, onProgress: (p) => void (step = p.step) })).rejects.toThrow('worker terminated');
    expect((await getRun(db, runId))?.status).toBe('running');
    expect((await latestCheckpoint(db, runId))?.step).toBe(3);
    expect((await readMetrics(db, runId)).length).toBeGreaterThan(3);

    const resumed = await executeRun({ store, runId, train, heldout, backend, flushEveryMs: 0 });
    expect(resumed).toMatchObject({ status: 'completed', step: 9, resumed_count: 1 });
    expect(await losses(db, runId)).toEqual(expected);
    expect(resumed.initial_heldout_loss).toBe((await getRun(straight.db, straight.runId))?.initial_heldout_loss);
    expect((await readLogs(db, runId)).some((l) => l.message === 'Resumed from the checkpoint at step 3')).toBe(true);
  });

  it('stops between steps when another tab requests a cancel, keeping its checkpoints', async () => {
    const { db, runId, store } = await newRun();
    const run = await executeRun({
      store, runId, train, heldout, backend, flushEveryMs: 0, statusEveryMs: 0,
      onProgress: (p) => void (p.step === 4 && requestCancel(db, runId)),
    });
    expect(run.status).toBe('cancelled');
    expect(run.step).toBeGreaterThanOrEqual(4);
    expect(run.step).toBeLessThan(9);
    expect(run.checkpoints?.map((c) => c.step)).toEqual([3]);
    expect((await readMetrics(db, runId)).length).toBe(run.step);
  });

  it('ends as timeout after max_minutes with its last checkpoint kept', async () => {
    const { db, runId, store } = await newRun({ max_minutes: 1, max_steps: 100 });
    let now = 0;
    const run = await executeRun({ store, runId, train, heldout, backend, clock: () => (now += 7_000) });
    expect(run.status).toBe('timeout');
    expect(run.step).toBeGreaterThan(0);
    expect(run.step).toBeLessThan(100);
    expect((await latestCheckpoint(db, runId))?.step).toBe(run.step);
  });

  it('fails with the reason when no example fits the context', async () => {
    const long = train.map((e) => ({ ...e, prompt: e.prompt.repeat(3) }));
    const { db, runId } = await newRun();
    const longTokenizer = CharTokenizer.fromTexts(long.flatMap((e) => [e.prompt, e.completion]));
    await db.runs.update(runId, { tokenizer_hash: longTokenizer.hash() });
    const run = await executeRun({ store: runStore(db), runId, train: long, heldout, backend });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/no example fits the context of 64 tokens \(12 too long/);
    expect((await readLogs(db, runId)).at(-1)?.level).toBe('error');
  });

  it('refuses data that changed since the run was created', async () => {
    const { runId, store } = await newRun();
    const run = await executeRun({ store, runId, train: [...train, { prompt: 'new ✓', completion: 'x' }], heldout, backend });
    expect(run).toMatchObject({ status: 'failed' });
    expect(run.error).toMatch(/changed since it was created/);
  });

  it('starts a base-model run from the given weights and keeps them as a step-0 checkpoint', async () => {
    const base = { weights: initialWeights({ ...modelConfig, seed: 77 }), tokenizer: tokenizer.toJSON() };
    const { db, runId, store } = await newRun({ max_steps: 2, checkpoint_every: 0 }, { weights: new Float32Array() });
    const run = await executeRun({ store, runId, train, heldout, backend, base });
    expect(run.checkpoints?.map((c) => c.step)).toEqual([0, 2]);
    expect((await getCheckpoint(db, runId, 0))?.state.weights).toEqual(base.weights);
    expect((await getCheckpoint(db, runId, 2))?.state.weights['wte.weight']).not.toEqual(base.weights['wte.weight']);
  });
});
