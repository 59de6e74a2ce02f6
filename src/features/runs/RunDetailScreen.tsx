// One run's page (#/runs/<id>): the live panel, what it was trained with (dataset, model,
// training config, tokenizer hash, app version), its checkpoints, its log, and delete (a finished
// run only; the storage freed is reported).
import { useState } from 'preact/hooks';
import { hrefFor, navigate } from '../../app/router';
import { appDatabase } from '../../db/database';
import { deleteRun } from '../../db/runs-repository';
import { parameterCount } from '../../model/config';
import { FINAL_RUN_STATUSES, type LogRecord, type RunManifest } from '../../runs/types';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatCount, formatDate } from '../../ui/format';
import { RunExperimentActions } from './RunExperimentActions';
import { RunEvaluations } from './RunEvaluations';
import { RunLivePanel } from './RunLivePanel';
import { deletedNotice } from './RunsScreen';
import { formatBytes } from '../../app/storage';
import { useLiveRun } from './use-live-run';

function RunFacts({ run }: { run: RunManifest }) {
  const { model_config: m, train_config: t } = run;
  return (
    <dl class="facts">
      <dt>Dataset</dt>
      <dd>
        <a href={hrefFor({ name: 'dataset', key: run.dataset_key })}>{run.dataset_key}</a> <span class="muted">(build {run.build_id})</span>
      </dd>
      <dt>Model</dt>
      <dd>
        {run.model_preset}: dim {m.dim}, {m.layers} layers, {m.heads} heads, context {m.context}, vocabulary {m.vocab_size}, {formatCount(parameterCount(m))} parameters, dropout {m.dropout}, init seed {m.seed}
      </dd>
      <dt>Started from</dt>
      <dd>
        {run.init.kind === 'scratch' ? (
          'random initialization'
        ) : (
          <>
            {run.init.source === 'shipped' ? 'shipped base model ' : run.init.source === 'bundle' ? 'model bundle ' : 'model '}
            <strong>{run.init.model_id}</strong>, sha-256 <code class="hash">{run.init.sha256}</code>
          </>
        )}
      </dd>
      <dt>Training</dt>
      <dd>
        {t.max_steps} steps, batch {t.batch_size}×{t.grad_accum_steps}, learning rate {t.learning_rate} (warmup {t.warmup_steps}, cosine to ×{t.min_lr_ratio}), weight decay {t.weight_decay}, clip {t.grad_clip}, data seed {t.seed}
        {t.max_minutes !== null ? `, limit ${t.max_minutes} min` : ''}; checkpoint every {t.checkpoint_every}, keep {t.keep_checkpoints}
      </dd>
      <dt>Data</dt>
      <dd>{run.data ? `${formatCount(run.data.examples)} examples (${run.data.skipped_too_long} too long, ${run.data.skipped_empty} empty skipped)` : '—'}</dd>
      <dt>Tokenizer</dt>
      <dd>
        <code>{run.tokenizer_hash.slice(0, 16)}…</code>
      </dd>
      <dt>Times</dt>
      <dd>
        created {formatDate(run.created_at)}
        {run.started_at ? `, started ${formatDate(run.started_at)}` : ''}
        {run.finished_at ? `, finished ${formatDate(run.finished_at)}` : ''}
        {run.resumed_count ? `; resumed ${run.resumed_count}×` : ''}
      </dd>
      <dt>Checkpoints</dt>
      <dd>{(run.checkpoints ?? []).map((c) => `step ${c.step} (${formatBytes(c.bytes)})`).join(', ') || 'none yet'}</dd>
      <dt>App version</dt>
      <dd>{run.app_version}</dd>
    </dl>
  );
}

function RunLog({ logs }: { logs: LogRecord[] }) {
  const [heartbeats, setHeartbeats] = useState(false);
  const shown = logs.filter((l) => heartbeats || l.level !== 'heartbeat').slice(-300);
  return (
    <section aria-labelledby="run-log-title">
      <h2 id="run-log-title">Log</h2>
      <label>
        <input type="checkbox" checked={heartbeats} onChange={(e) => setHeartbeats(e.currentTarget.checked)} /> Show heartbeats
      </label>
      <table class="data-table compact run-log">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Step</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((l) => (
            <tr key={l.seq} class={`log--${l.level}`}>
              <td>{l.seq}</td>
              <td>{formatDate(l.time)}</td>
              <td>{l.level}</td>
              <td>{l.step ?? ''}</td>
              <td>
                <span class="log-message">{l.message}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function RunDetailScreen({ id }: { id: string }) {
  const { run, logs } = useLiveRun(id);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (run === undefined) return <p class="muted">Loading run…</p>;
  if (run === null) {
    return (
      <section class="empty-state">
        <h1>Run not found</h1>
        <p>{message ?? `No run ${id} in this browser.`} <a href={hrefFor({ name: 'runs' })}>All runs</a></p>
      </section>
    );
  }
  const remove = async () => {
    setConfirming(false);
    const result = await deleteRun(appDatabase(), run.run_id);
    if (!result.ok) setMessage(result.errors[0]?.message ?? 'could not delete');
    else {
      deletedNotice.value = `Deleted run ${run.name}: ${formatBytes(result.value.bytesFreed)} freed (${result.value.checkpoints} checkpoints, ${result.value.metrics} metric records, ${result.value.logs} log lines).`;
      navigate({ name: 'runs' });
    }
  };
  return (
    <section class="screen detail-screen run-detail" aria-labelledby="run-title">
      <div class="toolbar">
        <a href={hrefFor({ name: 'runs' })}>← Runs</a>
        <h1 id="run-title">Run {run.name}</h1>
        {FINAL_RUN_STATUSES.includes(run.status) && (
          <button type="button" class="danger" onClick={() => setConfirming(true)}>
            Delete run
          </button>
        )}
      </div>
      {message && <p class="notice notice--error" role="alert">{message}</p>}
      <RunLivePanel runId={run.run_id} />
      <RunFacts run={run} />
      {FINAL_RUN_STATUSES.includes(run.status) && <RunExperimentActions run={run} />}
      <RunEvaluations runId={run.run_id} />
      <RunLog logs={logs} />
      {confirming && (
        <ConfirmDialog title="Delete this run?" confirmLabel="Delete run" onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>
            The run {run.name}, its metrics, log and {(run.checkpoints ?? []).length} checkpoints ({formatBytes((run.checkpoints ?? []).reduce((s, c) => s + c.bytes, 0))}) are deleted. Its dataset is kept.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
