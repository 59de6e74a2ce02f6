// Hyperparameter sweeps, the pure part: the search-space grammar (choice, uniform, loguniform,
// randint per parameter) with validation, seeded trial sampling, applying a trial's parameters to
// a base config, the objective, and early stopping of clearly worse trials. Never trains, stores
// or renders: the sweep runner (worker + repository) calls these between trials.
import seedrandom from 'seedrandom';
import type { ValidationIssue, ValidationResult } from '../traces/types';
import { validateTrainConfig } from '../train/config';
import type { TrainConfig } from '../train/config';

export type ParameterSpace =
  | { kind: 'choice'; values: readonly (number | string)[] }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'loguniform'; min: number; max: number }
  | { kind: 'randint'; min: number; max: number };

/** Train-config keys a sweep may vary, each with the value kind the config needs. */
export const SWEEPABLE_PARAMETERS = {
  learning_rate: 'number', min_lr_ratio: 'number', warmup_steps: 'integer', max_steps: 'integer',
  batch_size: 'integer', grad_accum_steps: 'integer', weight_decay: 'number', beta1: 'number',
  beta2: 'number', grad_clip: 'number', seed: 'integer',
} as const satisfies Partial<Record<keyof TrainConfig, 'number' | 'integer'>>;
export type SweepParameter = keyof typeof SWEEPABLE_PARAMETERS;

export type SearchSpace = Partial<Record<SweepParameter, ParameterSpace>>;

/** `eval_score` is maximized; `heldout_loss` minimized. */
export type SweepObjective = 'eval_score' | 'heldout_loss';

export interface SweepSpec {
  name: string;
  dataset_key: string;
  evalset_id: string | null;
  base_config: TrainConfig;
  search_space: SearchSpace;
  trials: number;
  seed: number;
  objective: SweepObjective;
  /** Stop a trial early when its loss is this much worse (relative) than the best trial's at the same step; null: never. */
  early_stop_ratio: number | null;
}

export type TrialParameters = Partial<Record<SweepParameter, number>>;

const KINDS = ['choice', 'uniform', 'loguniform', 'randint'] as const;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function validateSpace(name: string, value: unknown): ValidationIssue[] {
  const path = `search_space.${name}`;
  if (!(name in SWEEPABLE_PARAMETERS)) return [{ path, message: `is not a sweepable parameter (one of ${Object.keys(SWEEPABLE_PARAMETERS).join(', ')})` }];
  if (typeof value !== 'object' || value === null) return [{ path, message: 'must be an object with a kind' }];
  const space = value as Record<string, unknown>;
  if (!KINDS.includes(space.kind as (typeof KINDS)[number])) return [{ path: `${path}.kind`, message: `must be one of ${KINDS.join(', ')}` }];
  const integer = SWEEPABLE_PARAMETERS[name as SweepParameter] === 'integer';
  if (space.kind === 'choice') {
    const values = space.values;
    if (!Array.isArray(values) || values.length === 0) return [{ path: `${path}.values`, message: 'must be a non-empty array' }];
    return values.flatMap((v, i) => (isFiniteNumber(v) && (!integer || Number.isInteger(v)) ? [] : [{ path: `${path}.values[${i}]`, message: `must be ${integer ? 'an integer' : 'a number'}` }]));
  }
  const { min, max } = space;
  if (!isFiniteNumber(min) || !isFiniteNumber(max)) return [{ path, message: 'min and max must be numbers' }];
  if (!(min < max) && !(space.kind === 'randint' && min === max)) return [{ path, message: `min (${min}) must be below max (${max})` }];
  if (space.kind === 'loguniform' && min <= 0) return [{ path: `${path}.min`, message: 'must be positive for loguniform' }];
  if (space.kind === 'randint' && !(Number.isInteger(min) && Number.isInteger(max))) return [{ path, message: 'randint bounds must be integers' }];
  if (integer && space.kind !== 'randint') return [{ path: `${path}.kind`, message: `${name} is an integer: use randint or choice` }];
  return [];
}

/** Checks a sweep request (e.g. from the form or imported JSON), with a path per problem. */
export function validateSweepSpec(value: unknown): ValidationResult<SweepSpec> {
  if (typeof value !== 'object' || value === null) return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
  const spec = value as Record<string, unknown>;
  const errors: ValidationIssue[] = [];
  if (typeof spec.name !== 'string' || spec.name.trim() === '') errors.push({ path: 'name', message: 'must be a non-empty string' });
  if (typeof spec.dataset_key !== 'string' || spec.dataset_key === '') errors.push({ path: 'dataset_key', message: 'must name a dataset' });
  if (spec.evalset_id !== null && typeof spec.evalset_id !== 'string') errors.push({ path: 'evalset_id', message: 'must be a string or null' });
  if (!Number.isInteger(spec.trials) || (spec.trials as number) < 1 || (spec.trials as number) > 1000) errors.push({ path: 'trials', message: 'must be an integer in [1, 1000]' });
  if (!Number.isInteger(spec.seed) || (spec.seed as number) < 0 || (spec.seed as number) > 2 ** 32 - 1) errors.push({ path: 'seed', message: 'must be an integer in [0, 2^32 - 1]' });
  if (spec.objective !== 'eval_score' && spec.objective !== 'heldout_loss') errors.push({ path: 'objective', message: 'must be eval_score or heldout_loss' });
  if (spec.objective === 'eval_score' && typeof spec.evalset_id !== 'string') errors.push({ path: 'evalset_id', message: 'is required when the objective is eval_score' });
  if (spec.early_stop_ratio !== null && !(isFiniteNumber(spec.early_stop_ratio) && spec.early_stop_ratio > 0)) errors.push({ path: 'early_stop_ratio', message: 'must be a positive number or null' });
  const base = validateTrainConfig(spec.base_config);
  if (!base.ok) errors.push(...base.errors.map((e) => ({ ...e, path: `base_config.${e.path}` })));
  const space = spec.search_space;
  if (typeof space !== 'object' || space === null || Object.keys(space).length === 0) errors.push({ path: 'search_space', message: 'must vary at least one parameter' });
  else for (const [name, entry] of Object.entries(space)) errors.push(...validateSpace(name, entry));
  if (errors.length > 0 || !base.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: (spec.name as string).trim(), dataset_key: spec.dataset_key as string, evalset_id: (spec.evalset_id as string | null) ?? null,
      base_config: base.value, search_space: space as SearchSpace, trials: spec.trials as number, seed: spec.seed as number,
      objective: spec.objective as SweepObjective, early_stop_ratio: (spec.early_stop_ratio as number | null) ?? null,
    },
  };
}

function sample(space: ParameterSpace, random: () => number): number {
  switch (space.kind) {
    case 'choice':
      return space.values[Math.floor(random() * space.values.length)] as number;
    case 'uniform':
      return space.min + random() * (space.max - space.min);
    case 'loguniform':
      return Math.exp(Math.log(space.min) + random() * (Math.log(space.max) - Math.log(space.min)));
    case 'randint':
      return space.min + Math.floor(random() * (space.max - space.min + 1));
  }
}

/** The parameters of trial `index` (0-based): one seeded stream per trial, parameters in name order. */
export function trialParameters(spec: Pick<SweepSpec, 'search_space' | 'seed'>, index: number): TrialParameters {
  const random = seedrandom(`sweep:${spec.seed}:${index}`);
  const parameters: TrialParameters = {};
  for (const name of Object.keys(spec.search_space).sort() as SweepParameter[]) {
    parameters[name] = sample(spec.search_space[name] as ParameterSpace, random);
  }
  return parameters;
}

/** The base config with the trial's parameters applied (validated again: a space can reach invalid values). */
export function trialConfig(base: TrainConfig, parameters: TrialParameters): ValidationResult<TrainConfig> {
  return validateTrainConfig({ ...base, ...parameters });
}

/** A finished (or stopped) trial's objective value; null when the trial produced none. */
export interface TrialOutcome {
  index: number;
  objective: number | null;
}

/** The best trial's index: highest eval score or lowest held-out loss; ties go to the earlier trial. */
export function bestTrial(objective: SweepObjective, outcomes: readonly TrialOutcome[]): number | null {
  let best: TrialOutcome | null = null;
  for (const outcome of outcomes) {
    if (outcome.objective === null) continue;
    if (best === null || best.objective === null) best = outcome;
    else if (objective === 'eval_score' ? outcome.objective > best.objective : outcome.objective < best.objective) best = outcome;
  }
  return best?.index ?? null;
}

/**
 * Early stopping: a trial is clearly worse when, past its warmup, its training loss exceeds the
 * best earlier trial's loss at the same step by more than `ratio` (relative). Losses are indexed
 * by step (1-based); missing steps never stop a trial.
 */
export function shouldStopEarly(
  ratio: number | null,
  step: number,
  warmupSteps: number,
  loss: number,
  bestLossAtStep: ReadonlyMap<number, number>,
): boolean {
  if (ratio === null || step <= warmupSteps) return false;
  const best = bestLossAtStep.get(step);
  return best !== undefined && loss > best * (1 + ratio);
}
