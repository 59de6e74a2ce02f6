// The generators the app offers, their options and how to run them. Owns option validation
// (errors as values), the dispatch from a generator name to its trace stream, and the
// composition a run will have. A worker drives a run by pulling from generateTraces() in
// chunks and reporting progress between them. Must never store, post or render anything.
import type { ReasoningTrace, ValidationIssue, ValidationResult } from '../traces/types';
import { compositionRecord } from './composition';
import { CURRICULUM_FAMILIES, CURRICULUM_VERSION, generateCurriculum } from './curriculum';
import { REASONING_CORPUS_SHARES, REASONING_CORPUS_VERSION, generateReasoningCorpus } from './reasoning-corpus';
import { UNGAR_VERSION, generateHighCardDuel, generateHighCardDuelOutcome } from './ungar';

export type GeneratorName = 'ungar_high_card_duel' | 'ungar_high_card_duel_outcome' | 'reasoning_corpus' | 'curriculum';

export interface GeneratorOptions {
  generator: GeneratorName;
  /** Number of traces, MIN_TRACE_COUNT..MAX_TRACE_COUNT. */
  count: number;
  /** Integer seed, 0..MAX_SEED. */
  seed: number;
}

export interface GeneratorInfo {
  name: GeneratorName;
  label: string;
  description: string;
  version: string;
  /** The meta field whose values the manifest's composition counts. */
  compositionKey: 'category' | 'template' | 'result';
}

export const MIN_TRACE_COUNT = 100;
export const MAX_TRACE_COUNT = 200_000;
export const MAX_SEED = 0xffffffff;

export const GENERATORS: readonly GeneratorInfo[] = [
  {
    name: 'reasoning_corpus',
    label: 'Reasoning corpus',
    description:
      '70% multi-step word problems (distance, percentages, costs and change, units, geometry, arithmetic), ' +
      '20% synthetic (arithmetic, reverse, sort, logic), 6.4% golden-style (repeat, count words, uppercase), ' +
      '3.6% edge cases. Every answer computed by code.',
    version: REASONING_CORPUS_VERSION,
    compositionKey: 'category',
  },
  {
    name: 'curriculum',
    label: 'Curriculum for small models',
    description:
      'Seven short families for a small character-level model, ordered from copying (repeat, uppercase, reverse) ' +
      'to single-digit arithmetic to two-digit column addition and comparison; one local operation per step.',
    version: CURRICULUM_VERSION,
    compositionKey: 'template',
  },
  {
    name: 'ungar_high_card_duel',
    label: 'UNGAR High Card Duel',
    description: 'The reference system\'s game traces: one hidden card, the only action is reveal.',
    version: UNGAR_VERSION,
    compositionKey: 'result',
  },
  {
    name: 'ungar_high_card_duel_outcome',
    label: 'UNGAR High Card Duel outcome',
    description: 'Both cards shown after the reveal; the steps compare ranks (ace high) and the answer is win, loss or tie.',
    version: UNGAR_VERSION,
    compositionKey: 'result',
  },
];

const INFO_BY_NAME = new Map(GENERATORS.map((info) => [info.name, info]));

export function generatorInfo(name: GeneratorName): GeneratorInfo {
  const info = INFO_BY_NAME.get(name);
  if (!info) throw new RangeError(`unknown generator ${String(name)}`);
  return info;
}

function isGeneratorName(value: unknown): value is GeneratorName {
  return GENERATORS.some((g) => g.name === value);
}

function integerIssue(value: unknown, path: string, min: number, max: number): ValidationIssue | null {
  if (typeof value !== 'number' || !Number.isInteger(value)) return { path, message: `${path} must be an integer` };
  if (value < min || value > max) {
    return { path, message: `${path} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}, got ${value}` };
  }
  return null;
}

export function validateGeneratorOptions(value: unknown): ValidationResult<GeneratorOptions> {
  if (typeof value !== 'object' || value === null) return { ok: false, errors: [{ path: '', message: 'options must be an object' }] };
  const record = value as Record<string, unknown>;
  const errors: ValidationIssue[] = [];
  if (!isGeneratorName(record.generator)) {
    errors.push({ path: 'generator', message: `generator must be one of ${GENERATORS.map((g) => g.name).join(', ')}` });
  }
  const countIssue = integerIssue(record.count, 'count', MIN_TRACE_COUNT, MAX_TRACE_COUNT);
  if (countIssue) errors.push(countIssue);
  const seedIssue = integerIssue(record.seed, 'seed', 0, MAX_SEED);
  if (seedIssue) errors.push(seedIssue);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { generator: record.generator as GeneratorName, count: record.count as number, seed: record.seed as number } };
}

/** The traces of one run, lazily: pull as many as a chunk needs. Options must be valid. */
export function generateTraces(options: GeneratorOptions): Generator<ReasoningTrace> {
  const checked = validateGeneratorOptions(options);
  if (!checked.ok) throw new RangeError(checked.errors.map((e) => e.message).join('; '));
  const { count, seed } = checked.value;
  switch (checked.value.generator) {
    case 'reasoning_corpus':
      return generateReasoningCorpus(count, seed);
    case 'curriculum':
      return generateCurriculum(count, seed);
    case 'ungar_high_card_duel':
      return generateHighCardDuel(count, seed);
    case 'ungar_high_card_duel_outcome':
      return generateHighCardDuelOutcome(count, seed);
  }
}

/** The value a trace is counted under in its generator's composition. */
export function compositionValue(name: GeneratorName, trace: ReasoningTrace): string {
  return String(trace.meta?.[generatorInfo(name).compositionKey] ?? 'unknown');
}

/** Count traces by their generator's composition key, in first-seen order. */
export function tallyComposition(name: GeneratorName, traces: Iterable<ReasoningTrace>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const trace of traces) {
    const key = compositionValue(name, trace);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/**
 * The composition a run will have. Corpora declare exact shares, so this is computed without
 * generating; UNGAR outcomes depend on the deal, so those runs are generated and tallied.
 */
export function countCategories(options: GeneratorOptions): Record<string, number> {
  switch (options.generator) {
    case 'reasoning_corpus':
      return compositionRecord(REASONING_CORPUS_SHARES, options.count);
    case 'curriculum':
      return compositionRecord(CURRICULUM_FAMILIES, options.count);
    default:
      return tallyComposition(options.generator, generateTraces(options));
  }
}
