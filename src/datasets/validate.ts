// Checks a dataset build request before anything is selected: every problem at once, each with
// the path of the field (`limit`, `filters.meta[2]`) and a sentence a person can act on. Must
// never touch the store; whether the key is already taken is manifest.ts's question.
import type { ValidationIssue, ValidationResult } from '../traces/types';
import { datasetKey } from './key';
import {
  MAX_LIMIT,
  MIN_LIMIT,
  SELECTION_STRATEGIES,
  STRATIFY_MODES,
  type DatasetBuildRequest,
  type DatasetFilters,
} from './types';

const SEEDED_STRATEGIES: ReadonlySet<string> = new Set(['random', 'stratified']);

function isGiven<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

function checkFilters(filters: DatasetFilters | undefined, errors: ValidationIssue[]): void {
  if (!filters || typeof filters !== 'object') {
    errors.push({ path: 'filters', message: 'filters are required (use {"meta": []} for none)' });
    return;
  }
  if (!Array.isArray(filters.meta)) {
    errors.push({ path: 'filters.meta', message: 'meta must be a list of key=value terms' });
  } else {
    filters.meta.forEach((term, k) => {
      if (typeof term !== 'string' || !/^[^=]+=/.test(term)) {
        errors.push({ path: `filters.meta[${k}]`, message: `${JSON.stringify(term)} is not a key=value term` });
      }
    });
  }
  if (isGiven(filters.source) && (typeof filters.source !== 'string' || filters.source === '')) {
    errors.push({ path: 'filters.source', message: 'source must be a non-empty string' });
  }
  checkTimeRange(filters, errors);
  checkStepRange(filters, errors);
  const score = filters.min_baseline_score;
  if (isGiven(score) && !(typeof score === 'number' && score >= 0 && score <= 100)) {
    errors.push({ path: 'filters.min_baseline_score', message: 'min_baseline_score must be a number from 0 to 100' });
  }
}

function checkTimeRange(filters: DatasetFilters, errors: ValidationIssue[]): void {
  const range = filters.created;
  if (!isGiven(range)) return;
  const parsed: Record<'from' | 'to', number | null> = { from: null, to: null };
  for (const end of ['from', 'to'] as const) {
    const value = range[end];
    if (!isGiven(value)) continue;
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) errors.push({ path: `filters.created.${end}`, message: `${JSON.stringify(value)} is not an ISO-8601 time` });
    else parsed[end] = ms;
  }
  if (parsed.from !== null && parsed.to !== null && parsed.from > parsed.to) {
    errors.push({ path: 'filters.created', message: 'created.from is after created.to: no trace can match' });
  }
}

function checkStepRange(filters: DatasetFilters, errors: ValidationIssue[]): void {
  const range = filters.step_count;
  if (!isGiven(range)) return;
  for (const end of ['min', 'max'] as const) {
    const value = range[end];
    if (isGiven(value) && !(Number.isInteger(value) && value >= 0)) {
      errors.push({ path: `filters.step_count.${end}`, message: `step_count.${end} must be a whole number >= 0` });
    }
  }
  if (isGiven(range.min) && isGiven(range.max) && range.min > range.max) {
    errors.push({ path: 'filters.step_count', message: 'step_count.min is above step_count.max: no trace can match' });
  }
}

function checkSelection(request: DatasetBuildRequest, errors: ValidationIssue[]): void {
  const strategy = request.selection_strategy;
  if (!(SELECTION_STRATEGIES as readonly string[]).includes(strategy)) {
    errors.push({
      path: 'selection_strategy',
      message: `unknown selection strategy ${JSON.stringify(strategy)}: use one of ${SELECTION_STRATEGIES.join(', ')}`,
    });
  }
  const seed = request.seed;
  if (isGiven(seed) && !Number.isSafeInteger(seed)) {
    errors.push({ path: 'seed', message: 'seed must be a whole number' });
  }
  if (!isGiven(seed) && SEEDED_STRATEGIES.has(strategy)) {
    errors.push({ path: 'seed', message: `the ${strategy} strategy needs a seed, so that the same build can be made again` });
  }
  const limit = request.limit;
  if (!isGiven(limit)) {
    if (strategy !== 'all') errors.push({ path: 'limit', message: `limit is required (${MIN_LIMIT}–${MAX_LIMIT.toLocaleString('en-US')})` });
  } else if (!(Number.isInteger(limit) && limit >= MIN_LIMIT && limit <= MAX_LIMIT)) {
    errors.push({ path: 'limit', message: `limit must be a whole number from ${MIN_LIMIT} to ${MAX_LIMIT.toLocaleString('en-US')}` });
  }
  checkStratify(request, errors);
}

function checkStratify(request: DatasetBuildRequest, errors: ValidationIssue[]): void {
  const stratify = request.stratify;
  if (request.selection_strategy !== 'stratified') {
    if (isGiven(stratify)) errors.push({ path: 'stratify', message: 'stratify is only used by the stratified strategy' });
    return;
  }
  if (!isGiven(stratify)) {
    errors.push({ path: 'stratify', message: 'the stratified strategy needs stratify {key, mode}' });
    return;
  }
  if (typeof stratify.key !== 'string' || stratify.key === '' || stratify.key.includes('=')) {
    errors.push({ path: 'stratify.key', message: 'stratify.key must be a meta key such as category or result' });
  }
  if (!(STRATIFY_MODES as readonly string[]).includes(stratify.mode)) {
    errors.push({ path: 'stratify.mode', message: `stratify.mode must be one of ${STRATIFY_MODES.join(', ')}` });
  }
}

function checkSplit(request: DatasetBuildRequest, errors: ValidationIssue[]): void {
  const split = request.split;
  if (!isGiven(split)) return;
  const fraction = split.eval_fraction;
  if (!(typeof fraction === 'number' && fraction > 0 && fraction < 1)) {
    errors.push({ path: 'split.eval_fraction', message: 'eval_fraction must be a number strictly between 0 and 1' });
  }
  if (!isGiven(request.seed) && !SEEDED_STRATEGIES.has(request.selection_strategy)) {
    errors.push({ path: 'seed', message: 'a train/eval split needs a seed, so that the same split can be made again' });
  }
}

function checkLinks(request: DatasetBuildRequest, errors: ValidationIssue[]): void {
  for (const field of ['session_id', 'parent_dataset_id', 'training_run_id'] as const) {
    const value = request[field];
    if (isGiven(value) && (typeof value !== 'string' || value === '')) {
      errors.push({ path: field, message: `${field} must be a non-empty string or null` });
    }
  }
}

/** The request unchanged when it can be built, else every problem found. */
export function validateBuildRequest(request: DatasetBuildRequest): ValidationResult<DatasetBuildRequest> {
  const errors: ValidationIssue[] = [];
  const key = datasetKey(String(request.name ?? ''), String(request.version ?? ''));
  if (!key.ok) errors.push(...key.errors);
  checkFilters(request.filters, errors);
  checkSelection(request, errors);
  checkSplit(request, errors);
  checkLinks(request, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: request };
}
