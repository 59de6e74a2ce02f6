// Per-item results of an evaluation: filters (wrong only, category), and for each item its
// prompt, expected and extracted answers (with the extraction rule), the verdict, tokens, how
// the generation stopped, and the generation itself as plain text on demand.
import { useState } from 'preact/hooks';
import type { EvalItem } from '../../evaluate/evalset';
import type { EvalResultRecord } from '../../evaluate/records';
import { firstLine, formatCount } from '../../ui/format';

export interface ItemRow {
  item: EvalItem | null;
  result: EvalResultRecord;
}

const PAGE = 200;

const STOP_TEXT: Record<string, string> = {
  stop_token: 'end of turn',
  max_new_tokens: 'token limit',
  context: 'context full',
  prompt_too_long: 'prompt longer than the context',
};

function Verdict({ result }: { result: EvalResultRecord }) {
  if (result.correct === true) return <span class="result-correct">✓ correct</span>;
  if (result.correct === false) return <span class="result-wrong">✗ wrong</span>;
  return <span class="muted">score {result.score.toFixed(2)}</span>;
}

export function ItemResultsTable({ rows }: { rows: ItemRow[] }) {
  const [wrongOnly, setWrongOnly] = useState(false);
  const [category, setCategory] = useState('');
  const [shown, setShown] = useState(PAGE);
  const categories = [...new Set(rows.map((row) => row.item?.category).filter((c): c is string => c !== undefined))].sort();
  const visible = rows.filter((row) => (!wrongOnly || row.result.correct === false) && (category === '' || row.item?.category === category));
  return (
    <section class="item-results" aria-labelledby="item-results-title">
      <h2 id="item-results-title">Items</h2>
      <div class="toolbar">
        <p class="count" aria-live="polite">
          Showing {formatCount(Math.min(shown, visible.length))} of {formatCount(visible.length)} items
          {visible.length !== rows.length ? ` (${formatCount(rows.length)} in all)` : ''}
        </p>
        <label class="inline">
          <input type="checkbox" checked={wrongOnly} onChange={(event) => setWrongOnly(event.currentTarget.checked)} /> Wrong only
        </label>
        {categories.length > 0 && (
          <label class="inline">
            Category
            <select value={category} onChange={(event) => setCategory(event.currentTarget.value)}>
              <option value="">All categories</option>
              {categories.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {visible.length === 0 ? (
        <p class="empty-inline">No items match these filters.</p>
      ) : (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Category</th>
              <th scope="col">Expected</th>
              <th scope="col">Extracted</th>
              <th scope="col">Verdict</th>
              <th scope="col">Tokens</th>
              <th scope="col">Generation</th>
            </tr>
          </thead>
          <tbody>
            {visible.slice(0, shown).map(({ item, result }) => (
              <tr key={result.item_id}>
                <td>
                  <code>{result.item_id}</code>
                  {item && <div class="muted">{firstLine(item.prompt, 90)}</div>}
                </td>
                <td>{item?.category ?? '—'}</td>
                <td>{result.expected_answer}</td>
                <td>
                  {result.extracted_answer === '' ? <span class="muted">(nothing)</span> : result.extracted_answer}
                  <div class="muted">{result.extraction_rule}</div>
                </td>
                <td class="nowrap">
                  <Verdict result={result} />
                </td>
                <td class="nowrap">
                  {formatCount(result.tokens)}
                  {result.stop_reason && <div class="muted">{STOP_TEXT[result.stop_reason] ?? result.stop_reason}</div>}
                </td>
                <td>
                  <details>
                    <summary>Show generation</summary>
                    <pre class="text-block code">{result.prediction === '' ? '(empty)' : result.prediction}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown < visible.length && (
        <div class="actions">
          <button type="button" onClick={() => setShown(shown + PAGE)}>
            Show {formatCount(Math.min(PAGE, visible.length - shown))} more
          </button>
        </div>
      )}
    </section>
  );
}
