// A dataset's statistics as charts: step-count and length histograms (the fixed bins of
// stats.ts, so two builds compare bar by bar) and bars per category, source and result.
import type { DatasetStats } from '../../datasets/types';
import { formatCount } from '../../ui/format';

function BarChart({ title, bars }: { title: string; bars: { label: string; count: number }[] }) {
  const highest = Math.max(1, ...bars.map((bar) => bar.count));
  return (
    <figure class="bar-chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p class="muted">none</p>
      ) : (
        <ul aria-label={`${title} chart`}>
          {bars.map((bar) => (
            <li key={bar.label} aria-label={`${title} ${bar.label}: ${formatCount(bar.count)}`}>
              <span class="bar-chart__label">{bar.label}</span>
              <span class="bar-chart__track" aria-hidden="true">
                <span class="bar-chart__fill" style={{ width: `${(bar.count / highest) * 100}%` }} />
              </span>
              <span class="bar-chart__count">{formatCount(bar.count)}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}

const countBars = (counts: Record<string, number>) => Object.keys(counts).map((label) => ({ label, count: counts[label]! }));

/** Trims empty bins from both ends so the chart shows the populated range. */
function populated(bins: { label: string; count: number }[]): { label: string; count: number }[] {
  const first = bins.findIndex((bin) => bin.count > 0);
  if (first < 0) return [];
  let last = bins.length - 1;
  while (bins[last]!.count === 0) last--;
  return bins.slice(first, last + 1);
}

const round = (value: number | null, digits = 1) => (value === null ? '—' : value.toFixed(digits));

export function StatsCharts({ stats }: { stats: DatasetStats }) {
  return (
    <section class="stats" aria-labelledby="stats-title">
      <h2 id="stats-title">Statistics</h2>
      <dl class="facts">
        <dt>Traces</dt>
        <dd>{formatCount(stats.trace_count)}</dd>
        <dt>Steps (min / avg / max)</dt>
        <dd>
          {stats.min_step_count ?? '—'} / {round(stats.avg_step_count)} / {stats.max_step_count ?? '—'}
        </dd>
        <dt>Average length</dt>
        <dd>{round(stats.avg_total_chars, 0)} chars</dd>
      </dl>
      <div class="stats__charts">
        <BarChart title="Step count" bars={populated(stats.step_count_histogram)} />
        <BarChart title="Total chars" bars={populated(stats.total_chars_histogram)} />
        <BarChart title="Category" bars={countBars(stats.by_category)} />
        <BarChart title="Source" bars={countBars(stats.by_source)} />
        <BarChart title="Result" bars={countBars(stats.by_result)} />
      </div>
    </section>
  );
}
