import { describe, expect, it } from 'vitest';
import { checkRegression } from '../../../src/runs/regression';
import { scorecardWithCorrect } from './fixtures';

const ALL = ['a1', 'a2', 'a3', 'a4', 'r1', 'r2', 'r3', 'r4'];

describe('checkRegression', () => {
  it('does not flag an equal evaluation', () => {
    const verdict = checkRegression(scorecardWithCorrect(ALL), scorecardWithCorrect(ALL));
    expect(verdict.regression).toBe(false);
    expect(verdict.summary).toContain('no regression');
  });

  it('flags a worse evaluation and names the section and category that dropped', () => {
    const verdict = checkRegression(scorecardWithCorrect(ALL), scorecardWithCorrect(['a1', 'a2', 'a3', 'a4', 'r1', 'r2']));
    expect(verdict.regression).toBe(true);
    expect(verdict.overall?.relative_drop).toBeCloseTo(0.25);
    expect(verdict.sections.map((d) => d.group)).toEqual(['edge']);
    expect(verdict.categories.map((d) => d.group)).toEqual(['reverse']);
    expect(verdict.summary).toContain('categories that dropped: reverse');
  });

  it('flags a section drop even when the overall score holds within tolerance', () => {
    // Overall 6/8 → 6/8 but the edge section falls from 3/4 to 2/4 while core rises.
    const verdict = checkRegression(scorecardWithCorrect(['a1', 'a2', 'a3', 'r1', 'r2', 'r3']), scorecardWithCorrect(['a1', 'a2', 'a3', 'a4', 'r1', 'r4']));
    expect(verdict.overall).toBeNull();
    expect(verdict.regression).toBe(true);
    expect(verdict.sections[0]?.group).toBe('edge');
  });

  it('respects the tolerance: a drop inside it is not a regression', () => {
    const baseline = scorecardWithCorrect(ALL);
    const worse = scorecardWithCorrect(ALL.slice(0, 7));
    expect(checkRegression(baseline, worse, 0.05).regression).toBe(true);
    expect(checkRegression(baseline, worse, 0.6).regression).toBe(false);
  });

  it('an improvement is never a regression', () => {
    expect(checkRegression(scorecardWithCorrect(['a1']), scorecardWithCorrect(ALL)).regression).toBe(false);
  });

  it('refuses scorecards of different judges', () => {
    const other = { ...scorecardWithCorrect(ALL), judge: 'exact' as const };
    expect(() => checkRegression(scorecardWithCorrect(ALL), other)).toThrow(/judged with normalized/);
  });
});
