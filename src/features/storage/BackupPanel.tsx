// Backup: the whole database as one file, streamed to disk through a save picker where the
// browser has one (else a download), with progress, cancel and the manifest it wrote.
import { useRef, useState } from 'preact/hooks';
import type { BackupProgress } from '../../db/backup-repository';
import type { BackupManifest } from '../../backup/format';
import { backupFileName } from '../../backup/format';
import { formatBytes } from '../../app/storage';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatCount } from '../../ui/format';
import { canPickSaveLocation, downloadTarget, pickSaveTarget } from '../datasets/save-target';
import { APP_VERSION } from '../datasets/build-draft';
import { backupDatabase } from './backup-client';
import { ManifestTable } from './ManifestTable';

export function BackupPanel() {
  const pickerAvailable = canPickSaveLocation(1);
  const [usePicker, setUsePicker] = useState(true);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [done, setDone] = useState<{ manifest: BackupManifest; fileName: string; seconds: number } | null>(null);
  const [message, setMessage] = useState<{ kind: 'warn' | 'error'; text: string } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const busy = progress !== null;

  const start = async () => {
    setMessage(null);
    setDone(null);
    const fileName = backupFileName(new Date());
    const target = pickerAvailable && usePicker ? await pickSaveTarget([fileName]) : downloadTarget();
    if (!target) return;
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ phase: 'backup', records: 0, totalRecords: 0, bytes: 0, totalBytes: 0 });
    const started = performance.now();
    try {
      // Progress may arrive after the result (its own message channel): ignored once this backup ended.
      const manifest = await backupDatabase(abort.signal, APP_VERSION, target, fileName, (next) => controller.current === abort && setProgress(next));
      setDone({ manifest, fileName, seconds: (performance.now() - started) / 1000 });
    } catch (error) {
      const cancelled = abort.signal.aborted;
      setMessage({ kind: cancelled ? 'warn' : 'error', text: cancelled ? 'Backup cancelled; the partial file was discarded.' : `Backup failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };

  return (
    <section class="storage-panel" aria-labelledby="backup-title">
      <h2 id="backup-title">Back up</h2>
      <p>
        Saves everything this browser stores for the app (traces, datasets, eval sets, runs with their checkpoints, evaluations, models) as one file, with
        a manifest of record counts and sha-256 hashes per table. Restore it here or in another browser.
      </p>
      {pickerAvailable && (
        <label class="inline">
          <input type="checkbox" checked={usePicker} disabled={busy} onChange={(event) => setUsePicker(event.currentTarget.checked)} /> Choose where to save
          (streamed to disk)
        </label>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
          Download backup
        </button>
        {busy && (
          <button type="button" onClick={() => controller.current?.abort(new DOMException('Backup cancelled', 'AbortError'))}>
            Cancel backup
          </button>
        )}
      </div>
      {progress && (
        <ProgressBar
          value={progress.records}
          max={progress.totalRecords}
          label="Backing up"
          detail={`${formatCount(progress.records)} of ${formatCount(progress.totalRecords)} records · ${formatBytes(progress.bytes)} written`}
        />
      )}
      {message && (
        <p class={`notice notice--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {done && (
        <div class="notice notice--ok" role="status">
          <p>
            Backup saved as <code>{done.fileName}</code>: {formatCount(done.manifest.records)} records in {done.manifest.tables.length} tables, in{' '}
            {done.seconds.toFixed(1)} s.
          </p>
          <ManifestTable manifest={done.manifest} caption="What the backup holds" />
        </div>
      )}
    </section>
  );
}
