// The sweep form's draft (strings as typed) and its conversion into a validated SweepSpec plus
// the setup every trial shares. Pure: no DOM, no storage.
import { MODEL_PRESETS, type ModelPresetName } from '../../model/config';
import { DEFAULT_SETUP } from '../../runs/config-file';
import { validateSweepSpec } from '../../runs/sweep';
import type { SearchSpace, SweepObjective, SweepSpec } from '../../runs/sweep';
import type { SweepSetup } from '../../runs/sweep-plan';
import type { ValidationResult } from '../../traces/types';

export interface SweepDraft {
  name: string;
  dataset_key: string;
  objective: SweepObjective;
  evalset_id: string;
  preset: ModelPresetName;
  /** Overrides the preset's context: prompts with the chat template often need more than tiny's 64. */
  context: string;
  max_steps: string;
  trials: string;
  seed: string;
  vary_lr: boolean;
  lr_min: string;
  lr_max: string;
  vary_batch: boolean;
  batch_values: string;
  vary_warmup: boolean;
  warmup_min: string;
  warmup_max: string;
  early_stop: string;
}

export const EMPTY_SWEEP_DRAFT: SweepDraft = {
  name: 'lr sweep', dataset_key: '', objective: 'heldout_loss', evalset_id: 'eval_v1', preset: 'tiny', context: '128', max_steps: '100',
  trials: '3', seed: '1', vary_lr: true, lr_min: '3e-4', lr_max: '3e-3', vary_batch: false, batch_values: '4, 8, 16',
  vary_warmup: false, warmup_min: '0', warmup_max: '20', early_stop: '',
};

const num = (text: string): number => (text.trim() === '' ? NaN : Number(text));

export function searchSpaceFromDraft(draft: SweepDraft): SearchSpace {
  const space: SearchSpace = {};
  if (draft.vary_lr) space.learning_rate = { kind: 'loguniform', min: num(draft.lr_min), max: num(draft.lr_max) };
  if (draft.vary_batch) space.batch_size = { kind: 'choice', values: draft.batch_values.split(/[,\s]+/).filter(Boolean).map(Number) };
  if (draft.vary_warmup) space.warmup_steps = { kind: 'randint', min: num(draft.warmup_min), max: num(draft.warmup_max) };
  return space;
}

/** The validated spec and the trials' shared setup, or errors with field paths. */
export function sweepFromDraft(draft: SweepDraft): ValidationResult<{ spec: SweepSpec; setup: SweepSetup }> {
  const steps = num(draft.max_steps);
  const spec = validateSweepSpec({
    name: draft.name, dataset_key: draft.dataset_key, evalset_id: draft.objective === 'eval_score' ? draft.evalset_id : null,
    base_config: { ...DEFAULT_SETUP.train, max_steps: steps, warmup_steps: Math.min(DEFAULT_SETUP.train.warmup_steps, Math.max(0, Math.floor(steps / 10))), checkpoint_every: 0 },
    search_space: searchSpaceFromDraft(draft), trials: num(draft.trials), seed: num(draft.seed), objective: draft.objective,
    early_stop_ratio: draft.early_stop.trim() === '' ? null : num(draft.early_stop),
  });
  const context = num(draft.context);
  if (!Number.isInteger(context) || context < 8 || context > 1024) {
    const problem = { path: 'context', message: 'must be an integer in [8, 1024]' };
    return { ok: false, errors: spec.ok ? [problem] : [...spec.errors, problem] };
  }
  if (!spec.ok) return spec;
  const shape = { ...MODEL_PRESETS[draft.preset], context };
  const setup: SweepSetup = {
    model_preset: context === MODEL_PRESETS[draft.preset].context ? draft.preset : 'custom', model: { ...DEFAULT_SETUP.model, ...shape }, backend: 'wasm',
    system_instruction: '', sample_every: 0,
  };
  return { ok: true, value: { spec: spec.value, setup } };
}
