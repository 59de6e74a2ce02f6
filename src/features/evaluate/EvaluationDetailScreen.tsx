// One evaluation (#/evaluations/<id>): what was evaluated and how, its progress while it runs,
// its scorecard, and its per-item results; it can be deleted.
import { useState } from 'preact/hooks';
import { hrefFor, navigate } from '../../app/router';
import { appDatabase } from '../../db/database';
import { deleteEvaluation } from '../../db/evaluations-repository';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatCount, formatDate } from '../../ui/format';
import { STATUS_TEXT, generationSummary, modelLabel, seconds } from './format';
import { ItemResultsTable, type ItemRow } from './ItemResultsTable';
import { ScorecardView } from './ScorecardView';
import { useEvaluationDetail, type EvaluationDetail } from './use-evaluations';

/** Results in eval-set order when the set is known, else by item id. */
function itemRows(detail: EvaluationDetail): ItemRow[] {
  const byId = new Map(detail.results.map((result) => [result.item_id, result]));
  if (detail.items) return detail.items.flatMap((item) => (byId.has(item.id) ? [{ item, result: byId.get(item.id)! }] : []));
  return detail.results.slice().sort((a, b) => (a.item_id < b.item_id ? -1 : 1)).map((result) => ({ item: null, result }));
}

export function EvaluationDetailScreen({ id }: { id: string }) {
  const detail = useEvaluationDetail(id);
  const [confirming, setConfirming] = useState(false);
  if (detail === undefined) return <p aria-live="polite">Loading…</p>;
  if (detail === null) {
    return (
      <section class="empty-state">
        <h1>Evaluation not found</h1>
        <p>
          No evaluation has the id <code>{id}</code> (deleted?). <a href={hrefFor({ name: 'evaluate' })}>Back to Evaluate</a>.
        </p>
      </section>
    );
  }
  const { record } = detail;
  const remove = async () => {
    await deleteEvaluation(appDatabase(), record.id);
    navigate({ name: 'evaluate' });
  };
  return (
    <section class="screen evaluation-detail" aria-labelledby="evaluation-title">
      <p>
        <a href={hrefFor({ name: 'evaluate' })}>← Evaluate</a>
      </p>
      <h1 id="evaluation-title">
        {modelLabel(record)} on {record.evalset_name ?? record.evalset_id}
      </h1>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          {STATUS_TEXT[record.status]}
          {record.error && <span class="field-error"> — {record.error}</span>}
        </dd>
        <dt>Eval set</dt>
        <dd>
          <a href={hrefFor({ name: 'evalset', id: record.evalset_id })}>{record.evalset_name ?? record.evalset_id}</a> · sha-256 <code>{record.evalset_sha256.slice(0, 12)}</code>
        </dd>
        <dt>Judge</dt>
        <dd>{record.judge}</dd>
        <dt>Decoding</dt>
        <dd>{generationSummary(record)}</dd>
        <dt>Backend</dt>
        <dd>{record.backend}</dd>
        <dt>Items</dt>
        <dd>
          {formatCount(record.items_done ?? 0)} of {formatCount(record.items_total ?? 0)} · {formatCount(record.tokens ?? 0)} tokens generated in {seconds(record.elapsed_ms)}
        </dd>
        <dt>Started</dt>
        <dd>
          {formatDate(record.created_at)}
          {record.finished_at && ` · ended ${formatDate(record.finished_at)}`}
        </dd>
      </dl>
      {record.status === 'running' && <ProgressBar label="Items evaluated" value={record.items_done ?? 0} max={record.items_total ?? 1} />}
      {record.status !== 'running' && record.status !== 'completed' && (
        <p class="notice notice--warn">
          This evaluation did not finish: {formatCount(record.items_done ?? 0)} of {formatCount(record.items_total ?? 0)} items were evaluated and are listed below. It has no scorecard.
        </p>
      )}
      {!detail.items && <p class="notice notice--warn">The eval set {record.evalset_id} was deleted or changed since this evaluation, so items are shown without their prompts and categories.</p>}
      {record.scorecard && <ScorecardView scorecard={record.scorecard} />}
      {detail.results.length > 0 ? <ItemResultsTable rows={itemRows(detail)} /> : <p class="empty-inline">No item has been evaluated yet.</p>}
      <div class="actions">
        <button type="button" class="danger" disabled={record.status === 'running'} onClick={() => setConfirming(true)}>
          Delete evaluation
        </button>
      </div>
      {confirming && (
        <ConfirmDialog title="Delete this evaluation?" confirmLabel="Delete" onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>Its scorecard and all {formatCount(detail.results.length)} item results are removed. The model and the eval set are kept.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
