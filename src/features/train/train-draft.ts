// The Train form's state as the text a person types, and its conversions: from a setup (a
// preset, an imported config file) and to a validated setup, every problem named by its field.
// No DOM and no storage.
import { signal } from '@preact/signals';
import { MODEL_PRESETS, validateGptConfig, type ModelPresetName } from '../../model/config';
import { BASE_FINE_TUNE_LEARNING_RATE, DEFAULT_SETUP, type TrainSetup } from '../../runs/config-file';
import type { GptConfig } from '../../model/config';
import { presetOf } from '../../runs/manifest';
import type { BackendRequest } from '../../train/backend';
import { validateTrainConfig } from '../../train/config';
import type { ValidationIssue, ValidationResult } from '../../traces/types';

/** Numeric fields of the form: model shape, then training. */
export const MODEL_FIELDS = ['context', 'layers', 'heads', 'dim', 'dropout', 'model_seed'] as const;
export const TRAIN_FIELDS = ['max_steps', 'learning_rate', 'batch_size', 'warmup_steps', 'seed', 'checkpoint_every', 'keep_checkpoints', 'sample_every', 'max_minutes'] as const;
export const ADVANCED_FIELDS = ['grad_accum_steps', 'weight_decay', 'grad_clip', 'min_lr_ratio', 'beta1', 'beta2', 'epsilon', 'pad_multiple'] as const;
export type NumberField = (typeof MODEL_FIELDS)[number] | (typeof TRAIN_FIELDS)[number] | (typeof ADVANCED_FIELDS)[number];

export const FIELD_LABELS: Record<NumberField, string> = {
  context: 'Context (tokens)', layers: 'Layers', heads: 'Heads', dim: 'Width (dim)', dropout: 'Dropout', model_seed: 'Init seed',
  max_steps: 'Steps', learning_rate: 'Learning rate', batch_size: 'Batch size', warmup_steps: 'Warmup steps', seed: 'Data seed',
  checkpoint_every: 'Checkpoint every (steps)', keep_checkpoints: 'Keep last checkpoints', sample_every: 'Sample every (steps)',
  max_minutes: 'Time limit (minutes, empty for none)', grad_accum_steps: 'Gradient accumulation', weight_decay: 'Weight decay',
  grad_clip: 'Gradient clip (0 off)', min_lr_ratio: 'Final LR ratio', beta1: 'Adam β1', beta2: 'Adam β2', epsilon: 'Adam ε', pad_multiple: 'Pad to multiple of',
};

export interface TrainDraft {
  dataset_key: string;
  name: string;
  preset: ModelPresetName | 'custom';
  backend: BackendRequest;
  system_instruction: string;
  numbers: Record<NumberField, string>;
}

export function draftFromSetup(setup: TrainSetup, name = ''): TrainDraft {
  const { model, train } = setup;
  return {
    dataset_key: setup.dataset_key ?? '',
    name,
    preset: setup.model_preset,
    backend: setup.backend,
    system_instruction: setup.system_instruction,
    numbers: {
      context: String(model.context), layers: String(model.layers), heads: String(model.heads), dim: String(model.dim), dropout: String(model.dropout), model_seed: String(model.seed),
      max_steps: String(train.max_steps), learning_rate: String(train.learning_rate), batch_size: String(train.batch_size), warmup_steps: String(train.warmup_steps),
      seed: String(train.seed), checkpoint_every: String(train.checkpoint_every), keep_checkpoints: String(train.keep_checkpoints), sample_every: String(setup.sample_every),
      max_minutes: train.max_minutes === null ? '' : String(train.max_minutes), grad_accum_steps: String(train.grad_accum_steps), weight_decay: String(train.weight_decay),
      grad_clip: String(train.grad_clip), min_lr_ratio: String(train.min_lr_ratio), beta1: String(train.beta1), beta2: String(train.beta2), epsilon: String(train.epsilon),
      pad_multiple: String(train.pad_multiple),
    },
  };
}

/** The draft with a preset's shape filled in (or unchanged for 'custom'). */
export function withPreset(draft: TrainDraft, preset: ModelPresetName | 'custom'): TrainDraft {
  if (preset === 'custom') return { ...draft, preset };
  const shape = MODEL_PRESETS[preset];
  return { ...draft, preset, numbers: { ...draft.numbers, context: String(shape.context), layers: String(shape.layers), heads: String(shape.heads), dim: String(shape.dim) } };
}

/**
 * The draft for a new starting point: a base fixes the model shape (and init seed) to its config;
 * the learning rate moves to the default of the new start only while it still holds one of the
 * two defaults, so a rate the person typed is never changed.
 */
export function withStart(draft: TrainDraft, base: Omit<GptConfig, 'vocab_size'> | null): TrainDraft {
  const defaults = [DEFAULT_SETUP.train.learning_rate, BASE_FINE_TUNE_LEARNING_RATE];
  const rate = toNumber(draft.numbers.learning_rate);
  const learning_rate = defaults.includes(rate) ? String(base ? BASE_FINE_TUNE_LEARNING_RATE : DEFAULT_SETUP.train.learning_rate) : draft.numbers.learning_rate;
  const next = { ...draft, numbers: { ...draft.numbers, learning_rate } };
  return base ? withBaseShape(next, base) : next;
}

/** The draft with the model shape and init seed of a base model (a base fixes them). */
export function withBaseShape(draft: TrainDraft, base: Omit<GptConfig, 'vocab_size'>): TrainDraft {
  const shape = { context: String(base.context), layers: String(base.layers), heads: String(base.heads), dim: String(base.dim), dropout: String(base.dropout), model_seed: String(base.seed) };
  return { ...draft, preset: presetOf(base), numbers: { ...draft.numbers, ...shape } };
}

function toNumber(text: string): number {
  return text.trim() === '' ? NaN : Number(text);
}

/** The setup the draft describes, or the fields at fault (paths are NumberField names or draft keys). */
export function setupFromDraft(draft: TrainDraft): ValidationResult<TrainSetup> {
  const n = (field: NumberField) => toNumber(draft.numbers[field]);
  const errors: ValidationIssue[] = [];
  if (draft.dataset_key === '') errors.push({ path: 'dataset_key', message: 'choose a dataset' });
  const model = validateGptConfig({ vocab_size: 2, context: n('context'), layers: n('layers'), heads: n('heads'), dim: n('dim'), dropout: n('dropout'), seed: n('model_seed') });
  if (!model.ok) errors.push(...model.errors.map((e) => ({ ...e, path: e.path === 'seed' ? 'model_seed' : e.path })));
  const maxMinutes = draft.numbers.max_minutes.trim() === '' ? null : n('max_minutes');
  const train = validateTrainConfig({
    learning_rate: n('learning_rate'), min_lr_ratio: n('min_lr_ratio'), warmup_steps: n('warmup_steps'), max_steps: n('max_steps'), batch_size: n('batch_size'),
    grad_accum_steps: n('grad_accum_steps'), weight_decay: n('weight_decay'), beta1: n('beta1'), beta2: n('beta2'), epsilon: n('epsilon'), grad_clip: n('grad_clip'),
    seed: n('seed'), checkpoint_every: n('checkpoint_every'), keep_checkpoints: n('keep_checkpoints'), max_minutes: maxMinutes, pad_multiple: n('pad_multiple'),
  });
  if (!train.ok) errors.push(...train.errors);
  const sampleEvery = n('sample_every');
  if (!Number.isInteger(sampleEvery) || sampleEvery < 0) errors.push({ path: 'sample_every', message: 'must be an integer ≥ 0 (0: only at the end)' });
  if (!model.ok || !train.ok || errors.length > 0) return { ok: false, errors };
  const { vocab_size: _vocab, ...shape } = model.value;
  return {
    ok: true,
    value: { model_preset: presetOf(shape), model: shape, train: train.value, backend: draft.backend, system_instruction: draft.system_instruction, sample_every: sampleEvery, dataset_key: draft.dataset_key },
  };
}

/** The form's draft, kept while the person visits other screens. */
export const trainDraft = signal<TrainDraft>(draftFromSetup(DEFAULT_SETUP));
