import { describe, expect, it } from 'vitest';
import { presetConfig } from '../../../src/model/config';
import { initialWeights } from '../../../src/model/gpt';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { modelBundleZip } from '../../../src/runs/model-bundle';
import { modelCardMarkdown, modelLabel, modelSha256, nextModelVersion, readRegistryBundle, registryBundleZip, validateModelName } from '../../../src/runs/model-registry';
import { runManifest, scorecardWithCorrect } from './fixtures';

describe('model registry', () => {
  const config = presetConfig('tiny', 40, 5);

  it('gives equal weights equal addresses and different weights different ones', async () => {
    const weights = initialWeights(config);
    const same = modelSha256(config, initialWeights(config));
    expect(modelSha256(config, weights)).toBe(same);
    const changed = { ...weights, 'ln_f.bias': Float32Array.from(weights['ln_f.bias']!, (v, i) => (i === 0 ? v + 1e-3 : v)) };
    expect(modelSha256(config, changed)).not.toBe(same);
  });

  it('numbers versions per name', () => {
    const existing = [{ name: 'adder', version: 1 }, { name: 'adder', version: 3 }, { name: 'other', version: 7 }];
    expect(nextModelVersion(existing, 'adder')).toBe(4);
    expect(nextModelVersion(existing, 'new')).toBe(1);
    expect(modelLabel({ name: 'adder', version: 4 })).toBe('adder v4');
  });

  it('validates names', () => {
    expect(validateModelName('  ')).toMatch(/needs a name/);
    expect(validateModelName('a/b')).toMatch(/letters, digits/);
    expect(validateModelName('x'.repeat(65))).toMatch(/64/);
    expect(validateModelName('adder v2_final')).toBeNull();
  });

  it('writes a model card with the run, config and scores, escaping user text', () => {
    const run = runManifest({ name: '<b>run</b>', final_metrics: { step: 10, loss: 0.5, heldout_loss: 0.7, initial_heldout_loss: 4, tokens_per_s: 100, elapsed_ms: 1000 } });
    const card = modelCardMarkdown({
      model: { id: 'm1', name: 'adder', version: 2, sha256: 'f'.repeat(64), created_at: '2026-11-01T00:00:00.000Z', run_id: run.run_id, dataset_key: run.dataset_key, model_config: config, tokenizer: { tokenizer_version: 1, chars: [] } as never, notes: '' },
      run,
      scorecards: [{ evalset_id: 'eval_v1', scorecard: scorecardWithCorrect(['a1', 'a2', 'a3', 'a4']) }],
    });
    expect(card).toContain('# adder v2');
    expect(card).toContain('&lt;b&gt;run&lt;/b&gt;');
    expect(card).not.toContain('<b>');
    expect(card).toContain('| eval\\_v1 | normalized | 8 | 50.0% |');
    expect(card).toContain('"learning_rate": 0.0003');
    expect(card).toContain('held-out loss: 0.7000');
  });
});

describe('registry bundles', () => {
  const tokenizer = CharTokenizer.fromTexts(['abc 123']);
  const config = presetConfig('tiny', tokenizer.vocabSize, 9);
  const weights = initialWeights(config);
  const model = {
    id: 'm', name: 'adder', version: 3, sha256: modelSha256(config, weights), created_at: '2026-11-01T00:00:00.000Z',
    run_id: 'run-1', dataset_key: 'corpus-v1', model_config: config, tokenizer: tokenizer.toJSON(), weights, notes: 'best trial',
  };
  const zip = () => registryBundleZip(model, { model, run: null, scorecards: [] });

  it('round-trips name, notes, weights and hash', () => {
    const read = readRegistryBundle(zip(), 'file');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toMatchObject({ name: 'adder', notes: 'best trial', run_id: 'run-1', dataset_key: 'corpus-v1' });
    expect(read.value.bundle.sha256).toBe(model.sha256);
    expect(read.value.bundle.weights['lm_head.weight']).toEqual(weights['lm_head.weight']);
  });

  it('rejects a bundle whose weights do not match model.json', () => {
    const other = { ...model, sha256: 'f'.repeat(64) };
    const read = readRegistryBundle(registryBundleZip(other, { model: other, run: null, scorecards: [] }), 'file');
    expect(!read.ok && read.errors[0]).toMatchObject({ path: 'model.safetensors' });
    expect(!read.ok && read.errors[0]?.message).toMatch(/corrupt or was changed/);
  });

  it('rejects a truncated zip and takes the file name when model.json is absent', () => {
    const bytes = zip();
    expect(readRegistryBundle(bytes.subarray(0, bytes.length - 200), 'file').ok).toBe(false);
    const plain = readRegistryBundle(modelBundleZip({ config, tokenizer: tokenizer.toJSON(), weights }), 'from-file');
    expect(plain.ok && plain.value.name).toBe('from-file');
  });
});

describe('content address', () => {
  it('does not depend on the order of the config keys', () => {
    const tokenizer = CharTokenizer.fromTexts(['xyz']);
    const config = presetConfig('tiny', tokenizer.vocabSize, 2);
    const reordered = { seed: config.seed, dropout: config.dropout, dim: config.dim, heads: config.heads, layers: config.layers, context: config.context, vocab_size: config.vocab_size };
    const weights = initialWeights(config);
    expect(modelSha256(reordered, weights)).toBe(modelSha256(config, weights));
  });
});
