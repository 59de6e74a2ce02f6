// Train config files: YAML and JSON round trips, the reference system's sft_tiny.yaml fields
// mapped with warnings for what cannot be honoured, unknown keys and bad values refused by path.
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_SETUP, formatSetup, parseSetup, type TrainSetup } from '../../../src/runs/config-file';
import { MODEL_PRESETS } from '../../../src/model/config';

const custom: TrainSetup = {
  ...DEFAULT_SETUP,
  model_preset: 'custom',
  model: { context: 96, layers: 3, heads: 2, dim: 32, dropout: 0.1, seed: 7 },
  train: { ...DEFAULT_SETUP.train, max_steps: 250, learning_rate: 1e-3, batch_size: 8, checkpoint_every: 25, keep_checkpoints: 2, max_minutes: 5, seed: 99 },
  backend: 'wasm',
  system_instruction: 'Think: step by step.\nThen answer.',
  sample_every: 20,
  dataset_key: 'demo-v1',
};

// The fields of tunix-rt's training/configs/sft_tiny.yaml, with its values.
const REFERENCE_STYLE = `
model:
  name: "google/gemma-2b-it"
  max_length: 512
  padding: "max_length"
  truncation: true
training:
  num_steps: 50
  learning_rate: 1.0e-5
  per_device_batch_size: 1
  gradient_accumulation_steps: 1
  optimizer: "adamw"
  weight_decay: 0.01
  lr_scheduler: "linear"
  warmup_steps: 5
  logging_steps: 10
  save_steps: 50
  seed: 42
system_instruction: "You are a helpful assistant. Show your reasoning step by step."
data:
  format: "tunix_sft"
  shuffle: true
  shuffle_seed: 42
output:
  checkpoint_dir: "checkpoint-final"
  save_metrics: true
  metrics_file: "metrics.jsonl"
  save_manifest: true
  manifest_file: "run_manifest.json"
`;

describe('train config files', () => {
  it('round-trips a setup through YAML and through JSON', () => {
    for (const format of ['yaml', 'json'] as const) {
      const text = formatSetup(custom, format);
      const back = parseSetup(text);
      expect(back).toEqual({ ok: true, value: custom, warnings: [] });
    }
  });

  it('writes the reference sections and field names', () => {
    const document = parseYaml(formatSetup(DEFAULT_SETUP, 'yaml')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(document)).toEqual(['config_version', 'model', 'training', 'system_instruction', 'data', 'output']);
    expect(document.model).toMatchObject({ preset: 'tiny', max_length: 64 });
    expect(document.training).toMatchObject({ num_steps: 500, per_device_batch_size: 16, gradient_accumulation_steps: 1, optimizer: 'adamw', warmup_steps: 20, save_steps: 50, seed: 1234 });
    expect(document.data).toMatchObject({ format: 'prompt_completion', shuffle: true, shuffle_seed: 1234 });
  });

  it('reads the reference system\'s sft_tiny.yaml, saying what it ignores', () => {
    const result = parseSetup(REFERENCE_STYLE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.model.context).toBe(512);
    expect(result.value.model_preset).toBe('custom');
    expect(result.value.train).toMatchObject({ max_steps: 50, learning_rate: 1e-5, batch_size: 1, weight_decay: 0.01, warmup_steps: 5, checkpoint_every: 50, seed: 42 });
    expect(result.value.system_instruction).toBe('You are a helpful assistant. Show your reasoning step by step.');
    expect(result.warnings.join('\n')).toMatch(/model.name .*ignored/);
    expect(result.warnings.join('\n')).toMatch(/truncation is ignored.*never truncated/);
    expect(result.warnings.join('\n')).toMatch(/lr_scheduler "linear" is replaced/);
    expect(result.warnings.join('\n')).toMatch(/logging_steps is ignored/);
  });

  it('takes a preset\'s shape and keeps the base for missing fields', () => {
    const result = parseSetup('model:\n  preset: small\ntraining:\n  num_steps: 30\n', custom);
    expect(result.ok && result.value.model).toEqual({ ...MODEL_PRESETS.small, dropout: 0.1, seed: 7 });
    expect(result.ok && result.value.model_preset).toBe('small');
    expect(result.ok && result.value.train.max_steps).toBe(30);
    expect(result.ok && result.value.train.learning_rate).toBe(1e-3);
  });

  it('refuses unknown keys, bad values and contradictions, by path', () => {
    const result = parseSetup(`
model: { preset: huge, heads: 3 }
training: { num_steps: 0, optimizer: sgd, backend: tpu, seed: 1, colour: red }
data: { shuffle: false, shuffle_seed: 2 }
extra: 1
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      'data.shuffle', 'data.shuffle_seed', 'extra', 'model.heads', 'model.preset', 'training.backend', 'training.colour', 'training.num_steps', 'training.optimizer',
    ].sort());
  });

  it('reports a YAML syntax error with its line', () => {
    const result = parseSetup('model:\n  dim: [1,\n training: 2');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatchObject({ path: '', line: 3 });
    expect(parseSetup('42').ok).toBe(false);
  });
});
