// Past evaluations, newest first: model, eval set, judge, score with its 95% interval, format
// compliance, status; pick two on the same eval set and judge to open their delta report.
import { useState } from 'preact/hooks';
import { hrefFor, navigate } from '../../app/router';
import type { EvaluationRecord } from '../../evaluate/records';
import { formatCount, formatDate } from '../../ui/format';
import { beforeAndAfter, comparisonProblem } from './compare-choice';
import { STATUS_TEXT, modelLabel, percent, scoreWithInterval } from './format';

export function EvaluationList({ evaluations }: { evaluations: EvaluationRecord[] }) {
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? [...current.filter((x) => x !== id), id].slice(-2) : current.filter((x) => x !== id)));
  const picked = evaluations.filter((e) => selected.includes(e.id));
  const [before, after] = picked.length === 2 ? beforeAndAfter(picked[0]!, picked[1]!) : [];
  const problem = before && after ? comparisonProblem(before, after) : null;
  if (evaluations.length === 0) return <p class="empty-inline">No evaluations yet. Choose a model and an eval set above, then Evaluate.</p>;
  return (
    <section aria-labelledby="evaluations-title">
      <h2 id="evaluations-title">Evaluations</h2>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Model</th>
            <th scope="col">Eval set</th>
            <th scope="col">Judge</th>
            <th scope="col">Score (95% CI)</th>
            <th scope="col">Format</th>
            <th scope="col">Items</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
          </tr>
        </thead>
        <tbody>
          {evaluations.map((e) => (
            <tr key={e.id}>
              <td>
                <input type="checkbox" aria-label={`Compare ${modelLabel(e)} (${formatDate(e.created_at)})`} checked={selected.includes(e.id)} onChange={(event) => toggle(e.id, event.currentTarget.checked)} />
              </td>
              <td>
                <a href={hrefFor({ name: 'evaluation', id: e.id })}>{modelLabel(e)}</a>
              </td>
              <td>{e.evalset_name ?? e.evalset_id}</td>
              <td>{e.judge}</td>
              <td>{e.scorecard ? scoreWithInterval(e.scorecard) : '—'}</td>
              <td>{percent(e.format_compliance)}</td>
              <td>
                {formatCount(e.items_done ?? 0)} / {formatCount(e.items_total ?? 0)}
              </td>
              <td>{STATUS_TEXT[e.status]}</td>
              <td>{formatDate(e.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="actions">
        <button type="button" disabled={!before || !after || problem !== null} onClick={() => before && after && navigate({ name: 'evaluation_compare', before: before.id, after: after.id })}>
          Compare selected
        </button>
        <span class="muted" aria-live="polite">
          {problem ?? (picked.length < 2 ? 'Select two completed evaluations of the same eval set and judge.' : `${modelLabel(before!)} → ${modelLabel(after!)}`)}
        </span>
      </div>
    </section>
  );
}
