// A new run's plan: tokenizer from the training texts (or the base model's), vocabulary size in
// the model config, the first held-out example that fits as sample prompt, the name.
import { describe, expect, it } from 'vitest';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { DEFAULT_SETUP } from '../../../src/runs/config-file';
import { planNewRun } from '../../../src/runs/new-run';
import { arithmeticExamples } from '../train/fixtures';

const train = arithmeticExamples(6);
const base = { runId: 'r1', createdAt: '2026-11-01T00:00:00.000Z', appVersion: 't', setup: { ...DEFAULT_SETUP, dataset_key: 'demo-v1' }, dataset: { dataset_key: 'demo-v1', build_id: 'b' }, train };

describe('planNewRun', () => {
  it('builds the tokenizer from the training texts and picks a sample prompt that fits', () => {
    const long = { prompt: 'x'.repeat(100), completion: 'y' };
    const planned = planNewRun({ ...base, heldout: [long, arithmeticExamples(1, 9)[0]!] });
    expect(planned.ok).toBe(true);
    if (!planned.ok) return;
    const tokenizer = CharTokenizer.fromTexts(train.flatMap((e) => [e.prompt, e.completion]));
    expect(planned.value).toMatchObject({ status: 'pending', name: 'tiny on demo-v1', tokenizer_hash: tokenizer.hash(), sample_prompt: arithmeticExamples(1, 9)[0]!.prompt, init: { kind: 'scratch' } });
    expect(planned.value.model_config).toEqual({ ...DEFAULT_SETUP.model, vocab_size: tokenizer.vocabSize });
  });

  it('keeps a base model\'s config and tokenizer, and refuses an empty dataset', () => {
    const tokenizer = CharTokenizer.fromTexts(['abc']);
    const config = { vocab_size: tokenizer.vocabSize, context: 32, layers: 1, heads: 1, dim: 8, dropout: 0, seed: 1 };
    const planned = planNewRun({ ...base, name: ' mine ', heldout: [], base: { id: 'base.zip', sha256: 'h', config, tokenizer: tokenizer.toJSON() } });
    expect(planned.ok && planned.value).toMatchObject({ name: 'mine', model_config: config, model_preset: 'custom', tokenizer_hash: tokenizer.hash(), init: { kind: 'base_model', model_id: 'base.zip', sha256: 'h' } });
    expect(planned.ok && planned.value.init).toEqual({ kind: 'base_model', model_id: 'base.zip', sha256: 'h' });
    const shipped = planNewRun({ ...base, heldout: [], base: { id: 'base-tiny-v1', sha256: 'h', config, tokenizer: tokenizer.toJSON(), source: 'shipped' } });
    expect(shipped.ok && shipped.value.init).toEqual({ kind: 'base_model', model_id: 'base-tiny-v1', sha256: 'h', source: 'shipped' });
    expect(planNewRun({ ...base, train: [], heldout: [] }).ok).toBe(false);
  });
});
