// The stored records of evaluations: one EvaluationRecord per (model, eval set, judge) run with
// its scorecard, and one EvalResultRecord per item. Types only: src/db/ stores them, the eval
// worker writes them, the Evaluate screen and reports read them.
import type { GptConfig } from '../model/config';
import type { JudgeName } from './judges';
import type { ItemStopReason } from './runner';
import type { EvalItemResult, Scorecard } from './scorecard';

export type EvaluationStatus = 'running' | 'completed' | 'failed' | 'cancelled';

/** What was evaluated: a run's checkpoint, a registered model, a shipped base model (public/models/), or a config's untrained init. */
export type EvaluatedModel =
  | { kind: 'run'; run_id: string; step: number }
  | { kind: 'model'; model_id: string; sha256: string }
  | { kind: 'base'; model_id: string; sha256: string }
  | { kind: 'untrained'; run_id: string };

export interface GenerationSettings {
  max_new_tokens: number;
  /** 0 means greedy. */
  temperature: number;
  top_k: number;
  seed: number;
}

export interface EvaluationRecord {
  id: string;
  created_at: string;
  finished_at: string | null;
  status: EvaluationStatus;
  model: EvaluatedModel;
  /** A bundled set's name (eval_v1, eval_v2) or an imported set's id. */
  evalset_id: string;
  evalset_sha256: string;
  judge: JudgeName;
  generation: GenerationSettings;
  backend: string;
  scorecard: Scorecard | null;
  /** Share of generations that follow `Reasoning: … Answer: …`. */
  format_compliance: number | null;
  error: string | null;
  /** Marked as the regression baseline of its eval set. */
  baseline?: boolean;
  /** What the lists show: e.g. "run-3 · step 400" or "run-3 · untrained start". */
  model_label?: string;
  /** The evaluated weights' config (known once the worker has loaded them). */
  model_config?: GptConfig;
  evalset_name?: string;
  items_total?: number;
  items_done?: number;
  /** Generated tokens so far. */
  tokens?: number;
  /** Time spent evaluating so far (model loading excluded). */
  elapsed_ms?: number;
  /** Last write by the worker: a running evaluation that stops updating was interrupted. */
  updated_at?: string;
}

/** One item's result, keyed by [evaluation_id+item_id]. */
export interface EvalResultRecord extends EvalItemResult {
  evaluation_id: string;
  /** How the generation ended (see runner.ts); absent in records written before it existed. */
  stop_reason?: ItemStopReason;
  prompt_tokens?: number;
}
