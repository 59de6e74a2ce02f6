// The import screen: choose or drop files, pick the modes, watch progress, cancel, and read the
// error report. All work happens in the import worker; this component only shows it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatBytes } from '../../app/storage';
import { formatCount } from '../../ui/format';
import type { DuplicatePolicy, ImportMode } from '../../importer/types';
import { importProgress, importRunning, lastImportSummary, queuedImportFiles } from './import-state';
import { startImport, type RunningImport } from './import-client';
import { ImportReport } from './ImportReport';
import { ImportPreview } from './ImportPreview';
import type { FormatChoice } from '../../importer/record-parser';

export function ImportScreen() {
  const [files, setFilesAndFormats] = useState<File[]>([]);
  const [formats, setFormats] = useState<FormatChoice[]>([]);
  const setFiles = (chosen: File[]) => {
    setFilesAndFormats(chosen);
    setFormats(chosen.map(() => 'auto'));
  };
  const [mode, setMode] = useState<ImportMode>('skip_invalid');
  const [duplicates, setDuplicates] = useState<DuplicatePolicy>('skip');
  const running = useRef<RunningImport | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (queuedImportFiles.value.length > 0) {
      setFiles(queuedImportFiles.value);
      queuedImportFiles.value = [];
    }
  }, [queuedImportFiles.value]);

  const begin = async () => {
    if (files.length === 0 || importRunning.value) return;
    importRunning.value = true;
    lastImportSummary.value = null;
    importProgress.value = null;
    running.current = startImport(files, { mode, duplicates, fileFormats: formats }, (progress) => (importProgress.value = progress));
    try {
      lastImportSummary.value = await running.current.done;
      setFiles([]);
      if (inputRef.current) inputRef.current.value = '';
    } catch (error) {
      lastImportSummary.value = {
        status: 'failed', message: `Import failed: ${error instanceof Error ? error.message : String(error)}`,
        records: 0, stored: 0, invalid: 0, duplicate: 0, errors: [], errorsNotKept: 0, files: [], durationMs: 0, storedIds: 0,
      };
    } finally {
      running.current = null;
      importRunning.value = false;
    }
  };

  const progress = importProgress.value;
  const busy = importRunning.value;
  return (
    <section class="screen import-screen" aria-labelledby="import-title">
      <h1 id="import-title">Import traces</h1>
      <p class="lede">
        JSONL (one trace per line) or JSON (an array, or <code>{'{"traces": [...]}'}</code>), including files exported from this app, and
        GSM8K, Alpaca, prompt/completion and chat files, converted to traces (the preview shows how). Files are read
        as a stream in a background worker, so large files are fine.
      </p>
      <div class="import-form">
        <label class="file-drop">
          <span>Choose files, or drop them anywhere on the page</span>
          <input
            ref={inputRef}
            type="file"
            multiple
            accept=".jsonl,.ndjson,.json,application/json,application/x-ndjson"
            disabled={busy}
            onChange={(event) => setFiles([...(event.currentTarget.files ?? [])])}
          />
        </label>
        {files.length > 0 && (
          <ul class="file-list" aria-label="Files to import">
            {files.map((file) => (
              <li key={file.name}>
                {file.name} <span class="muted">({formatBytes(file.size)})</span>
              </li>
            ))}
          </ul>
        )}
        {files.length > 0 && (
          <ImportPreview
            files={files}
            choices={formats}
            disabled={busy}
            onChoose={(index, choice) => setFormats((all) => all.map((old, k) => (k === index ? choice : old)))}
          />
        )}
        <fieldset disabled={busy}>
          <legend>Invalid records</legend>
          <label>
            <input type="radio" name="mode" checked={mode === 'skip_invalid'} onChange={() => setMode('skip_invalid')} /> Skip invalid records
            (store the valid ones, list the rest)
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'all_or_nothing'} onChange={() => setMode('all_or_nothing')} /> All or nothing
            (store nothing if any record is invalid)
          </label>
        </fieldset>
        <fieldset disabled={busy}>
          <legend>Duplicates (same content as a stored trace or an earlier record)</legend>
          <label>
            <input type="radio" name="duplicates" checked={duplicates === 'skip'} onChange={() => setDuplicates('skip')} /> Skip duplicates
          </label>
          <label>
            <input type="radio" name="duplicates" checked={duplicates === 'keep'} onChange={() => setDuplicates('keep')} /> Keep duplicates
          </label>
        </fieldset>
        <div class="actions">
          <button type="button" class="primary" disabled={busy || files.length === 0} onClick={() => void begin()}>
            Import {files.length > 1 ? `${files.length} files` : ''}
          </button>
          {busy && (
            <button type="button" onClick={() => running.current?.cancel()}>
              Cancel
            </button>
          )}
        </div>
      </div>
      {busy && progress && (
        <ProgressBar
          value={progress.bytesRead}
          max={progress.bytesTotal}
          label={progress.phase === 'validating' ? 'Validating' : 'Importing'}
          detail={`${formatCount(progress.records)} records · ${formatCount(progress.recordsPerSecond)}/s · stored ${formatCount(progress.stored)} · invalid ${formatCount(progress.invalid)} · duplicates ${formatCount(progress.duplicate)}`}
        />
      )}
      {busy && !progress && <p aria-live="polite">Starting…</p>}
      {lastImportSummary.value && <ImportReport summary={lastImportSummary.value} />}
    </section>
  );
}
