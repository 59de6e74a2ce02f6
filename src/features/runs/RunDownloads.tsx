// Downloads of a run: metrics.jsonl, run_manifest.json and the model bundle of its newest
// checkpoint (model.safetensors + config.json + tokenizer.json + run_manifest.json, one zip).
import { useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { latestCheckpoint, readMetrics } from '../../db/runs-repository';
import { metricsJsonlLines, runManifestJson } from '../../runs/manifest';
import { modelBundleZip } from '../../runs/model-bundle';
import type { RunManifest } from '../../runs/types';
import { downloadBlob, downloadText } from '../../ui/download';

function fileStem(run: RunManifest): string {
  return run.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'run';
}

export function RunDownloads({ run }: { run: RunManifest }) {
  const [error, setError] = useState<string | null>(null);
  const guard = (action: () => Promise<void>) => () => {
    setError(null);
    action().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };
  const metrics = guard(async () => downloadText('metrics.jsonl', metricsJsonlLines(await readMetrics(appDatabase(), run.run_id)), 'application/x-ndjson'));
  const manifest = guard(async () => downloadText('run_manifest.json', [runManifestJson(run)]));
  const bundle = guard(async () => {
    const checkpoint = await latestCheckpoint(appDatabase(), run.run_id);
    if (!checkpoint) throw new Error('this run has no checkpoint yet');
    const { model_config: config, tokenizer, weights } = checkpoint.state;
    const zip = modelBundleZip({ config, tokenizer, weights }, [{ name: 'run_manifest.json', text: runManifestJson(run) }]);
    downloadBlob(`${fileStem(run)}-step${checkpoint.step}.zip`, new Blob([zip as BlobPart], { type: 'application/zip' }));
  });
  const hasCheckpoint = (run.checkpoints ?? []).length > 0;
  return (
    <div class="actions run-downloads">
      <button type="button" onClick={metrics}>
        Download metrics.jsonl
      </button>
      <button type="button" onClick={manifest}>
        Download run_manifest.json
      </button>
      <button type="button" onClick={bundle} disabled={!hasCheckpoint} title={hasCheckpoint ? undefined : 'No checkpoint yet'}>
        Download model bundle
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
