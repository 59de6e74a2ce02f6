// Comparing 2–5 runs: their loss curves overlaid (smoothed), the config diff table (differing
// fields first and marked), and final metrics and evaluation scores side by side.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { getRun, readMetrics } from '../../db/runs-repository';
import { configDiff, MAX_COMPARED_RUNS } from '../../runs/compare';
import type { MetricRecord, RunManifest } from '../../runs/types';
import { LineChart } from '../../ui/LineChart';
import { formatLoss, smooth } from './run-stats';

const COLORS = ['#1f5fa8', '#c0362c', '#1a7f37', '#9a6700', '#6f42c1'];

interface Compared {
  run: RunManifest;
  metrics: MetricRecord[];
}

function useCompared(ids: readonly string[]): { runs: Compared[]; missing: string[] } | null {
  const [state, setState] = useState<{ runs: Compared[]; missing: string[] } | null>(null);
  const key = ids.join(',');
  useEffect(() => {
    const db = appDatabase();
    const load = async () => {
      const found = await Promise.all(ids.map(async (id) => ({ id, run: await getRun(db, id), metrics: await readMetrics(db, id) })));
      setState({
        runs: found.filter((f) => f.run !== undefined).map((f) => ({ run: f.run!, metrics: f.metrics })),
        missing: found.filter((f) => f.run === undefined).map((f) => f.id),
      });
    };
    void load();
    return onDatabaseChange((table) => table === 'runs' && void load());
  }, [key]);
  return state;
}

/** Overlaid smoothed loss curves on the union of the runs' steps. */
function overlay(runs: readonly Compared[]): { x: number[]; values: (number | null)[][] } {
  const steps = [...new Set(runs.flatMap((r) => r.metrics.map((m) => m.step)))].sort((a, b) => a - b);
  const values = runs.map(({ metrics }) => {
    const smoothed = smooth(metrics.map((m) => m.loss), 0.6);
    const byStep = new Map(metrics.map((m, k) => [m.step, smoothed[k]!]));
    return steps.map((step) => byStep.get(step) ?? null);
  });
  return { x: steps, values };
}

export function RunCompareScreen({ ids }: { ids: string[] }) {
  const compared = useCompared(ids);
  const chart = useMemo(() => (compared ? overlay(compared.runs) : null), [compared]);
  if (ids.length < 2 || ids.length > MAX_COMPARED_RUNS) {
    return (
      <section class="screen" aria-labelledby="compare-title">
        <h1 id="compare-title">Compare runs</h1>
        <p class="notice notice--error" role="alert">
          Pick 2 to {MAX_COMPARED_RUNS} runs to compare (this link names {ids.length}). <a href={hrefFor({ name: 'runs' })}>Back to the runs</a>.
        </p>
      </section>
    );
  }
  if (!compared || !chart) return <p class="muted">Loading runs…</p>;
  const { runs, missing } = compared;
  const rows = runs.length >= 2 ? configDiff(runs.map((r) => r.run)) : [];
  return (
    <section class="screen run-compare" aria-labelledby="compare-title">
      <h1 id="compare-title">Compare {runs.length} runs</h1>
      {missing.length > 0 && (
        <p class="notice notice--warn" role="alert">
          {missing.length} run(s) no longer exist: {missing.join(', ')}.
        </p>
      )}
      {runs.length >= 2 && (
        <>
          <LineChart
            title="Loss (smoothed)"
            x={chart.x}
            xLabel="step"
            series={runs.map((r, k) => ({ label: r.run.name, values: chart.values[k]!, color: COLORS[k % COLORS.length]! }))}
            summary={runs.map((r) => `${r.run.name}: final loss ${formatLoss(r.run.final_metrics?.loss ?? r.metrics.at(-1)?.loss)}`).join('; ')}
            height={280}
          />
          <table class="data-table compact">
            <caption>Results</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                {runs.map((r) => (
                  <th scope="col" key={r.run.run_id}>
                    <a href={hrefFor({ name: 'run', id: r.run.run_id })}>{r.run.name}</a>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Status</th>
                {runs.map((r) => <td key={r.run.run_id}>{r.run.status}</td>)}
              </tr>
              <tr>
                <th scope="row">Steps</th>
                {runs.map((r) => <td key={r.run.run_id}>{r.run.step}</td>)}
              </tr>
              <tr>
                <th scope="row">Final loss</th>
                {runs.map((r) => <td key={r.run.run_id}>{formatLoss(r.run.final_metrics?.loss ?? r.metrics.at(-1)?.loss)}</td>)}
              </tr>
              <tr>
                <th scope="row">Held-out loss</th>
                {runs.map((r) => <td key={r.run.run_id}>{`${formatLoss(r.run.final_metrics?.initial_heldout_loss)} → ${formatLoss(r.run.final_metrics?.heldout_loss)}`}</td>)}
              </tr>
            </tbody>
          </table>
          <table class="data-table compact config-diff">
            <caption>Configuration (differences first)</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                {runs.map((r) => <th scope="col" key={r.run.run_id}>{r.run.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.field} class={row.differs ? 'differs' : undefined}>
                  <th scope="row">
                    {row.field}
                    {row.differs && <span class="visually-hidden"> (differs)</span>}
                  </th>
                  {row.values.map((value, k) => <td key={k}>{value}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
