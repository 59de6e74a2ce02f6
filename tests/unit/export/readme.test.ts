import { describe, expect, it } from 'vitest';
import { buildDataset } from '../../../src/datasets/manifest';
import type { DatasetManifest } from '../../../src/datasets/types';
import { EXPORT_FORMATS } from '../../../src/export/formats';
import { bundleReadme } from '../../../src/export/readme';
import { newestFirst } from '../datasets/summaries';

function manifest(split: boolean): DatasetManifest {
  const result = buildDataset(
    newestFirst(200),
    {
      name: 'hcd',
      version: 'v1',
      filters: { meta: ['source=ungar'] },
      selection_strategy: 'random',
      seed: 3,
      limit: 40,
      split: split ? { eval_fraction: 0.25 } : null,
    },
    { buildId: '11111111-2222-4333-8444-555555555555', createdAt: '2026-03-01T10:00:00.000Z', appVersion: '0.1.0' },
  );
  if (!result.ok) throw new Error('build failed');
  return result.value;
}

describe('bundleReadme', () => {
  it('describes the dataset and its files from the manifest', () => {
    const text = bundleReadme(manifest(true), 'prompt_completion');
    expect(text).toContain('# Dataset hcd-v1\n');
    expect(text).toContain('- Traces: 40 (train 30, eval 10; eval fraction 0.25)');
    expect(text).toContain('- Selection: strategy `random`, seed 3, limit 40');
    expect(text).toContain('- `train.jsonl`: 30 records (the train split)');
    expect(text).toContain('- `eval.jsonl`: 10 records (the eval split)');
    expect(text).toContain('trainer.train(batches("train.jsonl", tokenizer), list(batches("eval.jsonl", tokenizer)))');
  });

  it('explains TrainingInput and the loss mask over the prompt/completion split', () => {
    const text = bundleReadme(manifest(false), 'prompt_completion');
    expect(text).toContain('`TrainingInput(input_tokens, input_mask)`');
    expect(text).toContain('0 over the prompt and over padding, 1 over the completion');
    expect(text).toContain('mask = ([0] * len(prompt_ids) + [1] * len(completion_ids))[:MAX_LEN]');
    expect(text).toContain('trainer.train(batches("hcd-v1.prompt_completion.jsonl", tokenizer), None)');
  });

  it.each(EXPORT_FORMATS)('gives %s its own way to the prompt/completion split', (format) => {
    const text = bundleReadme(manifest(false), format);
    expect(text).toContain(`- Format: \`${format}\`: `);
    expect(text).toContain('def prompt_completion(record):');
    expect(text).toContain(`\`hcd-v1.${format}.jsonl\``);
  });

  it('is the same text every time for the same manifest and format', () => {
    const built = manifest(true);
    expect(bundleReadme(built, 'tunix_sft')).toBe(bundleReadme(structuredClone(built), 'tunix_sft'));
  });

  it('matches the committed README for a split prompt_completion bundle', async () => {
    await expect(bundleReadme(manifest(true), 'prompt_completion')).toMatchFileSnapshot('./__snapshots__/bundle_readme.md');
  });
});
