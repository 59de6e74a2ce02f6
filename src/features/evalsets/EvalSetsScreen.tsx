// The Eval sets screen: the sets bundled with the app (with their provenance) and the sets the
// user imported, each linking to its detail, and the import form.
import { hrefFor } from '../../app/router';
import { formatCount, formatDate } from '../../ui/format';
import { bundledEvalSets } from './bundled-evalsets';
import { EvalSetImportForm } from './EvalSetImportForm';
import { useImportedEvalSets } from './use-evalsets';

const shortHash = (sha256: string) => sha256.slice(0, 12);

export function EvalSetsScreen() {
  const imported = useImportedEvalSets();
  const bundled = bundledEvalSets();
  return (
    <section class="screen evalsets-screen" aria-labelledby="evalsets-title">
      <h1 id="evalsets-title">Eval sets</h1>
      <p class="lede">Prompts with answers that are right by construction, for scoring trained models.</p>
      <table class="data-table compact">
        <caption>Bundled eval sets</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Items</th>
            <th scope="col">sha-256</th>
            <th scope="col">Provenance</th>
          </tr>
        </thead>
        <tbody>
          {bundled.map((set) => (
            <tr key={set.name}>
              <td>
                <a href={hrefFor({ name: 'evalset', id: set.name })}>{set.name}</a>
              </td>
              <td>{formatCount(set.items.length)}</td>
              <td>
                <code title={set.sha256}>{shortHash(set.sha256)}</code>
              </td>
              <td>{set.provenance[0] ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {imported && imported.length > 0 ? (
        <table class="data-table compact">
          <caption>Your eval sets</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Items</th>
              <th scope="col">sha-256</th>
              <th scope="col">Imported</th>
            </tr>
          </thead>
          <tbody>
            {imported.map((set) => (
              <tr key={set.id}>
                <td>
                  <a href={hrefFor({ name: 'evalset', id: set.id })}>{set.name}</a>
                </td>
                <td>{formatCount(set.item_count)}</td>
                <td>
                  <code title={set.sha256}>{shortHash(set.sha256)}</code>
                </td>
                <td>{formatDate(set.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        imported && <p class="empty-inline">No imported eval sets yet.</p>
      )}
      <EvalSetImportForm />
    </section>
  );
}
