// One run as it trains (or as it ended): status, step, ETA, the backend that really runs, speed,
// held-out loss before and now, the charts, the latest samples, cancel and downloads. Live in
// every tab: it reads the store and follows change notices, whichever tab trains.
import { FINAL_RUN_STATUSES, type LogRecord, type RunManifest } from '../../runs/types';
import { ProgressBar } from '../../ui/ProgressBar';
import { cancelRun, trainingInTab } from '../train/train-client';
import { RunCharts } from './RunCharts';
import { RunDownloads } from './RunDownloads';
import { etaMs, formatDuration, formatLoss } from './run-stats';
import { useLiveRun } from './use-live-run';
import { useState } from 'preact/hooks';

export function StatusBadge({ status }: { status: RunManifest['status'] }) {
  const tone = status === 'completed' ? 'ok' : status === 'failed' || status === 'timeout' ? 'error' : status === 'running' ? 'live' : 'warn';
  return <span class={`badge status status--${tone}`}>{status.replace('_', ' ')}</span>;
}

function Samples({ logs }: { logs: LogRecord[] }) {
  const samples = logs.filter((l) => l.level === 'sample').slice(-3).reverse();
  if (samples.length === 0) return null;
  return (
    <section class="run-samples" aria-label="Samples">
      <h3>Samples from the fixed prompt</h3>
      <ol>
        {samples.map((sample) => (
          <li key={sample.seq}>
            <span class="muted">step {sample.step}</span>
            <pre class="text-block code">{sample.message || '(empty)'}</pre>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function RunLivePanel({ runId, showPrompt = true }: { runId: string; showPrompt?: boolean }) {
  const { run, metrics, logs } = useLiveRun(runId);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const inTab = trainingInTab.value;
  if (run === undefined) return <p class="muted">Loading run…</p>;
  if (run === null) {
    return inTab?.runId === runId ? <p class="muted" role="status">Preparing the run: reading the dataset…</p> : <p class="notice notice--warn">This run no longer exists.</p>;
  }
  const finished = FINAL_RUN_STATUSES.includes(run.status);
  const last = metrics.at(-1);
  const eta = finished ? null : etaMs(run, metrics);
  const latestHeldout = [...metrics].reverse().find((m) => m.heldout_loss !== undefined)?.heldout_loss ?? null;
  const drop = run.initial_heldout_loss && latestHeldout !== null ? 1 - latestHeldout / run.initial_heldout_loss : null;
  const cancel = () => {
    setCancelError(null);
    cancelRun(run.run_id).catch((e: unknown) => setCancelError(e instanceof Error ? e.message : String(e)));
  };
  return (
    <div class="run-live">
      <div class="run-live__head">
        <StatusBadge status={run.status} />
        <dl class="run-facts" aria-label="Run progress">
          <div><dt>Step</dt><dd>{run.step > (last?.step ?? 0) ? run.step : (last?.step ?? 0)} / {run.train_config.max_steps}</dd></div>
          <div><dt>Loss</dt><dd>{formatLoss(last?.loss)}</dd></div>
          <div><dt>Held-out loss</dt><dd>{formatLoss(run.initial_heldout_loss)} → {formatLoss(latestHeldout)}{drop !== null ? ` (${(drop * 100).toFixed(1)}% lower)` : ''}</dd></div>
          <div><dt>Backend</dt><dd>{run.backend_actual ?? '—'} <span class="muted">(asked: {run.backend_requested})</span></dd></div>
          <div><dt>Tokens/s</dt><dd>{last ? Math.round(last.tokens_per_s).toLocaleString('en-US') : '—'}</dd></div>
          <div><dt>ETA</dt><dd>{finished ? 'done' : eta === null ? '—' : formatDuration(eta)}</dd></div>
        </dl>
        {!finished && (
          <button type="button" class="danger" onClick={cancel} disabled={run.status === 'cancel_requested'}>
            {run.status === 'cancel_requested' ? 'Cancelling…' : 'Cancel run'}
          </button>
        )}
      </div>
      {cancelError && <p class="field-error" role="alert">{cancelError}</p>}
      {!finished && <ProgressBar value={last?.step ?? run.step} max={run.train_config.max_steps} label="Training" detail={`step ${last?.step ?? run.step} of ${run.train_config.max_steps}`} />}
      {run.status === 'failed' && <p class="notice notice--error" role="alert">Failed: {run.error}</p>}
      {run.status === 'timeout' && <p class="notice notice--warn">Stopped after its limit of {run.train_config.max_minutes} minutes; its last checkpoint (step {run.step}) is kept.</p>}
      <RunCharts metrics={metrics} initialHeldout={run.initial_heldout_loss ?? null} />
      {showPrompt && run.sample_prompt && (
        <details class="sample-prompt">
          <summary>The fixed sample prompt</summary>
          <pre class="text-block code">{run.sample_prompt}</pre>
        </details>
      )}
      <Samples logs={logs} />
      <RunDownloads run={run} />
    </div>
  );
}
