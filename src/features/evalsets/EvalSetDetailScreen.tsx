// One eval set: provenance, hash, items per category, and every item (id, category, section,
// prompt, expected answer); imported sets can be deleted.
import { useState } from 'preact/hooks';
import { hrefFor, navigate } from '../../app/router';
import { appDatabase } from '../../db/database';
import { deleteEvalSet } from '../../db/evalsets-repository';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatCount } from '../../ui/format';
import { categoryCounts } from './bundled-evalsets';
import { useEvalSet } from './use-evalsets';

export function EvalSetDetailScreen({ id }: { id: string }) {
  const set = useEvalSet(id);
  const [confirming, setConfirming] = useState(false);
  if (set === undefined) return <p aria-live="polite">Loading…</p>;
  if (set === null) {
    return (
      <section class="empty-state">
        <h1>Eval set not found</h1>
        <p>
          No eval set has the id <code>{id}</code>. <a href={hrefFor({ name: 'evalsets' })}>Back to the eval sets</a>.
        </p>
      </section>
    );
  }
  const remove = async () => {
    await deleteEvalSet(appDatabase(), set.id);
    navigate({ name: 'evalsets' });
  };
  return (
    <section class="screen evalset-detail" aria-labelledby="evalset-title">
      <p>
        <a href={hrefFor({ name: 'evalsets' })}>← Eval sets</a>
      </p>
      <h1 id="evalset-title">{set.name}</h1>
      <p>
        {set.bundled ? 'Bundled with the app' : 'Imported'} · {formatCount(set.items.length)} items · sha-256 <code>{set.sha256}</code>
      </p>
      {set.provenance.length > 0 && (
        <ul aria-label="Provenance">
          {set.provenance.map((entry) => (
            <li key={entry}>{entry}</li>
          ))}
        </ul>
      )}
      {!set.bundled && (
        <div class="actions">
          <button type="button" onClick={() => setConfirming(true)}>
            Delete eval set
          </button>
        </div>
      )}
      <table class="data-table compact">
        <caption>Items per category</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col">Items</th>
          </tr>
        </thead>
        <tbody>
          {categoryCounts(set.items).map(([category, count]) => (
            <tr key={category}>
              <td>{category}</td>
              <td>{formatCount(count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table class="data-table">
        <caption>Items</caption>
        <thead>
          <tr>
            <th scope="col">Id</th>
            <th scope="col">Category</th>
            <th scope="col">Section</th>
            <th scope="col">Prompt</th>
            <th scope="col">Expected answer</th>
          </tr>
        </thead>
        <tbody>
          {set.items.map((item) => (
            <tr key={item.id}>
              <td>{item.id}</td>
              <td>{item.category}</td>
              <td>{item.section ?? '—'}</td>
              <td class="prewrap">{item.prompt}</td>
              <td>{item.expected_answer}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {confirming && (
        <ConfirmDialog title={`Delete eval set ${set.name}?`} confirmLabel="Delete" onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>This removes the eval set and its items from this browser.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
