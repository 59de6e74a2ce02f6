// The Models screen (model registry): every registered version with its content hash, run and
// dataset; download as a zip with its model card, import a zip back (hash verified), delete.
import { useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import { formatBytes } from '../../app/storage';
import { appDatabase } from '../../db/database';
import { deleteModel } from '../../db/models-repository';
import type { ModelListItem } from '../../db/models-repository';
import { modelLabel } from '../../runs/model-registry';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDate } from '../../ui/format';
import { downloadModel, importModelFile } from './model-actions';
import { useModels } from './use-models';

type Notice = { kind: 'ok' | 'error'; lines: string[] } | null;

export function ModelsScreen() {
  const models = useModels();
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<ModelListItem | null>(null);

  const onImport = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(true);
    try {
      const result = await importModelFile(file);
      if (!result.ok) setNotice({ kind: 'error', lines: result.errors.map((e) => `${file.name}: ${e.path ? `${e.path} ` : ''}${e.message}`) });
      else {
        const { model, created } = result.value;
        setNotice({ kind: 'ok', lines: [created ? `Imported ${modelLabel(model)} (sha-256 ${model.sha256.slice(0, 12)}…, verified).` : `${modelLabel(model)} already holds these weights; nothing added.`] });
      }
    } catch (error) {
      setNotice({ kind: 'error', lines: [`${file.name}: ${(error as Error).message}`] });
    } finally {
      setBusy(false);
    }
  };

  const onDownload = (model: ModelListItem) => {
    downloadModel(model.id).catch((error: unknown) => setNotice({ kind: 'error', lines: [`${modelLabel(model)}: ${(error as Error).message}`] }));
  };

  const confirmDelete = async () => {
    const model = deleting;
    setDeleting(null);
    if (!model) return;
    const freed = await deleteModel(appDatabase(), model.id);
    setNotice({ kind: 'ok', lines: [`Deleted ${modelLabel(model)}; ${formatBytes(freed)} freed.`] });
  };

  return (
    <section class="screen models-screen" aria-labelledby="models-title">
      <h1 id="models-title">Models</h1>
      <p class="lede">Registered model versions, content-addressed by the sha-256 of their weights. Register a run's model from its run page, or promote a sweep's best trial.</p>
      <div class="actions">
        <label class="file-button">
          Import a model zip
          <input type="file" accept=".zip,application/zip" onChange={onImport} disabled={busy} />
        </label>
      </div>
      {notice && (
        <div class={`notice ${notice.kind === 'error' ? 'notice--error' : 'notice--ok'}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      {models && models.length === 0 && (
        <p class="empty-inline">
          No models yet. Train one on the <a href={hrefFor({ name: 'train' })}>Train</a> screen, then register it from its run page, or import a model zip.
        </p>
      )}
      {models && models.length > 0 && (
        <table class="data-table compact">
          <caption>Registered models</caption>
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">sha-256</th>
              <th scope="col">Shape</th>
              <th scope="col">Run</th>
              <th scope="col">Dataset</th>
              <th scope="col">Registered</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {models.map((model) => (
              <tr key={model.id}>
                <td>{modelLabel(model)}</td>
                <td>
                  <code title={model.sha256}>{model.sha256.slice(0, 12)}</code>
                </td>
                <td>{`${model.model_config.layers}×${model.model_config.dim}, ctx ${model.model_config.context}`}</td>
                <td>{model.run_id ? <a href={hrefFor({ name: 'run', id: model.run_id })}>run</a> : '—'}</td>
                <td>{model.dataset_key ?? '—'}</td>
                <td>{formatDate(model.created_at)}</td>
                <td class="row-actions">
                  <button type="button" onClick={() => onDownload(model)} aria-label={`Download ${modelLabel(model)}`}>
                    Download
                  </button>
                  <button type="button" class="danger" onClick={() => setDeleting(model)} aria-label={`Delete ${modelLabel(model)}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog title={`Delete ${modelLabel(deleting)}?`} confirmLabel="Delete model" onConfirm={() => void confirmDelete()} onCancel={() => setDeleting(null)}>
          <p>Its weights are removed from this browser. Runs and evaluations that used it are kept.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
