// Import an eval set: a name and a JSONL file (one item per line), validated line by line;
// nothing is stored unless every line is a valid item.
import { useRef, useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { importEvalSet } from '../../db/evalsets-repository';
import { MAX_EVALSET_FILE_BYTES } from '../../evaluate/evalset';
import type { ValidationIssue } from '../../traces/types';
import { formatCount } from '../../ui/format';

const SHOWN_ERRORS = 200;

type Outcome = { ok: true; message: string } | { ok: false; message: string; errors: ValidationIssue[] };

export function EvalSetImportForm() {
  const [name, setName] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const chooseFile = (chosen: File | null) => {
    setFile(chosen);
    if (chosen && name.trim() === '') setName(chosen.name.replace(/\.(jsonl|ndjson|json)$/i, ''));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!file || busy) return;
    if (file.size > MAX_EVALSET_FILE_BYTES) {
      setOutcome({ ok: false, message: `Nothing stored: ${file.name} is ${formatCount(file.size)} bytes; eval set files may be at most ${formatCount(MAX_EVALSET_FILE_BYTES)}.`, errors: [] });
      return;
    }
    setBusy(true);
    try {
      const result = await importEvalSet(appDatabase(), { name, text: await file.text() });
      if (result.ok) {
        setOutcome({ ok: true, message: `Stored eval set ${result.value.name} with ${formatCount(result.value.items.length)} items.` });
        setName('');
        setFile(null);
        if (inputRef.current) inputRef.current.value = '';
      } else {
        setOutcome({ ok: false, message: `Nothing stored: ${formatCount(result.errors.length)} problems found.`, errors: result.errors });
      }
    } catch (error) {
      setOutcome({ ok: false, message: `Import failed: ${error instanceof Error ? error.message : String(error)}`, errors: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="evalset-import" onSubmit={(event) => void submit(event)} aria-labelledby="evalset-import-title">
      <h2 id="evalset-import-title">Import an eval set</h2>
      <p class="muted">
        JSONL, one item per line: <code>{'{"id", "prompt", "expected_answer", "category", "difficulty", "section"?}'}</code>.
      </p>
      <label>
        Eval set file (JSONL)
        <input ref={inputRef} type="file" accept=".jsonl,.ndjson,application/x-ndjson" disabled={busy} onChange={(e) => chooseFile(e.currentTarget.files?.[0] ?? null)} />
      </label>
      <label>
        Eval set name
        <input type="text" value={name} maxLength={120} disabled={busy} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || !file}>
          Import eval set
        </button>
      </div>
      {outcome && (
        <div role="status" class={`notice notice--${outcome.ok ? 'ok' : 'error'}`}>
          {outcome.message}
        </div>
      )}
      {outcome && !outcome.ok && outcome.errors.length > 0 && (
        <table class="data-table compact">
          <caption>Problems by line</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {outcome.errors.slice(0, SHOWN_ERRORS).map((error, k) => (
              <tr key={k}>
                <td>{error.line ?? '—'}</td>
                <td>{error.path || '—'}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </form>
  );
}
