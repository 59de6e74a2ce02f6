import { describe, expect, it } from 'vitest';
import {
  compareEvaluations,
  escapeMarkdownInline,
  evalSummaryJson,
  fencedBlock,
  groupDelta,
  renderDeltaReportMarkdown,
} from '../../../src/evaluate/delta';
import type { DeltaReport, EvaluationToCompare } from '../../../src/evaluate/delta';
import { resultFromGeneration } from '../../../src/evaluate/scorecard';
import type { EvalItemLike, EvalItemResult } from '../../../src/evaluate/scorecard';
import type { JudgeName } from '../../../src/evaluate/judges';
import { newcombeDifferenceInterval, wilsonInterval } from '../../../src/evaluate/stats';

const ITEMS: EvalItemLike[] = [
  { id: 'add-1', prompt: 'What is 2 + 3?', expected_answer: '5', category: 'arithmetic', difficulty: 1, section: 'math' },
  { id: 'add-2', prompt: 'What is 4 + 4?', expected_answer: '8', category: 'arithmetic', difficulty: 1, section: 'math' },
  { id: 'sub-1', prompt: 'What is 3 - 5?', expected_answer: '-2', category: 'arithmetic', difficulty: 2, section: 'math' },
  { id: 'rev-1', prompt: 'Reverse <b>"ab"</b>', expected_answer: 'ba', category: 'reverse', difficulty: 1, section: 'strings' },
];

const BEFORE: Record<string, string> = {
  'add-1': 'Reasoning:\n1. 2 + 3 = 5\nAnswer: 5',
  'add-2': 'Reasoning:\n1. 4 + 4 = 9\nAnswer: 9',
  'sub-1': '-2',
  'rev-1': 'Reasoning:\n1. ```\n<script>alert(1)</script>\nAnswer: ba',
};
const AFTER: Record<string, string> = {
  'add-1': 'Reasoning:\n1. 2 + 3 = 6\nAnswer: 6',
  'add-2': 'Reasoning:\n1. 4 + 4 = 8\nAnswer: 8',
  'sub-1': 'Reasoning:\n1. 3 - 5 = -2\nAnswer: -2',
  'rev-1': 'Reasoning:\n1. b then a\nAnswer: ba',
};

/** As BEFORE, but the string item is wrong before, so its hostile generation is listed. */
const BEFORE_WRONG_ON_STRINGS: Record<string, string> = {
  ...BEFORE,
  'rev-1': 'Reasoning:\n1. ```\n<script>alert(1)</script>\nAnswer: ab',
};

function evaluation(
  label: string,
  generations: Record<string, string>,
  overrides: Partial<EvaluationToCompare> = {},
  judgeName: JudgeName = 'normalized',
): EvaluationToCompare {
  const results: EvalItemResult[] = ITEMS.map((item) =>
    resultFromGeneration(item, generations[item.id] ?? '', judgeName, { latency_ms: 5, tokens: 3 }),
  );
  return {
    label,
    eval_set_id: 'eval_v2@sha256:abc',
    judge: judgeName,
    results,
    manifest: { run_id: `${label}-run`, seed: 7, note: 'a <tag> & `tick`' },
    ...overrides,
  };
}

function reportOrThrow(before = evaluation('base', BEFORE), after = evaluation('trained', AFTER)): DeltaReport {
  const compared = compareEvaluations(ITEMS, before, after);
  if (!compared.ok) throw new Error(JSON.stringify(compared.errors));
  return compared.value;
}

describe('compareEvaluations', () => {
  it('computes overall and per-group deltas with Newcombe intervals', () => {
    const report = reportOrThrow();
    // before: add-1, sub-1 (last line "-2"), rev-1 right → 3/4; after: add-2, sub-1, rev-1 → 3/4.
    expect(report.overall.before).toBe(0.75);
    expect(report.overall.after).toBe(0.75);
    expect(report.overall.delta).toBe(0);
    expect(report.overall.delta_ci95).toEqual(newcombeDifferenceInterval(3, 4, 3, 4));
    expect(report.overall.intervals_overlap).toBe(true);
    expect(Object.keys(report.by_category)).toEqual(['arithmetic', 'reverse']);
    expect(report.by_category.arithmetic).toMatchObject({ n_before: 3, n_after: 3 });
    expect(report.by_category.arithmetic?.before_ci95).toEqual(wilsonInterval(2, 3));
    expect(Object.keys(report.by_section)).toEqual(['math', 'strings']);
    expect(report.unchanged).toEqual({ correct: 2, wrong: 0, skipped: 0 });
  });

  it('lists flipped items with both generations, in eval-set order', () => {
    const report = reportOrThrow();
    expect(report.flipped_to_correct.map((item) => item.item_id)).toEqual(['add-2']);
    expect(report.flipped_to_wrong.map((item) => item.item_id)).toEqual(['add-1']);
    expect(report.flipped_to_wrong[0]).toEqual({
      item_id: 'add-1',
      category: 'arithmetic',
      section: 'math',
      prompt: 'What is 2 + 3?',
      expected_answer: '5',
      before: { prediction: BEFORE['add-1'], extracted_answer: '5' },
      after: { prediction: AFTER['add-1'], extracted_answer: '6' },
    });
  });

  it('flags non-overlapping intervals when a run clearly improves', () => {
    const wrong = Array.from({ length: 40 }, () => ({ correct: false, score: 0 }));
    const right = Array.from({ length: 40 }, () => ({ correct: true, score: 1 }));
    const asResults = (rows: Array<{ correct: boolean; score: number }>) =>
      rows.map((row, index) => ({
        item_id: `i${index}`, prediction: '', extracted_answer: '', extraction_rule: 'empty' as const,
        expected_answer: '1', latency_ms: 0, tokens: 0, ...row,
      }));
    const delta = groupDelta(asResults(wrong), asResults(right), 'correctness');
    expect(delta.delta).toBe(1);
    expect(delta.intervals_overlap).toBe(false);
    expect(delta.delta_ci95?.[0]).toBeGreaterThan(0.8);
  });

  it('uses mean-difference intervals and no flips for the score judge', () => {
    const report = reportOrThrow(
      evaluation('base', BEFORE, {}, 'baseline_heuristic'),
      evaluation('trained', AFTER, {}, 'baseline_heuristic'),
    );
    expect(report.judge_kind).toBe('score');
    expect(report.flipped_to_correct).toEqual([]);
    expect(report.unchanged).toEqual({ correct: 0, wrong: 0, skipped: 4 });
    expect(report.overall.delta_ci95).not.toBeNull();
  });

  it('refuses different eval sets, different judges and results that do not cover the items', () => {
    const before = evaluation('base', BEFORE);
    const after = evaluation('trained', AFTER, { eval_set_id: 'eval_v1', judge: 'exact' });
    const missing = { ...evaluation('trained', AFTER), results: evaluation('trained', AFTER).results.slice(1) };
    const differing = compareEvaluations(ITEMS, before, after);
    expect(differing.ok).toBe(false);
    if (!differing.ok) expect(differing.errors.map((error) => error.path)).toEqual(['after.eval_set_id', 'after.judge']);
    const uncovered = compareEvaluations(ITEMS, before, missing);
    expect(uncovered.ok).toBe(false);
    if (!uncovered.ok) expect(uncovered.errors.map((error) => error.path)).toEqual(['after.items[0]']);
  });
});

describe('Markdown safety', () => {
  it('escapes HTML, backticks and Markdown syntax in inline text, on one line', () => {
    expect(escapeMarkdownInline('<img src=x onerror=alert(1)> & `code` [link](javascript:x) | *b*\nnext')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp; &#96;code&#96; \\[link\\](javascript:x) \\| \\*b\\* next',
    );
  });
  it('sizes the fence beyond every backtick run so the text cannot close it', () => {
    expect(fencedBlock('a ``` b\n````\nc')).toBe('`````text\na ``` b\n````\nc\n`````');
    expect(fencedBlock('plain')).toBe('```text\nplain\n```');
    expect(fencedBlock('x\r\ny\0')).toBe('```text\nx\ny\uFFFD\n```');
  });
  it('never lets raw HTML out of a code block', () => {
    const report = reportOrThrow(evaluation('base', BEFORE_WRONG_ON_STRINGS), evaluation('trained', AFTER));
    const markdown = renderDeltaReportMarkdown(report);
    const outsideCode = markdown.replace(/^(`{3,})(?:text|json)\n[\s\S]*?^\1$/gm, '');
    expect(markdown).toContain('<script>alert(1)</script>');
    expect(outsideCode).not.toMatch(/<[a-z]/i);
  });
});

describe('report files', () => {
  it('renders delta_report.md byte for byte', async () => {
    const report = reportOrThrow(evaluation('base', BEFORE_WRONG_ON_STRINGS), evaluation('trained <v2>', AFTER));
    await expect(renderDeltaReportMarkdown(report)).toMatchFileSnapshot('./__snapshots__/delta_report.md');
  });

  it('writes eval_summary.json without generations, flips by id', () => {
    const report = reportOrThrow();
    const json = evalSummaryJson(report);
    expect(json.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(json) as Record<string, unknown>;
    expect(parsed.flipped_to_correct).toEqual(['add-2']);
    expect(parsed.flipped_to_wrong).toEqual(['add-1']);
    expect(parsed.overall).toEqual(report.overall);
    expect(parsed.before).toEqual(JSON.parse(JSON.stringify(report.before)));
    expect(json).not.toContain('Reasoning:');
    expect(evalSummaryJson(reportOrThrow())).toBe(json);
  });
});
