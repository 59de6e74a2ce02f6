// The outcome of an import: what was stored, per file counts, and the error report (first
// 1,000 rows on screen, all downloadable as JSONL).
import type { ImportSummary } from '../../importer/types';
import { downloadText, jsonlParts } from '../../ui/download';
import { formatCount } from '../../ui/format';
import { hrefFor } from '../../app/router';

const SHOWN_ERRORS = 1_000;

export function ImportReport({ summary }: { summary: ImportSummary }) {
  const tone = summary.status === 'completed' ? 'ok' : summary.status === 'cancelled' ? 'warn' : 'error';
  return (
    <div class="import-report">
      <p class={`notice notice--${tone}`} role="status">
        {summary.message}
        {summary.stored > 0 && (
          <>
            {' '}
            <a href={hrefFor({ name: 'traces' })}>Browse the traces</a>.
          </>
        )}
      </p>
      {summary.files.length > 0 && (
        <table class="data-table compact">
          <caption>Files</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Format</th>
              <th scope="col">Records</th>
              <th scope="col">Stored</th>
              <th scope="col">Invalid</th>
              <th scope="col">Duplicates</th>
            </tr>
          </thead>
          <tbody>
            {summary.files.map((file) => (
              <tr key={file.name}>
                <td>{file.name}</td>
                <td>{file.recordFormat ? `${file.format} · ${file.recordFormat}` : file.format}</td>
                <td>{formatCount(file.records)}</td>
                <td>{formatCount(file.stored)}</td>
                <td>{formatCount(file.invalid)}</td>
                <td>{formatCount(file.duplicate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.errors.length > 0 && <ErrorTable summary={summary} />}
    </div>
  );
}

function ErrorTable({ summary }: { summary: ImportSummary }) {
  const total = summary.errors.length + summary.errorsNotKept;
  return (
    <div class="error-report">
      <div class="error-report__header">
        <h2>
          Errors ({formatCount(total)}
          {total > SHOWN_ERRORS ? `, first ${formatCount(SHOWN_ERRORS)} shown` : ''})
        </h2>
        <button type="button" onClick={() => downloadText('import-errors.jsonl', jsonlParts(summary.errors), 'application/x-ndjson')}>
          Download all errors (JSONL)
        </button>
      </div>
      {summary.errorsNotKept > 0 && (
        <p class="muted">{formatCount(summary.errorsNotKept)} further error rows were counted but not kept in memory.</p>
      )}
      <table class="data-table compact" aria-label="Import errors">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Line</th>
            <th scope="col">Field</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {summary.errors.slice(0, SHOWN_ERRORS).map((row, k) => (
            <tr key={k}>
              <td>{row.file}</td>
              <td>{row.line}</td>
              <td>
                <code>{row.path || '(record)'}</code>
              </td>
              <td>{row.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
