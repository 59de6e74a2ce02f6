// A scorecard: the overall score with its 95% interval, counts and format compliance, and bars
// per section, category and difficulty, each with its interval drawn as a whisker.
import type { Scorecard, ScoreSummary } from '../../evaluate/scorecard';
import { NO_SECTION } from '../../evaluate/scorecard';
import { formatCount } from '../../ui/format';
import { interval, percent, scoreWithInterval } from './format';

function ScoreBars({ title, groups }: { title: string; groups: Record<string, ScoreSummary> }) {
  const entries = Object.entries(groups);
  return (
    <figure class="score-bars">
      <figcaption>{title}</figcaption>
      <ul aria-label={`Scores by ${title.toLowerCase()}`}>
        {entries.map(([label, summary]) => {
          const [low, high] = summary.ci95 ?? [0, 0];
          const text = `${percent(summary.primary_score, 0)} (${interval(summary.ci95)}), n=${summary.n_scored}`;
          return (
            <li key={label} aria-label={`${label}: ${text}`}>
              <span class="score-bars__label" title={label}>
                {label}
              </span>
              <span class="score-bars__track" aria-hidden="true">
                <span class="score-bars__fill" style={{ width: `${(summary.primary_score ?? 0) * 100}%` }} />
                {summary.ci95 && <span class="score-bars__whisker" style={{ left: `${low * 100}%`, width: `${Math.max(0.5, (high - low) * 100)}%` }} />}
              </span>
              <span class="score-bars__value">{text}</span>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

export function ScorecardView({ scorecard }: { scorecard: Scorecard }) {
  const sections = Object.keys(scorecard.by_section);
  const hasSections = !(sections.length === 1 && sections[0] === NO_SECTION);
  return (
    <section class="scorecard" aria-labelledby="scorecard-title">
      <h2 id="scorecard-title">Scorecard</h2>
      <p class="scorecard__headline">
        <strong>{scoreWithInterval(scorecard)}</strong>{' '}
        {scorecard.n_correct !== null ? `${formatCount(scorecard.n_correct)} of ${formatCount(scorecard.n_scored)} correct` : `mean score of ${formatCount(scorecard.n_scored)} items`}
      </p>
      <dl class="facts">
        <dt>Judge</dt>
        <dd>
          {scorecard.judge} ({scorecard.judge_kind})
        </dd>
        <dt>Items</dt>
        <dd>
          {formatCount(scorecard.n_items)} ({formatCount(scorecard.n_skipped)} skipped by the judge)
        </dd>
        <dt>Format compliance</dt>
        <dd>{percent(scorecard.format_compliance)} of generations follow “Reasoning: … Answer: …”</dd>
        {scorecard.judge_kind === 'score' && (
          <>
            <dt>Std. dev. / min / max</dt>
            <dd>
              {scorecard.stddev?.toFixed(3) ?? '—'} / {scorecard.min?.toFixed(3) ?? '—'} / {scorecard.max?.toFixed(3) ?? '—'}
            </dd>
          </>
        )}
      </dl>
      <div class="score-charts">
        {hasSections && <ScoreBars title="Section" groups={scorecard.by_section} />}
        <ScoreBars title="Category" groups={scorecard.by_category} />
        <ScoreBars title="Difficulty" groups={scorecard.by_difficulty} />
      </div>
    </section>
  );
}
