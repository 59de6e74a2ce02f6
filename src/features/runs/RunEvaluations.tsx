// The evaluations of one run (its untrained start and its checkpoints), newest first, each with
// its eval set, judge and score, linking to the evaluation; kept current from change notices.
import { useEffect, useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import { onDatabaseChange } from '../../db/changes';
import { appDatabase } from '../../db/database';
import { listEvaluations } from '../../db/evaluations-repository';
import type { EvaluationRecord } from '../../evaluate/records';
import { formatDate } from '../../ui/format';

function useRunEvaluations(runId: string): EvaluationRecord[] | null {
  const [evaluations, setEvaluations] = useState<EvaluationRecord[] | null>(null);
  useEffect(() => {
    const load = () => void listEvaluations(appDatabase()).then((all) => setEvaluations(all.filter((e) => 'run_id' in e.model && e.model.run_id === runId)));
    load();
    return onDatabaseChange((table) => table === 'evaluations' && load());
  }, [runId]);
  return evaluations;
}

export function RunEvaluations({ runId }: { runId: string }) {
  const evaluations = useRunEvaluations(runId);
  if (evaluations === null) return null;
  return (
    <section aria-labelledby="run-evaluations-title">
      <h2 id="run-evaluations-title">Evaluations</h2>
      {evaluations.length === 0 ? (
        <p class="empty-inline">
          Not evaluated yet. <a href={hrefFor({ name: 'evaluate' })}>Evaluate this run</a>.
        </p>
      ) : (
        <table class="data-table compact">
          <caption class="visually-hidden">Evaluations of this run</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Eval set</th>
              <th scope="col">Judge</th>
              <th scope="col">Status</th>
              <th scope="col">Score</th>
              <th scope="col">Evaluated</th>
            </tr>
          </thead>
          <tbody>
            {evaluations.map((e) => (
              <tr key={e.id}>
                <td>
                  <a href={hrefFor({ name: 'evaluation', id: e.id })}>{e.model_label ?? (e.model.kind === 'untrained' ? 'untrained start' : 'checkpoint')}</a>
                </td>
                <td>{e.evalset_name ?? e.evalset_id}</td>
                <td>{e.judge}</td>
                <td>{e.status}</td>
                <td>{e.scorecard?.primary_score === null || e.scorecard === null ? '—' : `${(e.scorecard.primary_score * 100).toFixed(1)}%`}</td>
                <td>{formatDate(e.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
