// A table of score deltas (overall, per category or per section): before and after with their
// 95% intervals, the difference with its interval, and whether the two intervals overlap.
import type { GroupDelta } from '../../evaluate/delta';
import { interval, percent, points } from './format';

const signClass = (delta: number | null) => (delta === null || delta === 0 ? '' : delta > 0 ? 'delta-positive' : 'delta-negative');

const signedInterval = (ci: [number, number] | null) => (ci ? `${points(ci[0]).replace(' pts', '')} to ${points(ci[1])}` : '—');

export function DeltaTable({ caption, scope, rows }: { caption: string; scope: string; rows: [string, GroupDelta][] }) {
  return (
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{scope}</th>
          <th scope="col">n (before / after)</th>
          <th scope="col">Before (95% CI)</th>
          <th scope="col">After (95% CI)</th>
          <th scope="col">Delta</th>
          <th scope="col">Delta 95% CI</th>
          <th scope="col">Intervals overlap</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, delta]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              {delta.n_before} / {delta.n_after}
            </td>
            <td>
              {percent(delta.before)} ({interval(delta.before_ci95)})
            </td>
            <td>
              {percent(delta.after)} ({interval(delta.after_ci95)})
            </td>
            <td class={signClass(delta.delta)}>{points(delta.delta)}</td>
            <td>{signedInterval(delta.delta_ci95)}</td>
            <td>{delta.intervals_overlap === null ? '—' : delta.intervals_overlap ? 'yes' : 'no'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
