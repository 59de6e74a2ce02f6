// One sweep: its trials (parameters, run, status, objective) with the best highlighted, a chart
// of the first varied parameter against the objective, cancel, and "promote" of the best trial's
// model into the registry.
import { useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import { appDatabase } from '../../db/database';
import { saveSweep } from '../../db/sweeps-repository';
import { bestTrial } from '../../runs/sweep';
import type { SweepParameter } from '../../runs/sweep';
import type { SweepState, TrialState } from '../../runs/sweep-plan';
import { LineChart } from '../../ui/LineChart';
import { registerRunModel } from '../models/model-actions';
import { cancelRun } from '../train/train-client';
import { trialsDone, useSweep } from './use-sweeps';

const formatValue = (v: number | undefined) => (v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toPrecision(3));

function ObjectiveChart({ sweep, parameter }: { sweep: SweepState; parameter: SweepParameter }) {
  const points = sweep.trials
    .filter((t) => t.objective !== null && t.parameters[parameter] !== undefined)
    .map((t) => [t.parameters[parameter] as number, t.objective as number] as const)
    .sort((a, b) => a[0] - b[0]);
  if (points.length === 0) return null;
  const label = sweep.spec.objective === 'eval_score' ? 'eval score' : 'held-out loss';
  return (
    <LineChart
      title={`${label} by ${parameter}`}
      x={points.map((p) => p[0])}
      xLabel={parameter}
      series={[{ label, values: points.map((p) => p[1]), color: '#1f5fa8', points: true }]}
      summary={points.map((p) => `${parameter} ${formatValue(p[0])}: ${label} ${p[1].toFixed(4)}`).join('; ')}
      height={220}
    />
  );
}

function TrialRow({ trial, parameters, best }: { trial: TrialState; parameters: SweepParameter[]; best: boolean }) {
  return (
    <tr class={best ? 'best' : undefined}>
      <th scope="row">
        {trial.index + 1}
        {best && <span class="badge">best</span>}
      </th>
      {parameters.map((p) => (
        <td key={p}>{formatValue(trial.parameters[p])}</td>
      ))}
      <td>{trial.run_id ? <a href={hrefFor({ name: 'run', id: trial.run_id })}>run</a> : '—'}</td>
      <td>{trial.status.replace('_', ' ')}</td>
      <td>{trial.objective === null ? '—' : trial.objective.toFixed(4)}</td>
      <td>{trial.error ?? ''}</td>
    </tr>
  );
}

export function SweepDetailScreen({ id }: { id: string }) {
  const sweep = useSweep(id);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (sweep === undefined) return <p class="muted">Loading sweep…</p>;
  if (sweep === null) {
    return (
      <section class="empty-state">
        <h1>Sweep not found</h1>
        <p>
          It may have been deleted. <a href={hrefFor({ name: 'sweeps' })}>All sweeps</a>.
        </p>
      </section>
    );
  }
  const parameters = Object.keys(sweep.spec.search_space).sort() as SweepParameter[];
  const bestIndex = sweep.best_index ?? bestTrial(sweep.spec.objective, sweep.trials);
  const best = bestIndex === null ? null : sweep.trials[bestIndex];

  const cancel = async () => {
    const running = sweep.trials.find((t) => t.status === 'running' && t.run_id);
    await saveSweep(appDatabase(), { ...sweep, status: 'cancelled' });
    if (running?.run_id) await cancelRun(running.run_id).catch(() => undefined);
  };

  const promote = async () => {
    if (!best?.run_id) return;
    const result = await registerRunModel(best.run_id, `${sweep.spec.name} best`, `Best trial (${best.index + 1}) of sweep ${sweep.spec.name}: ${JSON.stringify(best.parameters)}`);
    if (!result.ok) return setNotice({ kind: 'error', text: result.errors.map((e) => e.message).join('; ') });
    await saveSweep(appDatabase(), { ...sweep, promoted_model_id: result.value.model.id });
    setNotice({ kind: 'ok', text: `Promoted trial ${best.index + 1} as ${result.value.model.name} v${result.value.model.version}.` });
  };

  return (
    <section class="screen sweep-detail" aria-labelledby="sweep-title">
      <h1 id="sweep-title">Sweep {sweep.spec.name}</h1>
      <p class="lede">
        {`${sweep.status} · ${trialsDone(sweep)} of ${sweep.trials.length} trials done · objective: ${sweep.spec.objective === 'eval_score' ? `eval score on ${sweep.spec.evalset_id} (higher is better)` : 'held-out loss (lower is better)'} · dataset ${sweep.spec.dataset_key} · seed ${sweep.spec.seed}`}
      </p>
      <progress max={sweep.trials.length} value={trialsDone(sweep)} aria-label="Trials done" />
      <div class="actions">
        {sweep.status === 'running' && (
          <button type="button" onClick={() => void cancel()}>
            Cancel sweep
          </button>
        )}
        {sweep.status === 'completed' && best?.run_id && !sweep.promoted_model_id && (
          <button type="button" class="primary" onClick={() => void promote()}>
            Promote best trial
          </button>
        )}
        {sweep.promoted_model_id && <a href={hrefFor({ name: 'models' })}>Promoted model in the registry</a>}
      </div>
      {notice && (
        <p class={`notice ${notice.kind === 'error' ? 'notice--error' : 'notice--ok'}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {parameters[0] && <ObjectiveChart sweep={sweep} parameter={parameters[0]} />}
      <table class="data-table compact">
        <caption>Trials</caption>
        <thead>
          <tr>
            <th scope="col">Trial</th>
            {parameters.map((p) => (
              <th scope="col" key={p}>
                {p}
              </th>
            ))}
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col">Objective</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {sweep.trials.map((trial) => (
            <TrialRow key={trial.index} trial={trial} parameters={parameters} best={trial.index === bestIndex && trial.objective !== null} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
