// The leaderboard of one eval set: completed evaluations ranked by primary score with their 95%
// intervals, starting point, judge, dataset and config; filters by judge, dataset and date; base,
// base + fine-tune and from scratch side by side; mark an evaluation as the set's regression
// baseline, and every later one is flagged when it drops.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { hrefFor, navigate } from '../../app/router';
import { onDatabaseChange } from '../../db/changes';
import { appDatabase } from '../../db/database';
import { listEvaluations } from '../../db/evaluations-repository';
import { regressionVerdict, setRegressionBaseline } from '../../db/regression-repository';
import { listRuns } from '../../db/runs-repository';
import type { EvaluationRecord } from '../../evaluate/records';
import { JUDGE_NAMES, type JudgeName } from '../../evaluate/judges';
import { leaderboard } from '../../runs/leaderboard';
import { startingPointLabel } from '../../runs/starting-point';
import type { RunManifest } from '../../runs/types';
import { formatDate } from '../../ui/format';
import { StartComparison } from './StartComparison';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function useLeaderboardData(): { evaluations: EvaluationRecord[]; runs: Map<string, RunManifest> } | null {
  const [data, setData] = useState<{ evaluations: EvaluationRecord[]; runs: Map<string, RunManifest> } | null>(null);
  useEffect(() => {
    const load = async () => {
      const db = appDatabase();
      const [evaluations, runs] = await Promise.all([listEvaluations(db), listRuns(db)]);
      setData({ evaluations, runs: new Map(runs.map((r) => [r.run_id, r])) });
    };
    void load();
    return onDatabaseChange((table) => (table === 'evaluations' || table === 'runs') && void load());
  }, []);
  return data;
}

export function LeaderboardScreen({ evalset }: { evalset?: string }) {
  const data = useLeaderboardData();
  const [judge, setJudge] = useState<JudgeName>('normalized');
  const [dataset, setDataset] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const evalsets = useMemo(() => [...new Set(data?.evaluations.filter((e) => e.status === 'completed').map((e) => e.evalset_id) ?? [])].sort(), [data]);
  const chosen = evalset ?? evalsets[0];
  const rows = useMemo(() => {
    if (!data || !chosen) return [];
    return leaderboard(data.evaluations, data.runs, { evalset_id: chosen, judge, ...(dataset ? { dataset_key: dataset } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
  }, [data, chosen, judge, dataset, from, to]);
  const byId = useMemo(() => new Map(data?.evaluations.map((e) => [e.id, e]) ?? []), [data]);
  const baseline = data?.evaluations.find((e) => e.evalset_id === chosen && e.judge === judge && e.baseline === true);
  const datasets = [...new Set([...(data?.runs.values() ?? [])].map((r) => r.dataset_key))].sort();

  const markBaseline = (id: string) => setRegressionBaseline(appDatabase(), id).then(() => setError(null), (e: unknown) => setError((e as Error).message));

  return (
    <section class="screen leaderboard" aria-labelledby="leaderboard-title">
      <h1 id="leaderboard-title">Leaderboard</h1>
      {data && evalsets.length === 0 && (
        <p class="empty-inline">
          No completed evaluations yet. <a href={hrefFor({ name: 'evaluate' })}>Evaluate a model</a>.
        </p>
      )}
      {chosen && (
        <div class="filters form-grid">
          <div class="field">
            <label for="lb-evalset">Eval set</label>
            <select id="lb-evalset" value={chosen} onChange={(e) => navigate({ name: 'leaderboard', evalset: e.currentTarget.value })}>
              {evalsets.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="lb-judge">Judge</label>
            <select id="lb-judge" value={judge} onChange={(e) => setJudge(e.currentTarget.value as JudgeName)}>
              {JUDGE_NAMES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="lb-dataset">Dataset</label>
            <select id="lb-dataset" value={dataset} onChange={(e) => setDataset(e.currentTarget.value)}>
              <option value="">All datasets</option>
              {datasets.map((key) => (
                <option key={key} value={key}>
                  {key}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="lb-from">From</label>
            <input id="lb-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="lb-to">To</label>
            <input id="lb-to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </div>
        </div>
      )}
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {chosen && rows.length === 0 && data && <p class="empty-inline">No evaluation matches these filters.</p>}
      {rows.length > 0 && <StartComparison rows={rows} caption={`${chosen} · ${judge}${dataset ? ` · ${dataset}` : ''}`} />}
      {rows.length > 0 && (
        <table class="data-table compact">
          <caption>{`${chosen} · ${judge}${baseline ? ' · baseline marked' : ''}`}</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Model</th>
              <th scope="col">Start</th>
              <th scope="col">Score</th>
              <th scope="col">95% interval</th>
              <th scope="col">Items</th>
              <th scope="col">Dataset</th>
              <th scope="col">Config</th>
              <th scope="col">Evaluated</th>
              <th scope="col">Regression</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const verdict = regressionVerdict(byId.get(row.evaluation_id)!, baseline);
              return (
                <tr key={row.evaluation_id}>
                  <td>{row.rank}</td>
                  <td>
                    <a href={hrefFor({ name: 'evaluation', id: row.evaluation_id })}>{row.label}</a>
                  </td>
                  <td>{startingPointLabel(row.start)}</td>
                  <td>{pct(row.primary_score)}</td>
                  <td>{row.ci95 ? `${pct(row.ci95[0])} – ${pct(row.ci95[1])}` : '—'}</td>
                  <td>{row.n_scored}</td>
                  <td>{row.dataset_key ?? '—'}</td>
                  <td>{row.config_summary || '—'}</td>
                  <td>{formatDate(row.created_at)}</td>
                  <td>
                    {row.baseline ? (
                      <span class="badge">baseline</span>
                    ) : verdict?.regression ? (
                      <span class="badge badge--error" title={verdict.summary}>
                        regression
                      </span>
                    ) : verdict ? (
                      'ok'
                    ) : (
                      <button type="button" onClick={() => void markBaseline(row.evaluation_id)} aria-label={`Mark ${row.label} as the baseline`}>
                        Set baseline
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
