// Evaluable models against fake-indexeddb, for starts from a base: the shipped bases are listed
// after the runs and registered models; a shipped base and a shipped-base run's untrained start
// load through the loader with the recorded sha-256; a bundle-started run's start comes from its
// step-0 checkpoint; and a shipped base cannot load without a loader.
import { describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { listEvaluableModels, loadEvaluatedModel, runOfEvaluatedModel, type ShippedBaseLoader } from '../../../src/db/evaluation-models';
import { initialWeights } from '../../../src/model/gpt';
import { CharTokenizer } from '../../../src/model/tokenizer';
import type { ShippedModelEntry } from '../../../src/runs/shipped-models';
import { fixtureCheckpoint, fixtureRun } from '../../fixtures/runs';

let counter = 0;
const freshDatabase = () => new TunixDatabase(`evaluation-models-test-${++counter}`);
const tokenizer = CharTokenizer.fromTexts(['abc 123']).toJSON();
const config = { vocab_size: 10, context: 16, layers: 1, heads: 2, dim: 8, dropout: 0, seed: 3 };
const baseWeights = initialWeights({ ...config, seed: 99 });
const sha = 'a'.repeat(64);
const entry: ShippedModelEntry = { id: 'base-test-v1', preset: 'custom', sha256: sha, parameters: 1, context: 16, tokens_seen: 10, summary: 'test' };

function recordingLoader(): { loader: ShippedBaseLoader; calls: string[] } {
  const calls: string[] = [];
  return { calls, loader: async (id, sha256) => (calls.push(`${id}@${sha256}`), { config, tokenizer, weights: baseWeights }) };
}

async function seed(db: TunixDatabase) {
  const shipped = { ...fixtureRun('run-shipped', 'from shipped', config), init: { kind: 'base_model' as const, model_id: entry.id, sha256: sha, source: 'shipped' as const } };
  const bundle = { ...fixtureRun('run-bundle', 'from bundle', config, '2026-01-02T00:00:00.000Z'), init: { kind: 'base_model' as const, model_id: 'mine.zip', sha256: sha, source: 'bundle' as const } };
  await db.runs.bulkAdd([shipped, bundle]);
  await db.checkpoints.bulkAdd([
    fixtureCheckpoint('run-shipped', 10, config, tokenizer, initialWeights(config)),
    fixtureCheckpoint('run-bundle', 0, config, tokenizer, baseWeights),
    fixtureCheckpoint('run-bundle', 10, config, tokenizer, initialWeights(config)),
  ]);
}

describe('evaluable models from base starts', () => {
  it('lists the shipped bases after the runs', async () => {
    const db = freshDatabase();
    await seed(db);
    const listed = await listEvaluableModels(db, [entry]);
    expect(listed.map((m) => m.key)).toEqual(['run:run-bundle:10', 'untrained:run-bundle', 'run:run-shipped:10', 'untrained:run-shipped', 'base:base-test-v1']);
    expect(listed.at(-1)).toEqual({ key: 'base:base-test-v1', label: 'base-test-v1 (shipped base model)', model: { kind: 'base', model_id: 'base-test-v1', sha256: sha } });
    expect((await listEvaluableModels(db)).some((m) => m.model.kind === 'base')).toBe(false);
  });

  it('loads a shipped base, and a shipped-base run\'s start, through the loader', async () => {
    const db = freshDatabase();
    await seed(db);
    const { loader, calls } = recordingLoader();
    const base = await loadEvaluatedModel(db, { kind: 'base', model_id: entry.id, sha256: sha }, loader);
    expect(base).toMatchObject({ label: 'base-test-v1', run: null, config });
    expect(base.weights).toBe(baseWeights);
    const start = await loadEvaluatedModel(db, { kind: 'untrained', run_id: 'run-shipped' }, loader);
    expect(start.label).toBe('from shipped · base model start (base-test-v1)');
    expect(start.weights).toBe(baseWeights);
    expect(start.run?.run_id).toBe('run-shipped');
    expect(calls).toEqual([`base-test-v1@${sha}`, `base-test-v1@${sha}`]);
    await expect(loadEvaluatedModel(db, { kind: 'base', model_id: entry.id, sha256: sha })).rejects.toThrow(/cannot be loaded here/);
    expect(await runOfEvaluatedModel(db, { kind: 'base', model_id: entry.id, sha256: sha })).toBeNull();
  });

  it('takes a bundle-started run\'s start from its step-0 checkpoint, and says when it is gone', async () => {
    const db = freshDatabase();
    await seed(db);
    const start = await loadEvaluatedModel(db, { kind: 'untrained', run_id: 'run-bundle' });
    expect(start.label).toBe('from bundle · base model start (mine.zip)');
    expect(start.weights?.['wte.weight']).toEqual(baseWeights['wte.weight']);
    await db.checkpoints.delete('run-bundle-0');
    await expect(loadEvaluatedModel(db, { kind: 'untrained', run_id: 'run-bundle' })).rejects.toThrow(/step-0 checkpoint is no longer kept/);
  });
});
