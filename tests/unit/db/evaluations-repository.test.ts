// The evaluations repository and the evaluable-model reads against fake-indexeddb.
import { describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { onDatabaseChange } from '../../../src/db/changes';
import {
  appendEvalResults,
  createEvaluation,
  deleteEvaluation,
  endEvaluation,
  endStaleEvaluations,
  getEvalResults,
  getEvaluation,
  listEvaluations,
  updateEvaluation,
} from '../../../src/db/evaluations-repository';
import { listEvaluableModels, loadEvaluatedModel } from '../../../src/db/evaluation-models';
import type { EvaluationRecord } from '../../../src/evaluate/records';
import type { EvalItemResult } from '../../../src/evaluate/scorecard';
import { CharTokenizer } from '../../../src/model/tokenizer';
import type { ModelRecord } from '../../../src/runs/types';
import { FIXTURE_MODEL_CONFIG, fixtureCheckpoint, fixtureRun } from '../../fixtures/runs';

let counter = 0;
const freshDatabase = () => new TunixDatabase(`evaluations-test-${++counter}`);

function evaluation(id: string, createdAt: string, status: EvaluationRecord['status'] = 'running'): EvaluationRecord {
  return {
    id,
    created_at: createdAt,
    finished_at: null,
    status,
    model: { kind: 'untrained', run_id: 'run-1' },
    evalset_id: 'eval_v1',
    evalset_sha256: 'abc',
    judge: 'normalized',
    generation: { max_new_tokens: 16, temperature: 0, top_k: 0, seed: 0 },
    backend: 'wasm',
    scorecard: null,
    format_compliance: null,
    error: null,
    items_total: 3,
    items_done: 0,
  };
}

function result(itemId: string, correct: boolean): EvalItemResult {
  return { item_id: itemId, prediction: 'Answer: 1', extracted_answer: '1', extraction_rule: 'answer_line', expected_answer: correct ? '1' : '2', correct, score: correct ? 1 : 0, latency_ms: 5, tokens: 9 };
}

describe('evaluations repository', () => {
  it('creates, appends results batch by batch with counts, completes, lists newest first and announces changes', async () => {
    const db = freshDatabase();
    const notices: string[] = [];
    const stop = onDatabaseChange((table) => notices.push(table));
    await createEvaluation(db, evaluation('e1', '2026-01-01T00:00:00.000Z'));
    await createEvaluation(db, evaluation('e2', '2026-01-02T00:00:00.000Z'));
    await appendEvalResults(db, 'e1', [result('a', true), result('b', false)], 10);
    await appendEvalResults(db, 'e1', [result('c', true)], 15);
    await updateEvaluation(db, 'e1', { status: 'completed', finished_at: '2026-01-01T00:01:00.000Z' });
    stop();
    expect((await listEvaluations(db)).map((e) => e.id)).toEqual(['e2', 'e1']);
    expect(await getEvaluation(db, 'e1')).toMatchObject({ status: 'completed', items_done: 3, tokens: 27, elapsed_ms: 15 });
    const results = await getEvalResults(db, 'e1');
    expect(results.map((r) => [r.item_id, r.correct, r.evaluation_id])).toEqual([['a', true, 'e1'], ['b', false, 'e1'], ['c', true, 'e1']]);
    expect(await getEvalResults(db, 'e2')).toEqual([]);
    expect(notices.filter((t) => t === 'evaluations').length).toBe(5);
  });

  it('refuses results for an evaluation that does not exist, writing none', async () => {
    const db = freshDatabase();
    await expect(appendEvalResults(db, 'nope', [result('a', true)], 1)).rejects.toThrow(/does not exist/);
    expect(await db.eval_results.count()).toBe(0);
    await expect(updateEvaluation(db, 'nope', { status: 'failed' })).rejects.toThrow(/does not exist/);
    // A second result for the same item is refused and counts nothing.
    await createEvaluation(db, evaluation('e1', '2026-01-01T00:00:00.000Z'));
    await appendEvalResults(db, 'e1', [result('a', true)], 1);
    await expect(appendEvalResults(db, 'e1', [result('a', false)], 2)).rejects.toThrow();
    expect(await getEvaluation(db, 'e1')).toMatchObject({ items_done: 1, tokens: 9, elapsed_ms: 1 });
  });

  it('ends only running evaluations, keeps their results, and ends stale ones', async () => {
    const db = freshDatabase();
    await createEvaluation(db, evaluation('done', '2026-01-01T00:00:00.000Z', 'completed'));
    await createEvaluation(db, evaluation('live', '2026-01-01T00:00:00.000Z'));
    await appendEvalResults(db, 'live', [result('a', true)], 1);
    await endEvaluation(db, 'done', 'cancelled', null);
    await endEvaluation(db, 'live', 'cancelled', null);
    expect((await getEvaluation(db, 'done'))?.status).toBe('completed');
    expect(await getEvaluation(db, 'live')).toMatchObject({ status: 'cancelled', items_done: 1 });
    expect(await getEvalResults(db, 'live')).toHaveLength(1);

    await createEvaluation(db, { ...evaluation('old', '2026-01-01T00:00:00.000Z'), updated_at: '2026-01-01T00:00:00.000Z' });
    await createEvaluation(db, { ...evaluation('mine', '2026-01-01T00:00:00.000Z'), updated_at: '2026-01-01T00:00:00.000Z' });
    await createEvaluation(db, { ...evaluation('fresh', '2026-01-01T00:10:00.000Z'), updated_at: '2026-01-01T00:10:00.000Z' });
    const ended = await endStaleEvaluations(db, Date.parse('2026-01-01T00:10:30.000Z'), 'mine');
    expect(ended).toBe(1);
    expect(await getEvaluation(db, 'old')).toMatchObject({ status: 'cancelled', error: expect.stringMatching(/interrupted/) });
    expect((await getEvaluation(db, 'mine'))?.status).toBe('running');
    expect((await getEvaluation(db, 'fresh'))?.status).toBe('running');
  });

  it('deletes an evaluation with its results only', async () => {
    const db = freshDatabase();
    await createEvaluation(db, evaluation('e1', '2026-01-01T00:00:00.000Z'));
    await createEvaluation(db, evaluation('e2', '2026-01-01T00:00:00.000Z'));
    await appendEvalResults(db, 'e1', [result('a', true)], 1);
    await appendEvalResults(db, 'e2', [result('a', false)], 1);
    await deleteEvaluation(db, 'e1');
    expect(await getEvaluation(db, 'e1')).toBeNull();
    expect(await getEvalResults(db, 'e1')).toEqual([]);
    expect(await getEvalResults(db, 'e2')).toHaveLength(1);
  });
});

describe('evaluable models', () => {
  const tokenizer = CharTokenizer.fromTexts(['abc']);
  const config = { ...FIXTURE_MODEL_CONFIG, vocab_size: tokenizer.vocabSize };
  const weights = { 'wte.weight': new Float32Array([1, 2, 3]) };

  it('lists each run with a checkpoint (latest step and untrained start) and registered models, reading no weights', async () => {
    const db = freshDatabase();
    await db.runs.bulkAdd([fixtureRun('r1', 'first run', config, '2026-01-01T00:00:00.000Z'), fixtureRun('r2', 'second run', config, '2026-01-02T00:00:00.000Z'), fixtureRun('r3', 'no checkpoint', config)]);
    await db.checkpoints.bulkAdd([fixtureCheckpoint('r1', 5, config, tokenizer.toJSON(), weights), fixtureCheckpoint('r1', 20, config, tokenizer.toJSON(), weights), fixtureCheckpoint('r2', 3, config, tokenizer.toJSON(), weights)]);
    const registered: ModelRecord = { id: 'm1', name: 'arith', version: 2, sha256: 'f00d', created_at: '2026-01-03T00:00:00.000Z', run_id: 'r1', dataset_key: null, model_config: config, tokenizer: tokenizer.toJSON(), weights, notes: '' };
    await db.models.add(registered);
    const choices = await listEvaluableModels(db);
    expect(choices.map((c) => [c.key, c.label])).toEqual([
      ['run:r2:3', 'second run · step 3'],
      ['untrained:r2', 'second run · untrained start'],
      ['run:r1:20', 'first run · step 20'],
      ['untrained:r1', 'first run · untrained start'],
      ['model:m1', 'arith v2 (registered model)'],
    ]);
    expect(choices[4]?.model).toEqual({ kind: 'model', model_id: 'm1', sha256: 'f00d' });
  });

  it('loads a checkpoint, a registered model, or an untrained start (config + tokenizer, no weights); errors name what is missing', async () => {
    const db = freshDatabase();
    await db.runs.add(fixtureRun('r1', 'first run', config));
    await db.checkpoints.bulkAdd([fixtureCheckpoint('r1', 5, config, tokenizer.toJSON(), weights), fixtureCheckpoint('r1', 20, config, tokenizer.toJSON(), { 'wte.weight': new Float32Array([9]) })]);
    const atStep = await loadEvaluatedModel(db, { kind: 'run', run_id: 'r1', step: 20 });
    expect(atStep).toMatchObject({ label: 'first run · step 20', config });
    expect(Array.from(atStep.weights?.['wte.weight'] ?? [])).toEqual([9]);
    const untrained = await loadEvaluatedModel(db, { kind: 'untrained', run_id: 'r1' });
    expect(untrained).toMatchObject({ weights: null, config, tokenizer: tokenizer.toJSON(), label: 'first run · untrained start' });
    expect(untrained.run?.run_id).toBe('r1');
    await expect(loadEvaluatedModel(db, { kind: 'run', run_id: 'r1', step: 7 })).rejects.toThrow(/no checkpoint at step 7/);
    await expect(loadEvaluatedModel(db, { kind: 'run', run_id: 'gone', step: 7 })).rejects.toThrow(/run gone does not exist/);
    await expect(loadEvaluatedModel(db, { kind: 'model', model_id: 'm9', sha256: 'x' })).rejects.toThrow(/registered model m9 does not exist/);
  });

  it('takes the base model as the untrained start of a run that started from one', async () => {
    const db = freshDatabase();
    const baseWeights = { 'wte.weight': new Float32Array([4, 4]) };
    await db.models.add({ id: 'base', name: 'base', version: 1, sha256: 'b45e', created_at: '2026-01-01T00:00:00.000Z', run_id: null, dataset_key: null, model_config: config, tokenizer: tokenizer.toJSON(), weights: baseWeights, notes: '' });
    await db.runs.add({ ...fixtureRun('r1', 'tuned', config), init: { kind: 'base_model', model_id: 'base', sha256: 'b45e' } });
    await db.checkpoints.add(fixtureCheckpoint('r1', 5, config, tokenizer.toJSON(), weights));
    const start = await loadEvaluatedModel(db, { kind: 'untrained', run_id: 'r1' });
    expect(Array.from(start.weights?.['wte.weight'] ?? [])).toEqual([4, 4]);
    expect(start.label).toBe('tuned · base model start (base v1)');
    expect((await listEvaluableModels(db)).map((c) => c.label)).toContain('tuned · base model start');
  });
});
