import { beforeAll, describe, expect, it } from 'vitest';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { evidenceBundleFiles, readEvidenceBundle } from '../../../src/runs/evidence';
import type { EvidenceInput } from '../../../src/runs/evidence';
import type { MetricRecord } from '../../../src/runs/types';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import { train } from '../../../src/train/trainer';
import { arithmeticExamples } from '../train/fixtures';
import { useBackend } from '../model/tf-node';
import { runManifest } from './fixtures';

const examples = arithmeticExamples(12);
const tokenizer = CharTokenizer.fromTexts(examples.flatMap((e) => [e.prompt, e.completion]));
const run = runManifest({
  name: 'tiny <run>',
  model_config: { vocab_size: tokenizer.vocabSize, context: 64, layers: 1, heads: 2, dim: 16, dropout: 0, seed: 5 },
  train_config: { ...DEFAULT_TRAIN_CONFIG, batch_size: 4, max_steps: 6, warmup_steps: 2, learning_rate: 3e-3, checkpoint_every: 0, seed: 11 },
});

function input(metrics: MetricRecord[]): EvidenceInput {
  return {
    run, metrics, dataset: null, evalset: { id: 'eval_v1', sha256: 'a'.repeat(64), readme: '# eval_v1\n' },
    evalSummaryJson: '{"x":1}\n', deltaReportMarkdown: '# Delta\n', createdAt: '2026-11-05T00:00:00.000Z',
  };
}

async function trainedLosses(modelConfig = run.model_config, trainConfig = run.train_config): Promise<number[]> {
  const losses: number[] = [];
  await train({ start: { kind: 'new', modelConfig, trainConfig, tokenizer }, examples, onStep: (m) => void losses.push(m.loss) });
  return losses;
}

describe('evidence bundles', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('holds the README first, then the manifest, metrics, reports and eval set files', () => {
    const files = evidenceBundleFiles(input([]));
    expect(files.map((f) => f.name)).toEqual(['README.md', 'run_manifest.json', 'metrics.jsonl', 'eval_summary.json', 'delta_report.md', 'evalset_README.md', 'evalset.sha256']);
    const readme = files[0]!.text;
    expect(readme).toContain('tiny &lt;run&gt;');
    expect(readme).toContain('`metrics.jsonl`');
    expect(readme).toContain('How to reproduce');
    expect(files.find((f) => f.name === 'evalset.sha256')?.text).toBe(`${'a'.repeat(64)}  eval_v1\n`);
  });

  it('re-creates the run config, and a rerun with the same seed gives the same loss curve', async () => {
    const losses = await trainedLosses();
    const metrics = losses.map((loss, k): MetricRecord => ({ run_id: run.run_id, step: k + 1, epoch: 0, loss, lr: 0, grad_norm: 0, tokens_per_s: 0, timestamp: '', backend: 'wasm' }));
    const files = new Map(evidenceBundleFiles(input(metrics)).map((f) => [f.name, f.text]));
    const request = readEvidenceBundle(files);
    expect(request.ok).toBe(true);
    if (!request.ok) return;
    expect(request.value.model_config).toEqual(run.model_config);
    expect(request.value.train_config).toEqual(run.train_config);
    expect(request.value.backend).toBe('wasm');
    expect(request.value.expected_losses).toEqual(losses);
    expect(await trainedLosses(request.value.model_config, request.value.train_config)).toEqual(request.value.expected_losses);
  });

  it('rejects a bundle without a manifest, with bad JSON, or with an invalid config, naming the place', () => {
    expect(readEvidenceBundle(new Map())).toEqual({ ok: false, errors: [{ path: 'run_manifest.json', message: 'is missing from the bundle' }] });
    const broken = readEvidenceBundle(new Map([['run_manifest.json', '{']]));
    expect(!broken.ok && broken.errors[0]?.message).toMatch(/not valid JSON/);
    const files = new Map(evidenceBundleFiles(input([])).map((f) => [f.name, f.text]));
    const manifest = JSON.parse(files.get('run_manifest.json')!) as Record<string, unknown>;
    files.set('run_manifest.json', JSON.stringify({ ...manifest, train_config: { ...run.train_config, batch_size: 0 } }));
    files.set('metrics.jsonl', '{"loss":1}\nnot json\n');
    const invalid = readEvidenceBundle(files);
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.errors.map((e) => e.path)).toEqual(['run_manifest.json.train_config.batch_size', 'metrics.jsonl']);
      expect(invalid.errors[1]?.line).toBe(2);
    }
  });
});
