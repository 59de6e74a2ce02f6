// Base, base + fine-tune and from scratch side by side, per base model, for the leaderboard's eval
// set, judge and filters: the best evaluation of each start with its score and 95% interval, so a
// fine-tune's gain over its base and over training from scratch reads in one row.
import { hrefFor } from '../../app/router';
import type { LeaderboardRow } from '../../runs/leaderboard';
import { compareStarts } from '../../runs/starting-point';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function Cell({ row, missing }: { row: LeaderboardRow | null; missing: string }) {
  if (!row) return <td class="muted">{missing}</td>;
  return (
    <td>
      <strong>{pct(row.primary_score)}</strong> {row.ci95 && <span class="muted">[{pct(row.ci95[0])} – {pct(row.ci95[1])}]</span>}
      <br />
      <a href={hrefFor({ name: 'evaluation', id: row.evaluation_id })}>{row.label}</a>
    </td>
  );
}

export function StartComparison({ rows, caption }: { rows: readonly LeaderboardRow[]; caption: string }) {
  const comparisons = compareStarts(rows);
  if (comparisons.length === 0) return null;
  return (
    <section class="start-comparison" aria-labelledby="start-comparison-title">
      <h2 id="start-comparison-title">Base, base + fine-tune and from scratch</h2>
      <p class="muted">The best evaluation of each starting point under the filters above; scores of one eval set and judge, with 95% intervals (Wilson).</p>
      <table class="data-table compact">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Base model</th>
            <th scope="col">Base alone</th>
            <th scope="col">Base + fine-tune</th>
            <th scope="col">From scratch</th>
          </tr>
        </thead>
        <tbody>
          {comparisons.map((c) => (
            <tr key={c.base_id}>
              <th scope="row">{c.base_id}</th>
              <Cell row={c.base} missing="not evaluated: evaluate the base on the Evaluate screen" />
              <Cell row={c.fine_tuned} missing="no fine-tune from this base evaluated" />
              <Cell row={c.scratch} missing="no run from scratch evaluated" />
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
