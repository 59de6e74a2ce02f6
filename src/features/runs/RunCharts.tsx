// The live charts of a run: loss (raw and smoothed, with the held-out loss as points), learning
// rate and tokens/s per step, with the smoothing control. Reads only the metrics it is given.
import { useMemo, useState } from 'preact/hooks';
import { LineChart } from '../../ui/LineChart';
import type { MetricRecord } from '../../runs/types';
import { formatLoss, smooth } from './run-stats';

export function RunCharts({ metrics, initialHeldout }: { metrics: MetricRecord[]; initialHeldout: number | null }) {
  const [smoothing, setSmoothing] = useState(0.6);
  const series = useMemo(() => {
    const steps = metrics.map((m) => m.step);
    const loss = metrics.map((m) => m.loss);
    const heldout = metrics.map((m) => m.heldout_loss ?? null);
    if (initialHeldout !== null && steps[0] !== 0) {
      steps.unshift(0);
      loss.unshift(NaN);
      heldout.unshift(initialHeldout);
    }
    const smoothed = smooth(loss.filter((v) => !Number.isNaN(v)), smoothing);
    const pad = loss.length - smoothed.length;
    return {
      steps,
      loss: loss.map((v) => (Number.isNaN(v) ? null : v)),
      smoothed: [...Array<null>(pad).fill(null), ...smoothed],
      heldout,
      lr: [...Array<null>(pad).fill(null), ...metrics.map((m) => m.lr)],
      rate: [...Array<null>(pad).fill(null), ...metrics.map((m) => Math.round(m.tokens_per_s))],
    };
  }, [metrics, smoothing, initialHeldout]);

  if (metrics.length === 0) return <p class="empty-inline">No steps yet: the loss chart appears after the first step.</p>;
  const last = metrics[metrics.length - 1]!;
  const lastHeldout = [...metrics].reverse().find((m) => m.heldout_loss !== undefined)?.heldout_loss;
  return (
    <div class="run-charts">
      <label class="field smoothing">
        <span>Smoothing {smoothing.toFixed(2)}</span>
        <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onInput={(e) => setSmoothing(Number(e.currentTarget.value))} />
      </label>
      <LineChart
        title="Loss"
        x={series.steps}
        xLabel="step"
        series={[
          { label: 'loss', values: series.loss, color: '#1f5fa8', faint: smoothing > 0 },
          ...(smoothing > 0 ? [{ label: 'smoothed', values: series.smoothed, color: '#1f5fa8' }] : []),
          { label: 'held-out', values: series.heldout, color: '#c0362c', points: true },
        ]}
        summary={`Loss at step ${last.step}: ${formatLoss(last.loss)}; held-out ${formatLoss(initialHeldout)} at the start, ${formatLoss(lastHeldout)} latest.`}
        height={260}
      />
      <div class="run-charts__pair">
        <LineChart title="Learning rate" x={series.steps} xLabel="step" series={[{ label: 'lr', values: series.lr, color: '#9a6700' }]} summary={`Learning rate at step ${last.step}: ${last.lr.toExponential(2)}.`} height={160} yFormat={(v) => v.toExponential(1)} />
        <LineChart title="Tokens/s" x={series.steps} xLabel="step" series={[{ label: 'tokens/s', values: series.rate, color: '#1a7f37' }]} summary={`${Math.round(last.tokens_per_s)} tokens per second at step ${last.step}.`} height={160} />
      </div>
    </div>
  );
}
