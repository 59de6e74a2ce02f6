// Regression checks against a baseline evaluation: an evaluation on the same eval set is flagged
// `regression` when its primary score drops more than a relative tolerance (default 5%) below the
// baseline's, or any section does; the categories that dropped are named. Pure: scorecards in,
// a verdict out; never reads storage.
import type { Scorecard, ScoreSummary } from '../evaluate/scorecard';

export const DEFAULT_REGRESSION_TOLERANCE = 0.05;

export interface GroupDrop {
  group: string;
  baseline: number;
  current: number;
  /** (baseline − current) / baseline. */
  relative_drop: number;
}

export interface RegressionVerdict {
  regression: boolean;
  tolerance: number;
  overall: GroupDrop | null;
  sections: GroupDrop[];
  categories: GroupDrop[];
  /** One line for the UI, naming what dropped. */
  summary: string;
}

function drop(group: string, baseline: ScoreSummary | undefined, current: ScoreSummary | undefined, tolerance: number): GroupDrop | null {
  const before = baseline?.primary_score;
  const after = current?.primary_score;
  if (before === null || before === undefined || after === null || after === undefined) return null;
  // A zero baseline cannot drop; otherwise compare relatively (with a guard for float noise).
  if (before <= 0) return null;
  const relative = (before - after) / before;
  return relative > tolerance + 1e-12 ? { group, baseline: before, current: after, relative_drop: relative } : null;
}

function groupDrops(baseline: Record<string, ScoreSummary>, current: Record<string, ScoreSummary>, tolerance: number): GroupDrop[] {
  return Object.keys(baseline)
    .sort()
    .map((key) => drop(key, baseline[key], current[key], tolerance))
    .filter((d): d is GroupDrop => d !== null);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Compares an evaluation's scorecard with the baseline's (same eval set and judge). */
export function checkRegression(baseline: Scorecard, current: Scorecard, tolerance = DEFAULT_REGRESSION_TOLERANCE): RegressionVerdict {
  if (baseline.judge !== current.judge) throw new Error(`the baseline was judged with ${baseline.judge}, this evaluation with ${current.judge}`);
  if (!(tolerance >= 0 && tolerance < 1)) throw new RangeError('tolerance must be in [0, 1)');
  const overall = drop('overall', baseline, current, tolerance);
  const sections = groupDrops(baseline.by_section, current.by_section, tolerance);
  const categories = groupDrops(baseline.by_category, current.by_category, tolerance);
  const regression = overall !== null || sections.length > 0;
  let summary = `no regression (tolerance ${percent(tolerance)})`;
  if (regression) {
    const parts = [
      ...(overall ? [`overall ${percent(overall.baseline)} → ${percent(overall.current)}`] : []),
      ...sections.map((d) => `section ${d.group} ${percent(d.baseline)} → ${percent(d.current)}`),
    ];
    const named = categories.length > 0 ? `; categories that dropped: ${categories.map((d) => d.group).join(', ')}` : '';
    summary = `regression: ${parts.join(', ')}${named}`;
  }
  return { regression, tolerance, overall, sections, categories, summary };
}
