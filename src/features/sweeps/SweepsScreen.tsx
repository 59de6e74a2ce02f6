// The Sweeps screen: every sweep (status, trials done, objective, best) and the form that starts
// a new one. Starting stores the sweep's plan first, then drives it in this tab.
import { useState } from 'preact/hooks';
import { hrefFor, navigate } from '../../app/router';
import { appDatabase } from '../../db/database';
import { saveSweep } from '../../db/sweeps-repository';
import { planSweep } from '../../runs/sweep-plan';
import type { SweepSpec } from '../../runs/sweep';
import type { SweepSetup } from '../../runs/sweep-plan';
import { uuidv7 } from '../../shared/ids';
import { formatDate } from '../../ui/format';
import { useDatasetList } from '../datasets/use-datasets';
import { bundledEvalSets } from '../evalsets/bundled-evalsets';
import { useImportedEvalSets } from '../evalsets/use-evalsets';
import { driveSweepInTab } from './sweep-controller';
import { SweepForm } from './SweepForm';
import { trialsDone, useSweeps } from './use-sweeps';

export function SweepsScreen() {
  const sweeps = useSweeps();
  const datasets = useDatasetList();
  const imported = useImportedEvalSets() ?? [];
  const evalsets = [...bundledEvalSets().map((s) => ({ id: s.name, name: s.name })), ...imported.map((s) => ({ id: s.id, name: s.name }))];
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const start = async (spec: SweepSpec, setup: SweepSetup) => {
    setStarting(true);
    setError(null);
    try {
      const state = planSweep(uuidv7(), spec, setup, new Date().toISOString());
      await saveSweep(appDatabase(), state);
      const driving = await driveSweepInTab(state.id);
      if (driving === 'busy') setError('Another tab is running a sweep; this one starts there after it, or here after a reload.');
      navigate({ name: 'sweep', id: state.id });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setStarting(false);
    }
  };

  return (
    <section class="screen sweeps-screen" aria-labelledby="sweeps-title">
      <h1 id="sweeps-title">Sweeps</h1>
      <p class="lede">Hyperparameter searches: seeded trials, each a normal run, one after another; the best can be promoted to the model registry.</p>
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {sweeps && sweeps.length > 0 && (
        <table class="data-table compact">
          <caption>Sweeps</caption>
          <thead>
            <tr>
              <th scope="col">Sweep</th>
              <th scope="col">Status</th>
              <th scope="col">Trials</th>
              <th scope="col">Objective</th>
              <th scope="col">Dataset</th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {sweeps.map((sweep) => (
              <tr key={sweep.id}>
                <td>
                  <a href={hrefFor({ name: 'sweep', id: sweep.id })}>{sweep.spec.name}</a>
                </td>
                <td>{sweep.status}</td>
                <td>{`${trialsDone(sweep)} / ${sweep.trials.length}`}</td>
                <td>{sweep.spec.objective === 'eval_score' ? `eval score (${sweep.spec.evalset_id})` : 'held-out loss'}</td>
                <td>{sweep.spec.dataset_key}</td>
                <td>{formatDate(sweep.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sweeps?.length === 0 && <p class="empty-inline">No sweeps yet.</p>}
      {datasets && datasets.length === 0 && (
        <p class="empty-inline">
          A sweep trains on a dataset: <a href={hrefFor({ name: 'datasets' })}>build one first</a>.
        </p>
      )}
      {datasets && datasets.length > 0 && <SweepForm datasets={datasets} evalsets={evalsets} disabled={starting} onStart={(spec, setup) => void start(spec, setup)} />}
    </section>
  );
}
