// One dataset: its facts, statistics as charts, export, the manifest (shown shortened, downloaded
// whole as manifest.json), rebuild as a new version (the form prefilled, the old key as parent)
// and delete (the manifest only: traces stay).
import { useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { deleteDataset, takenVersions } from '../../db/datasets-repository';
import { manifestToJson, requestFromManifest } from '../../datasets/manifest';
import type { DatasetManifest } from '../../datasets/types';
import { hrefFor, navigate } from '../../app/router';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { downloadText } from '../../ui/download';
import { formatCount, formatDate } from '../../ui/format';
import { draftFromRequest, pendingDraft } from './build-draft';
import { ExportPanel } from './ExportPanel';
import { StatsCharts } from './StatsCharts';
import { useDataset } from './use-datasets';

const SHOWN_IDS = 10;

/** The manifest for reading on screen: id lists cut to their first few. */
function shortenedManifest(manifest: DatasetManifest): string {
  const cut = (ids: readonly string[]) => (ids.length > SHOWN_IDS ? [...ids.slice(0, SHOWN_IDS), `… ${ids.length - SHOWN_IDS} more`] : ids);
  const split = manifest.split && { ...manifest.split, train_ids: cut(manifest.split.train_ids), eval_ids: cut(manifest.split.eval_ids) };
  return JSON.stringify({ ...manifest, trace_ids: cut(manifest.trace_ids), split }, null, 2);
}

export function DatasetDetailScreen({ datasetKey }: { datasetKey: string }) {
  const { manifest, missingIds } = useDataset(datasetKey);
  const [confirming, setConfirming] = useState(false);

  if (manifest === undefined) return <p class="screen">Loading…</p>;
  if (manifest === null) {
    return (
      <section class="screen empty-state">
        <h1>No dataset {datasetKey}</h1>
        <p>
          It was deleted or never built. <a href={hrefFor({ name: 'datasets' })}>Back to the datasets</a>.
        </p>
      </section>
    );
  }

  const rebuild = async () => {
    const taken = await takenVersions(appDatabase(), manifest.name);
    const request = requestFromManifest(manifest, { takenVersions: taken });
    pendingDraft.value = draftFromRequest(request, [`Rebuilding ${manifest.dataset_key} as version ${request.version}: same filters, strategy and seed.`]);
    navigate({ name: 'datasets' });
  };

  const remove = async () => {
    setConfirming(false);
    await deleteDataset(appDatabase(), manifest.dataset_key);
    navigate({ name: 'datasets' });
  };

  return (
    <section class="screen dataset-screen" aria-labelledby="dataset-title">
      <div class="toolbar">
        <h1 id="dataset-title">Dataset {manifest.dataset_key}</h1>
        <button type="button" onClick={() => void rebuild()}>
          Rebuild as new version
        </button>
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Delete dataset
        </button>
      </div>
      <dl class="facts">
        <dt>Traces</dt>
        <dd>
          {formatCount(manifest.trace_count)}
          {manifest.split && ` (train ${formatCount(manifest.split.train_ids.length)}, eval ${formatCount(manifest.split.eval_ids.length)})`}
        </dd>
        <dt>Selection</dt>
        <dd>
          {manifest.selection_strategy}
          {manifest.stratify && ` by ${manifest.stratify.key} (${manifest.stratify.mode})`}, seed {manifest.seed ?? 'none'}, limit {manifest.limit ?? 'none'}
        </dd>
        <dt>Matching at build time</dt>
        <dd>
          {formatCount(manifest.provenance.store_counts.traces_matching)} of {formatCount(manifest.provenance.store_counts.traces_total)} stored
        </dd>
        <dt>Created</dt>
        <dd>{formatDate(manifest.created_at)}</dd>
        <dt>Build</dt>
        <dd>
          <code>{manifest.build_id}</code>
        </dd>
        {manifest.parent_dataset_id && (
          <>
            <dt>Parent</dt>
            <dd>
              <a href={hrefFor({ name: 'dataset', key: manifest.parent_dataset_id })}>{manifest.parent_dataset_id}</a>
            </dd>
          </>
        )}
      </dl>
      {missingIds && missingIds.length > 0 && (
        <p class="notice notice--warn" role="alert">
          {formatCount(missingIds.length)} of its traces were deleted from the store since the build; an export lists them instead of writing them.
        </p>
      )}
      <StatsCharts stats={manifest.stats} />
      <ExportPanel manifest={manifest} />
      <section class="manifest" aria-labelledby="manifest-title">
        <h2 id="manifest-title">Manifest</h2>
        <button type="button" onClick={() => downloadText('manifest.json', [manifestToJson(manifest)])}>
          Download manifest.json
        </button>
        <pre class="text-block code" aria-label="Manifest (id lists shortened)" tabIndex={0}>
          {shortenedManifest(manifest)}
        </pre>
      </section>
      {confirming && (
        <ConfirmDialog title={`Delete dataset ${manifest.dataset_key}?`} confirmLabel="Delete" onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>This removes the manifest. The traces stay in the store. The key stays free for a new build.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
