// Before/after delta reports: compares two evaluations of the same eval set under the same judge
// (overall, per-category and per-section deltas with 95% intervals, items that flipped, both run
// manifests) and renders the comparison as `delta_report.md` and `eval_summary.json`.
// Must never run evaluations, read storage or touch the DOM: two result lists in, a report out.
//
// Markdown safety: every piece of user text outside code blocks (labels, ids, categories,
// prompts' one-line fields, answers) has `&`, `<`, `>` and backticks written as HTML entities
// and Markdown punctuation backslash-escaped, so it can neither open HTML nor form links or code.
// Generations, prompts and manifests go in fenced code blocks whose fence is longer than any run
// of backticks in the text, so the text cannot close the block; CommonMark shows a code block's
// content literally (never as HTML), which is why it is not entity-escaped there (a reader would
// see "&lt;" instead of "<").

import type { ValidationIssue, ValidationResult } from '../traces/types';
import { JUDGES } from './judges';
import type { JudgeKind, JudgeName } from './judges';
import { GROUP_KEYS, groupResults, pairResultsWithItems, scorecardFromPairs, summarizeResults } from './scorecard';
import type { EvalItemLike, EvalItemResult, ItemWithResult, Scorecard } from './scorecard';
import { intervalsOverlap, meanDifferenceInterval, newcombeDifferenceInterval } from './stats';
import type { Interval } from './stats';

export const DELTA_REPORT_VERSION = 1;

/** One finished evaluation, as the comparison needs it. */
export interface EvaluationToCompare {
  /** Human name of the run, e.g. "base" or "trained 30 min". */
  label: string;
  /** Identity of the eval set (name and version or content hash); both sides must agree. */
  eval_set_id: string;
  judge: JudgeName;
  results: readonly EvalItemResult[];
  /** The run manifest, carried through untouched. */
  manifest: Readonly<Record<string, unknown>>;
}

export interface GroupDelta {
  n_before: number;
  n_after: number;
  before: number | null;
  after: number | null;
  /** after − before, in score units ([−1, 1]). */
  delta: number | null;
  before_ci95: Interval | null;
  after_ci95: Interval | null;
  /** Newcombe hybrid score interval (correctness judges) or Welch normal interval (score judges). */
  delta_ci95: Interval | null;
  intervals_overlap: boolean | null;
}

export interface FlippedSide {
  prediction: string;
  extracted_answer: string;
}

export interface FlippedItem {
  item_id: string;
  category: string;
  section: string | null;
  prompt: string;
  expected_answer: string;
  before: FlippedSide;
  after: FlippedSide;
}

export interface RunSide {
  label: string;
  manifest: Readonly<Record<string, unknown>>;
  scorecard: Scorecard;
}

export interface DeltaReport {
  delta_report_version: number;
  eval_set_id: string;
  judge: JudgeName;
  judge_kind: JudgeKind;
  before: RunSide;
  after: RunSide;
  overall: GroupDelta;
  by_category: Record<string, GroupDelta>;
  by_section: Record<string, GroupDelta>;
  flipped_to_correct: FlippedItem[];
  flipped_to_wrong: FlippedItem[];
  /** Items right in both runs, wrong in both, and skipped in either. */
  unchanged: { correct: number; wrong: number; skipped: number };
}

function prefixErrors(prefix: string, errors: readonly ValidationIssue[]): ValidationIssue[] {
  return errors.map((error) => ({ ...error, path: `${prefix}.${error.path}` }));
}

/** Delta of one group; both result lists hold the same items. */
export function groupDelta(
  before: readonly EvalItemResult[],
  after: readonly EvalItemResult[],
  kind: JudgeKind,
): GroupDelta {
  const beforeSummary = summarizeResults(before, kind);
  const afterSummary = summarizeResults(after, kind);
  const scoredScores = (results: readonly EvalItemResult[]) =>
    results.filter((result) => kind === 'score' || result.correct !== null).map((result) => result.score);
  let deltaInterval: Interval | null = null;
  if (beforeSummary.n_scored > 0 && afterSummary.n_scored > 0) {
    deltaInterval =
      kind === 'correctness'
        ? newcombeDifferenceInterval(
            beforeSummary.n_correct ?? 0,
            beforeSummary.n_scored,
            afterSummary.n_correct ?? 0,
            afterSummary.n_scored,
          )
        : meanDifferenceInterval(scoredScores(before), scoredScores(after));
  }
  const beforeInterval = beforeSummary.ci95;
  const afterInterval = afterSummary.ci95;
  return {
    n_before: beforeSummary.n_scored,
    n_after: afterSummary.n_scored,
    before: beforeSummary.primary_score,
    after: afterSummary.primary_score,
    delta:
      beforeSummary.primary_score === null || afterSummary.primary_score === null
        ? null
        : afterSummary.primary_score - beforeSummary.primary_score,
    before_ci95: beforeInterval,
    after_ci95: afterInterval,
    delta_ci95: deltaInterval,
    intervals_overlap: beforeInterval && afterInterval ? intervalsOverlap(beforeInterval, afterInterval) : null,
  };
}

function groupDeltas(
  beforePairs: readonly ItemWithResult[],
  afterPairs: readonly ItemWithResult[],
  keyOf: (item: EvalItemLike) => string,
  kind: JudgeKind,
): Record<string, GroupDelta> {
  const afterGroups = groupResults(afterPairs, keyOf);
  const deltas: Record<string, GroupDelta> = {};
  for (const [key, beforeGroup] of groupResults(beforePairs, keyOf)) {
    deltas[key] = groupDelta(beforeGroup, afterGroups.get(key) ?? [], kind);
  }
  return deltas;
}

function flippedItem(before: ItemWithResult, after: ItemWithResult): FlippedItem {
  const side = (pair: ItemWithResult): FlippedSide => ({
    prediction: pair.result.prediction,
    extracted_answer: pair.result.extracted_answer,
  });
  return {
    item_id: before.item.id,
    category: before.item.category,
    section: before.item.section ?? null,
    prompt: before.item.prompt,
    expected_answer: before.item.expected_answer,
    before: side(before),
    after: side(after),
  };
}

function checkComparable(before: EvaluationToCompare, after: EvaluationToCompare): ValidationIssue[] {
  const errors: ValidationIssue[] = [];
  if (before.eval_set_id !== after.eval_set_id) {
    errors.push({
      path: 'after.eval_set_id',
      message: `eval sets differ: "${before.eval_set_id}" before, "${after.eval_set_id}" after`,
    });
  }
  if (before.judge !== after.judge) {
    errors.push({ path: 'after.judge', message: `judges differ: "${before.judge}" before, "${after.judge}" after` });
  }
  return errors;
}

/**
 * Compares two evaluations of `items`. Errors: different eval set ids or judges, or results of
 * either side that do not cover `items` exactly once each (paths start with before./after.).
 */
export function compareEvaluations(
  items: readonly EvalItemLike[],
  before: EvaluationToCompare,
  after: EvaluationToCompare,
): ValidationResult<DeltaReport> {
  const errors = checkComparable(before, after);
  const beforePaired = pairResultsWithItems(items, before.results);
  const afterPaired = pairResultsWithItems(items, after.results);
  if (!beforePaired.ok) errors.push(...prefixErrors('before', beforePaired.errors));
  if (!afterPaired.ok) errors.push(...prefixErrors('after', afterPaired.errors));
  if (errors.length > 0 || !beforePaired.ok || !afterPaired.ok) return { ok: false, errors };
  const kind = JUDGES[before.judge].kind;
  const flippedToCorrect: FlippedItem[] = [];
  const flippedToWrong: FlippedItem[] = [];
  const unchanged = { correct: 0, wrong: 0, skipped: 0 };
  beforePaired.value.forEach((beforePair, index) => {
    const afterPair = afterPaired.value[index] as ItemWithResult;
    const [was, is] = [beforePair.result.correct, afterPair.result.correct];
    if (was === null || is === null) unchanged.skipped += 1;
    else if (!was && is) flippedToCorrect.push(flippedItem(beforePair, afterPair));
    else if (was && !is) flippedToWrong.push(flippedItem(beforePair, afterPair));
    else if (was) unchanged.correct += 1;
    else unchanged.wrong += 1;
  });
  return {
    ok: true,
    value: {
      delta_report_version: DELTA_REPORT_VERSION,
      eval_set_id: before.eval_set_id,
      judge: before.judge,
      judge_kind: kind,
      before: { label: before.label, manifest: before.manifest, scorecard: scorecardFromPairs(beforePaired.value, before.judge) },
      after: { label: after.label, manifest: after.manifest, scorecard: scorecardFromPairs(afterPaired.value, after.judge) },
      overall: groupDelta(before.results, after.results, kind),
      by_category: groupDeltas(beforePaired.value, afterPaired.value, GROUP_KEYS.category, kind),
      by_section: groupDeltas(beforePaired.value, afterPaired.value, GROUP_KEYS.section, kind),
      flipped_to_correct: flippedToCorrect,
      flipped_to_wrong: flippedToWrong,
      unchanged,
    },
  };
}

// ---- eval_summary.json ----------------------------------------------------------------------

/** `eval_summary.json`: the report without generations (flips by item id), 2-space JSON + LF. */
export function evalSummaryJson(report: DeltaReport): string {
  const summary = {
    eval_summary_version: report.delta_report_version,
    eval_set_id: report.eval_set_id,
    judge: report.judge,
    judge_kind: report.judge_kind,
    before: report.before,
    after: report.after,
    overall: report.overall,
    by_category: report.by_category,
    by_section: report.by_section,
    flipped_to_correct: report.flipped_to_correct.map((item) => item.item_id),
    flipped_to_wrong: report.flipped_to_wrong.map((item) => item.item_id),
    unchanged: report.unchanged,
  };
  return `${JSON.stringify(summary, null, 2)}\n`;
}

// ---- delta_report.md ------------------------------------------------------------------------

/** User text for a Markdown line or table cell: one line, no HTML, no Markdown syntax. */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[\\*_[\]|~#!]/g, (char) => `\\${char}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/`/g, '&#96;');
}

/** A fenced code block that `text` cannot close: the fence outruns every backtick run in it. */
export function fencedBlock(text: string, info = 'text'): string {
  const body = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${info}\n${body}${body.endsWith('\n') || body === '' ? '' : '\n'}${fence}`;
}

function formatScore(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

function formatPoints(value: number): string {
  const fixed = (value * 100).toFixed(1);
  if (fixed === '0.0' || fixed === '-0.0') return '0.0';
  return value > 0 ? `+${fixed}` : fixed;
}

function formatInterval(interval: Interval | null, asPoints: boolean): string {
  if (interval === null) return '–';
  const format = asPoints ? formatPoints : (value: number) => (value * 100).toFixed(1);
  return `[${format(interval[0])}, ${format(interval[1])}]`;
}

function deltaRow(name: string, delta: GroupDelta): string {
  const cells = [
    escapeMarkdownInline(name),
    `${delta.n_before} / ${delta.n_after}`,
    `${formatScore(delta.before)} ${formatInterval(delta.before_ci95, false)}`,
    `${formatScore(delta.after)} ${formatInterval(delta.after_ci95, false)}`,
    delta.delta === null ? '–' : `${formatPoints(delta.delta)} pts`,
    formatInterval(delta.delta_ci95, true),
    delta.intervals_overlap === null ? '–' : delta.intervals_overlap ? 'yes' : 'no',
  ];
  return `| ${cells.join(' | ')} |`;
}

function deltaTable(firstColumn: string, rows: ReadonlyArray<[string, GroupDelta]>): string[] {
  return [
    `| ${firstColumn} | n scored (before / after) | Before [95% CI] | After [95% CI] | Delta | Delta 95% CI | Intervals overlap |`,
    '|---|---:|---:|---:|---:|---:|:---:|',
    ...rows.map(([name, delta]) => deltaRow(name, delta)),
  ];
}

function flippedSection(title: string, items: readonly FlippedItem[], report: DeltaReport): string[] {
  const lines = [`## ${title} (${items.length})`, ''];
  if (items.length === 0) return [...lines, 'None.', ''];
  for (const item of items) {
    const where = item.section === null ? item.category : `${item.section} / ${item.category}`;
    lines.push(`### ${escapeMarkdownInline(item.item_id)} (${escapeMarkdownInline(where)})`, '');
    lines.push('Prompt:', '', fencedBlock(item.prompt), '');
    lines.push(`Expected answer: ${escapeMarkdownInline(item.expected_answer)}`, '');
    for (const [label, side] of [
      [report.before.label, item.before],
      [report.after.label, item.after],
    ] as const) {
      lines.push(`${escapeMarkdownInline(label)}, extracted answer: ${escapeMarkdownInline(side.extracted_answer)}`, '');
      lines.push(fencedBlock(side.prediction), '');
    }
  }
  return lines;
}

/** `delta_report.md`: the whole comparison for people, safe to render anywhere Markdown is. */
export function renderDeltaReportMarkdown(report: DeltaReport): string {
  const before = escapeMarkdownInline(report.before.label);
  const after = escapeMarkdownInline(report.after.label);
  const lines = [
    `# Delta report: ${before} → ${after}`,
    '',
    `- Eval set: ${escapeMarkdownInline(report.eval_set_id)}`,
    `- Judge: ${report.judge} (${report.judge_kind}): ${escapeMarkdownInline(JUDGES[report.judge].description)}`,
    `- Items: ${report.before.scorecard.n_items}; flipped wrong → right: ${report.flipped_to_correct.length}; ` +
      `right → wrong: ${report.flipped_to_wrong.length}; unchanged right: ${report.unchanged.correct}; ` +
      `unchanged wrong: ${report.unchanged.wrong}; skipped: ${report.unchanged.skipped}`,
    `- Format compliance: ${formatScore(report.before.scorecard.format_compliance)} → ` +
      `${formatScore(report.after.scorecard.format_compliance)}`,
    '',
    '## Overall',
    '',
    ...deltaTable('Scope', [['All items', report.overall]]),
    '',
    '## By category',
    '',
    ...deltaTable('Category', Object.entries(report.by_category)),
    '',
    '## By section',
    '',
    ...deltaTable('Section', Object.entries(report.by_section)),
    '',
    ...flippedSection('Flipped wrong → right', report.flipped_to_correct, report),
    ...flippedSection('Flipped right → wrong', report.flipped_to_wrong, report),
    '## Run manifests',
    '',
    `### Before: ${before}`,
    '',
    fencedBlock(JSON.stringify(report.before.manifest, null, 2), 'json'),
    '',
    `### After: ${after}`,
    '',
    fencedBlock(JSON.stringify(report.after.manifest, null, 2), 'json'),
    '',
  ];
  return lines.join('\n');
}
