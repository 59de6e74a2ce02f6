// Scorecards: the per-item result record of an evaluation and its aggregation into overall and
// per-section, per-category and per-difficulty summaries with 95% intervals.
// Must never generate text, read storage or render anything: results in, a typed scorecard out.
//
// Rules: an item is skipped when a correctness judge returns `correct: null` (the numeric judge
// on a non-numeric answer); skipped items count in n_items and format_compliance but not in the
// mean. For correctness judges primary_score is the accuracy and ci95 its Wilson interval; for
// score judges (baseline_heuristic) ci95 is mean ± 1.96·s/√n. With nothing scored, the score
// fields are null rather than a misleading 0. Items without a section are grouped under "(none)".

import type { ValidationIssue, ValidationResult } from '../traces/types';
import { followsTraceFormat } from './extract';
import { JUDGES, judge } from './judges';
import type { JudgeKind, JudgeName, JudgementExtractionRule } from './judges';
import { mean, meanInterval, sampleStddev, wilsonInterval } from './stats';
import type { Interval } from './stats';

export const SCORECARD_VERSION = 1;
export const NO_SECTION = '(none)';

/** The fields of an eval item this module reads (the eval set module owns the full type). */
export interface EvalItemLike {
  id: string;
  prompt: string;
  expected_answer: string;
  category: string;
  difficulty: string | number;
  section?: string;
}

/** One item's outcome in an evaluation, as stored. */
export interface EvalItemResult {
  item_id: string;
  /** The raw generation (the model's turn). */
  prediction: string;
  extracted_answer: string;
  extraction_rule: JudgementExtractionRule;
  expected_answer: string;
  correct: boolean | null;
  score: number;
  latency_ms: number;
  /** Generated tokens. */
  tokens: number;
}

/** An eval item with its result. */
export interface ItemWithResult {
  item: EvalItemLike;
  result: EvalItemResult;
}

export interface ScoreSummary {
  n_items: number;
  n_scored: number;
  n_skipped: number;
  /** Items judged correct; null for score judges. */
  n_correct: number | null;
  /** Mean score of the scored items, in [0, 1]; null when none was scored. */
  primary_score: number | null;
  stddev: number | null;
  min: number | null;
  max: number | null;
  ci95: Interval | null;
  /** Share of generations that follow `Reasoning: … Answer: …`; null for an empty group. */
  format_compliance: number | null;
}

export interface Scorecard extends ScoreSummary {
  scorecard_version: number;
  judge: JudgeName;
  judge_kind: JudgeKind;
  by_section: Record<string, ScoreSummary>;
  by_category: Record<string, ScoreSummary>;
  by_difficulty: Record<string, ScoreSummary>;
}

/** Judges one generation and packs it into the stored result record. */
export function resultFromGeneration(
  item: EvalItemLike,
  generation: string,
  judgeName: JudgeName,
  measured: { latency_ms: number; tokens: number },
): EvalItemResult {
  const judgement = judge(judgeName, generation, item);
  return {
    item_id: item.id,
    prediction: generation,
    extracted_answer: judgement.extracted_answer,
    extraction_rule: judgement.extraction_rule,
    expected_answer: item.expected_answer,
    correct: judgement.correct,
    score: judgement.score,
    latency_ms: measured.latency_ms,
    tokens: measured.tokens,
  };
}

function isSkipped(result: EvalItemResult, kind: JudgeKind): boolean {
  return kind === 'correctness' && result.correct === null;
}

/** Summary of one group of results under a judge of the given kind. */
export function summarizeResults(results: readonly EvalItemResult[], kind: JudgeKind): ScoreSummary {
  const scored = results.filter((result) => !isSkipped(result, kind));
  const scores = scored.map((result) => result.score);
  const nCorrect = kind === 'correctness' ? scored.filter((result) => result.correct === true).length : null;
  const compliant = results.filter((result) => followsTraceFormat(result.prediction)).length;
  let ci95: Interval | null = null;
  if (scored.length > 0) ci95 = nCorrect !== null ? wilsonInterval(nCorrect, scored.length) : meanInterval(scores);
  return {
    n_items: results.length,
    n_scored: scored.length,
    n_skipped: results.length - scored.length,
    n_correct: nCorrect,
    primary_score: mean(scores),
    stddev: sampleStddev(scores),
    min: scores.length > 0 ? Math.min(...scores) : null,
    max: scores.length > 0 ? Math.max(...scores) : null,
    ci95,
    format_compliance: results.length > 0 ? compliant / results.length : null,
  };
}

/** Results grouped by a key of their item, groups in code-unit order of their keys. */
export function groupResults(
  pairs: ReadonlyArray<ItemWithResult>,
  keyOf: (item: EvalItemLike) => string,
): Map<string, EvalItemResult[]> {
  const groups = new Map<string, EvalItemResult[]>();
  for (const { item, result } of pairs) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(result);
    else groups.set(key, [result]);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export const GROUP_KEYS = {
  section: (item: EvalItemLike): string => item.section ?? NO_SECTION,
  category: (item: EvalItemLike): string => item.category,
  difficulty: (item: EvalItemLike): string => String(item.difficulty),
} as const;

function summarizeGroups(
  pairs: ReadonlyArray<ItemWithResult>,
  keyOf: (item: EvalItemLike) => string,
  kind: JudgeKind,
): Record<string, ScoreSummary> {
  const summaries: Record<string, ScoreSummary> = {};
  for (const [key, group] of groupResults(pairs, keyOf)) summaries[key] = summarizeResults(group, kind);
  return summaries;
}

/**
 * Pairs every item with its result, in eval-set order. Errors: a result for an unknown item, two
 * results for one item, an item without a result, a result whose expected answer differs from
 * its item's (the eval set changed under the evaluation).
 */
export function pairResultsWithItems(
  items: readonly EvalItemLike[],
  results: readonly EvalItemResult[],
): ValidationResult<ItemWithResult[]> {
  const errors: ValidationIssue[] = [];
  const itemIds = new Set(items.map((item) => item.id));
  const byItem = new Map<string, EvalItemResult>();
  results.forEach((result, index) => {
    if (!itemIds.has(result.item_id)) {
      errors.push({ path: `results[${index}].item_id`, message: `no eval item has id "${result.item_id}"` });
    } else if (byItem.has(result.item_id)) {
      errors.push({ path: `results[${index}].item_id`, message: `a second result for item "${result.item_id}"` });
    } else {
      byItem.set(result.item_id, result);
    }
  });
  const pairs: ItemWithResult[] = [];
  items.forEach((item, index) => {
    const result = byItem.get(item.id);
    if (result === undefined) {
      errors.push({ path: `items[${index}]`, message: `item "${item.id}" has no result` });
    } else if (result.expected_answer !== item.expected_answer) {
      errors.push({
        path: `items[${index}].expected_answer`,
        message: `item "${item.id}" expects "${item.expected_answer}" but its result recorded "${result.expected_answer}"`,
      });
    } else {
      pairs.push({ item, result });
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: pairs };
}

/** The scorecard of results already paired with their items (see pairResultsWithItems). */
export function scorecardFromPairs(pairs: ReadonlyArray<ItemWithResult>, judgeName: JudgeName): Scorecard {
  const kind = JUDGES[judgeName].kind;
  return {
    scorecard_version: SCORECARD_VERSION,
    judge: judgeName,
    judge_kind: kind,
    ...summarizeResults(
      pairs.map((pair) => pair.result),
      kind,
    ),
    by_section: summarizeGroups(pairs, GROUP_KEYS.section, kind),
    by_category: summarizeGroups(pairs, GROUP_KEYS.category, kind),
    by_difficulty: summarizeGroups(pairs, GROUP_KEYS.difficulty, kind),
  };
}

/** The scorecard of an evaluation: every item of `items` must have exactly one result. */
export function buildScorecard(
  items: readonly EvalItemLike[],
  results: readonly EvalItemResult[],
  judgeName: JudgeName,
): ValidationResult<Scorecard> {
  const paired = pairResultsWithItems(items, results);
  return paired.ok ? { ok: true, value: scorecardFromPairs(paired.value, judgeName) } : paired;
}
