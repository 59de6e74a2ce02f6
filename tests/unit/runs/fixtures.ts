// Builders for run manifests, scorecards and evaluations used by the runs tests.
import { presetConfig } from '../../../src/model/config';
import { DEFAULT_TRAIN_CONFIG } from '../../../src/train/config';
import { resultFromGeneration, scorecardFromPairs } from '../../../src/evaluate/scorecard';
import type { EvalItemLike, Scorecard } from '../../../src/evaluate/scorecard';
import type { EvaluationRecord } from '../../../src/evaluate/records';
import type { RunManifest } from '../../../src/runs/types';
import { RUN_SCHEMA_VERSION } from '../../../src/runs/types';

export function runManifest(overrides: Partial<RunManifest> = {}): RunManifest {
  return {
    run_schema_version: RUN_SCHEMA_VERSION, run_id: 'run-1', name: 'first', status: 'completed',
    dataset_key: 'corpus-v1', build_id: 'build-1', model_preset: 'tiny', model_config: presetConfig('tiny', 96),
    train_config: { ...DEFAULT_TRAIN_CONFIG }, init: { kind: 'scratch' }, tokenizer_hash: 'abc',
    backend_requested: 'auto', backend_actual: 'wasm', backend_attempts: [], app_version: '0.0.0',
    created_at: '2026-11-01T10:00:00.000Z', started_at: null, finished_at: null, step: 0, data: null,
    final_metrics: null, error: null, ...overrides,
  };
}

/** Items in two sections and categories: a1..a4 (section core, category add), r1..r4 (section edge, category reverse). */
export const ITEMS: EvalItemLike[] = [
  ...[1, 2, 3, 4].map((k) => ({ id: `a${k}`, prompt: `add ${k}`, expected_answer: String(k), category: 'add', difficulty: 'easy', section: 'core' })),
  ...[1, 2, 3, 4].map((k) => ({ id: `r${k}`, prompt: `rev ${k}`, expected_answer: `x${k}`, category: 'reverse', difficulty: 'easy', section: 'edge' })),
];

/** A normalized-judge scorecard where the listed item ids are answered right and the rest wrong. */
export function scorecardWithCorrect(correctIds: readonly string[]): Scorecard {
  const pairs = ITEMS.map((item) => ({
    item,
    result: resultFromGeneration(item, `Answer: ${correctIds.includes(item.id) ? item.expected_answer : 'wrong'}`, 'normalized', { latency_ms: 1, tokens: 3 }),
  }));
  return scorecardFromPairs(pairs, 'normalized');
}

export function evaluation(id: string, correctIds: readonly string[], overrides: Partial<EvaluationRecord> = {}): EvaluationRecord {
  return {
    id, created_at: '2026-11-02T10:00:00.000Z', finished_at: '2026-11-02T10:01:00.000Z', status: 'completed',
    model: { kind: 'run', run_id: 'run-1', step: 100 }, evalset_id: 'eval_v1', evalset_sha256: 'h', judge: 'normalized',
    generation: { max_new_tokens: 64, temperature: 0, top_k: 0, seed: 1 }, backend: 'wasm',
    scorecard: scorecardWithCorrect(correctIds), format_compliance: 1, error: null, ...overrides,
  };
}
