// The model registry against fake-indexeddb: versions per name, content addresses, idempotent
// re-registration, weights round-trip, hash check on import, delete frees the weights' bytes.
import { describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { deleteModel, getModel, listModels, registerModel } from '../../../src/db/models-repository';
import { presetConfig } from '../../../src/model/config';
import { initialWeights } from '../../../src/model/gpt';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { modelSha256 } from '../../../src/runs/model-registry';

let counter = 0;
const freshDatabase = () => new TunixDatabase(`models-test-${++counter}`);
const tokenizer = CharTokenizer.fromTexts(['abc 123']);
const config = presetConfig('tiny', tokenizer.vocabSize, 3);
const registration = (name: string, seed = 3) => {
  const modelConfig = { ...config, seed };
  return { name, model_config: modelConfig, tokenizer: tokenizer.toJSON(), weights: initialWeights(modelConfig) };
};

describe('models repository', () => {
  it('numbers versions per name and stores weights that read back exactly', async () => {
    const db = freshDatabase();
    const first = await registerModel(db, registration('adder'));
    const second = await registerModel(db, registration('adder', 4));
    const other = await registerModel(db, registration('copier', 5));
    expect([first, second, other].map((r) => r.ok && r.value.model.version)).toEqual([1, 2, 1]);
    const stored = first.ok ? await getModel(db, first.value.model.id) : undefined;
    expect(stored?.weights['wte.weight']).toEqual(registration('adder').weights['wte.weight']);
    expect(stored?.sha256).toBe(modelSha256(config, registration('adder').weights));
    expect((await listModels(db)).map((m) => `${m.name} v${m.version}`)).toEqual(['adder v2', 'adder v1', 'copier v1']);
    expect(Object.keys((await listModels(db))[0]!)).not.toContain('weights');
  });

  it('returns the existing version when the same weights are registered again under the name', async () => {
    const db = freshDatabase();
    const first = await registerModel(db, registration('adder'));
    const again = await registerModel(db, registration('adder'));
    expect(again.ok && again.value.created).toBe(false);
    expect(again.ok && first.ok && again.value.model.id === first.value.model.id).toBe(true);
    expect(await db.models.count()).toBe(1);
  });

  it('refuses a wrong hash, bad weights and bad names, storing nothing', async () => {
    const db = freshDatabase();
    const wrongHash = await registerModel(db, { ...registration('adder'), expected_sha256: '0'.repeat(64) });
    expect(!wrongHash.ok && wrongHash.errors[0]?.message).toMatch(/corrupt or was changed/);
    const short = registration('adder');
    short.weights['ln_f.bias'] = new Float32Array(3);
    const badWeights = await registerModel(db, short);
    expect(!badWeights.ok && badWeights.errors[0]?.path).toBe('ln_f.bias');
    const badName = await registerModel(db, registration('../x'));
    expect(!badName.ok && badName.errors[0]?.path).toBe('name');
    expect(await db.models.count()).toBe(0);
  });

  it('deletes a version and reports the bytes freed', async () => {
    const db = freshDatabase();
    const registered = await registerModel(db, registration('adder'));
    if (!registered.ok) throw new Error('register failed');
    const bytes = Object.values(registration('adder').weights).reduce((sum, w) => sum + w.byteLength, 0);
    expect(await deleteModel(db, registered.value.model.id)).toBe(bytes);
    expect(await deleteModel(db, registered.value.model.id)).toBe(0);
    expect(await db.models.count()).toBe(0);
  });
});
