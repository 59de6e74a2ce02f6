// Restore: choose a backup file; it is checked in full (format, every record's key, counts and
// hashes) before anything else, and what it holds is shown; then merge or replace, confirmed for
// replace, with progress and cancel. A bad file, a cancel or a failure leaves the database as it was.
import { useRef, useState } from 'preact/hooks';
import type { BackupProgress, RestoreMode, RestoreReport } from '../../db/backup-repository';
import type { BackupSummary } from '../../backup/reader';
import { formatBytes } from '../../app/storage';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatCount, formatDate } from '../../ui/format';
import { checkBackupFile, restoreBackupFile } from './backup-client';
import { ManifestTable } from './ManifestTable';

type RestoreState =
  | { step: 'idle' }
  | { step: 'checking'; file: File; progress: BackupProgress | null }
  | { step: 'invalid'; file: File; error: string }
  | { step: 'ready'; file: File; summary: BackupSummary }
  | { step: 'restoring'; file: File; summary: BackupSummary; progress: BackupProgress | null }
  | { step: 'done'; report: RestoreReport; seconds: number }
  | { step: 'failed'; file: File; summary: BackupSummary; error: string };

// Progress arrives on its own message channel and may land after the result: it only ever
// updates the step it belongs to, never brings a finished one back.
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function progressBar(label: string, progress: BackupProgress | null) {
  if (!progress) return null;
  if (progress.phase === 'restore' && progress.totalRecords > 0) {
    return <ProgressBar value={progress.records} max={progress.totalRecords} label={label} detail={`${formatCount(progress.records)} of ${formatCount(progress.totalRecords)} records`} />;
  }
  return <ProgressBar value={progress.bytes} max={progress.totalBytes} label={label} detail={`${formatBytes(progress.bytes)} of ${formatBytes(progress.totalBytes)} read`} />;
}

export function RestorePanel() {
  const [state, setState] = useState<RestoreState>({ step: 'idle' });
  const [mode, setMode] = useState<RestoreMode>('merge');
  const [confirming, setConfirming] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const busy = state.step === 'checking' || state.step === 'restoring';

  const check = async (file: File) => {
    const abort = new AbortController();
    controller.current = abort;
    setState({ step: 'checking', file, progress: null });
    try {
      const summary = await checkBackupFile(abort.signal, file, (progress) => setState((current) => (current.step === 'checking' ? { ...current, progress } : current)));
      setState({ step: 'ready', file, summary });
    } catch (error) {
      setState(abort.signal.aborted ? { step: 'idle' } : { step: 'invalid', file, error: errorText(error) });
    } finally {
      controller.current = null;
    }
  };

  const restore = async (file: File, summary: BackupSummary) => {
    setConfirming(false);
    const abort = new AbortController();
    controller.current = abort;
    setState({ step: 'restoring', file, summary, progress: null });
    const started = performance.now();
    try {
      const report = await restoreBackupFile(abort.signal, file, mode, (progress) => setState((current) => (current.step === 'restoring' ? { ...current, progress } : current)));
      setState({ step: 'done', report, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      const text = abort.signal.aborted ? 'Restore cancelled. Nothing was changed.' : `Restore failed: ${errorText(error)}`;
      setState({ step: 'failed', file, summary, error: text });
    } finally {
      controller.current = null;
    }
  };

  const summary = state.step === 'ready' || state.step === 'restoring' || state.step === 'failed' ? state.summary : null;
  const file = state.step === 'idle' || state.step === 'done' ? null : state.file;

  return (
    <section class="storage-panel" aria-labelledby="restore-title">
      <h2 id="restore-title">Restore</h2>
      <label class="field">
        <span>Backup file to restore (a .jsonl backup of this app)</span>
        <input
          type="file"
          accept=".jsonl,application/x-ndjson,application/json"
          disabled={busy}
          onChange={(event) => {
            const chosen = event.currentTarget.files?.[0];
            if (chosen) void check(chosen);
          }}
        />
      </label>
      {state.step === 'checking' && progressBar('Checking the backup', state.progress)}
      {state.step === 'invalid' && (
        <p class="notice notice--error" role="alert">
          <code>{state.file.name}</code> cannot be restored: {state.error} Nothing was changed.
        </p>
      )}
      {summary && file && (
        <div class="restore-summary">
          <p role="status">
            <code>{file.name}</code> is a complete backup made {formatDate(summary.header.created_at)} by tunix-rt web {summary.header.app_version} (database
            schema {summary.header.schema_version}): {formatCount(summary.manifest.records)} records, every count and hash checked.
          </p>
          <ManifestTable manifest={summary.manifest} caption="What it holds" />
          <fieldset disabled={busy}>
            <legend>How to restore</legend>
            <label>
              <input type="radio" name="restore-mode" checked={mode === 'merge'} onChange={() => setMode('merge')} /> Merge: add the backup's records; a stored
              record with the same id is replaced by the backup's, everything else is kept
            </label>
            <label>
              <input type="radio" name="restore-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace: delete everything stored now,
              then restore the backup
            </label>
          </fieldset>
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={() => (mode === 'replace' ? setConfirming(true) : void restore(file, summary))}>
              Restore backup
            </button>
            {busy && (
              <button type="button" onClick={() => controller.current?.abort(new DOMException('Restore cancelled', 'AbortError'))}>
                Cancel restore
              </button>
            )}
          </div>
        </div>
      )}
      {state.step === 'restoring' && progressBar('Restoring', state.progress)}
      {state.step === 'failed' && (
        <p class="notice notice--error" role="alert">
          {state.error}
        </p>
      )}
      {state.step === 'done' && (
        <p class="notice notice--ok" role="status">
          Restored {formatCount(state.report.records)} records ({state.report.mode === 'merge' ? 'merged with what was stored' : 'replacing what was stored'}) in{' '}
          {state.seconds.toFixed(1)} s.
        </p>
      )}
      {confirming && summary && file && (
        <ConfirmDialog title="Replace everything stored?" confirmLabel="Replace and restore" onCancel={() => setConfirming(false)} onConfirm={() => void restore(file, summary)}>
          Everything this browser stores for the app is deleted and replaced by the {formatCount(summary.manifest.records)} records of <code>{file.name}</code>.
          Back up first if you may want the current data again.
        </ConfirmDialog>
      )}
    </section>
  );
}
