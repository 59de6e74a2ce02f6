// Export of one dataset: format, split files or one file, bare JSONL or a bundle zip, where to
// save (file/folder picker where the browser has one, else downloads), progress, cancel, and the
// manifest ids the store no longer has.
import { useRef, useState } from 'preact/hooks';
import type { DatasetManifest } from '../../datasets/types';
import { EXPORT_FORMATS, EXPORT_FORMAT_DESCRIPTIONS, type ExportFormat } from '../../export/formats';
import { exportFilePlan } from '../../export/files';
import { bundleFileName, type ExportJobProgress, type ExportJobResult } from '../../export/job';
import { ProgressBar } from '../../ui/ProgressBar';
import { downloadText } from '../../ui/download';
import { formatCount } from '../../ui/format';
import { exportDataset } from './export-client';
import { canPickSaveLocation, downloadTarget, pickSaveTarget } from './save-target';

export function ExportPanel({ manifest }: { manifest: DatasetManifest }) {
  const [format, setFormat] = useState<ExportFormat>('tunix_sft');
  const [useSplit, setUseSplit] = useState(true);
  const [bundle, setBundle] = useState(false);
  const [systemInstruction, setSystemInstruction] = useState('');
  const outputs = bundle ? [bundleFileName(manifest, format)] : exportFilePlan(manifest, format, useSplit).map((file) => file.name);
  const pickerAvailable = canPickSaveLocation(outputs.length);
  const [usePicker, setUsePicker] = useState(true);
  const [progress, setProgress] = useState<ExportJobProgress | null>(null);
  const [result, setResult] = useState<ExportJobResult | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'warn' | 'error'; text: string } | null>(null);
  const controller = useRef<AbortController | null>(null);
  const busy = controller.current !== null;

  const start = async () => {
    setMessage(null);
    setResult(null);
    const target = pickerAvailable && usePicker ? await pickSaveTarget(outputs) : downloadTarget();
    if (!target) return;
    const abort = new AbortController();
    controller.current = abort;
    setProgress({ processed: 0, total: manifest.trace_count, written: 0, missing: 0, file: outputs[0]! });
    const started = performance.now();
    try {
      const done = await exportDataset(abort.signal, manifest.dataset_key, { format, useSplit, bundle, systemInstruction }, target, setProgress);
      const seconds = (performance.now() - started) / 1000;
      setResult(done);
      setMessage({
        kind: done.missingIds.length > 0 ? 'warn' : 'ok',
        text: `Exported ${formatCount(done.written)} traces to ${done.outputs.join(', ')} in ${seconds.toFixed(1)} s.`,
      });
    } catch (error) {
      const cancelled = abort.signal.aborted;
      setMessage({ kind: cancelled ? 'warn' : 'error', text: cancelled ? 'Export cancelled; the partial file was discarded.' : `Export failed: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      controller.current = null;
      setProgress(null);
    }
  };

  return (
    <section class="export-panel" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div class="form-grid">
        <label class="field">
          <span>Format</span>
          <select value={format} disabled={busy} onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}>
            {EXPORT_FORMATS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <small class="muted">{EXPORT_FORMAT_DESCRIPTIONS[format]}</small>
        </label>
        <label class="field">
          <span>System instruction (optional)</span>
          <input value={systemInstruction} disabled={busy} onInput={(event) => setSystemInstruction(event.currentTarget.value)} />
        </label>
      </div>
      {manifest.split && (
        <label class="inline">
          <input type="checkbox" checked={useSplit} disabled={busy} onChange={(event) => setUseSplit(event.currentTarget.checked)} /> Separate
          train.jsonl and eval.jsonl
        </label>
      )}
      <label class="inline">
        <input type="checkbox" checked={bundle} disabled={busy} onChange={(event) => setBundle(event.currentTarget.checked)} /> Bundle as zip (manifest.json, data, README with the Tunix recipe)
      </label>
      {pickerAvailable && (
        <label class="inline">
          <input type="checkbox" checked={usePicker} disabled={busy} onChange={(event) => setUsePicker(event.currentTarget.checked)} /> Choose where to
          save ({outputs.length === 1 ? 'file' : 'folder'} picker, streamed to disk)
        </label>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={busy} onClick={() => void start()}>
          Export {outputs.join(' + ')}
        </button>
        {busy && (
          <button type="button" onClick={() => controller.current?.abort(new DOMException('Export cancelled', 'AbortError'))}>
            Cancel export
          </button>
        )}
      </div>
      {progress && (
        <ProgressBar
          value={progress.processed}
          max={progress.total}
          label="Exporting"
          detail={`${formatCount(progress.processed)} of ${formatCount(progress.total)} · ${progress.file}${progress.missing ? ` · ${formatCount(progress.missing)} missing` : ''}`}
        />
      )}
      {message && (
        <p class={`notice notice--${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {result && result.missingIds.length > 0 && (
        <div class="notice notice--warn" role="alert">
          {formatCount(result.missingIds.length)} traces named in the manifest are no longer stored and were not written.{' '}
          <button type="button" onClick={() => downloadText(`${manifest.dataset_key}.missing-ids.txt`, [result.missingIds.join('\n') + '\n'], 'text/plain')}>
            Download the missing ids
          </button>
        </div>
      )}
    </section>
  );
}
