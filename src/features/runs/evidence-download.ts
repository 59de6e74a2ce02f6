// Builds and downloads a run's evidence bundle: the run manifest, metrics, the dataset manifest,
// and, when the run was evaluated before (untrained) and after on one eval set, that set's README
// and hash with the delta report and eval_summary.json. Reads through the repositories.
import { getDataset } from '../../db/datasets-repository';
import { appDatabase } from '../../db/database';
import { listEvaluations } from '../../db/evaluations-repository';
import { readMetrics } from '../../db/runs-repository';
import { evalSummaryJson, renderDeltaReportMarkdown } from '../../evaluate/delta';
import type { EvaluationRecord } from '../../evaluate/records';
import { createZipWriter } from '../../export/zip';
import { evidenceBundleFiles } from '../../runs/evidence';
import type { RunManifest } from '../../runs/types';
import { downloadBlob } from '../../ui/download';
import { loadDeltaView } from '../evaluate/delta-view';
import { evalSetChoice } from '../sweeps/sweep-evaluation';
import { bundledEvalSets } from '../evalsets/bundled-evalsets';

/** The newest completed (untrained, trained) pair of this run's evaluations on one eval set. */
function beforeAndAfter(evaluations: readonly EvaluationRecord[], runId: string): { before: EvaluationRecord | null; after: EvaluationRecord | null } {
  const mine = evaluations
    .filter((e) => e.status === 'completed' && 'run_id' in e.model && e.model.run_id === runId)
    .sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  const after = mine.find((e) => e.model.kind === 'run') ?? null;
  const before = after ? (mine.find((e) => e.model.kind === 'untrained' && e.evalset_id === after.evalset_id && e.judge === after.judge) ?? null) : null;
  return { before, after };
}

export async function downloadEvidenceBundle(run: RunManifest): Promise<void> {
  const db = appDatabase();
  const [metrics, dataset, evaluations] = await Promise.all([readMetrics(db, run.run_id), getDataset(db, run.dataset_key), listEvaluations(db)]);
  const { before, after } = beforeAndAfter(evaluations, run.run_id);
  let evalset = null;
  let summary: string | null = null;
  let markdown: string | null = null;
  if (after) {
    const choice = await evalSetChoice(after.evalset_id);
    const readme = bundledEvalSets().find((s) => s.name === after.evalset_id)?.readme ?? `# ${choice?.name ?? after.evalset_id}\n\nImported eval set (${choice?.items.length ?? '?'} items).\n`;
    evalset = { id: after.evalset_id, sha256: after.evalset_sha256, readme };
    if (before) {
      const view = await loadDeltaView(before.id, after.id);
      if (view.ok) {
        summary = evalSummaryJson(view.report);
        markdown = renderDeltaReportMarkdown(view.report);
      }
    }
  }
  const files = evidenceBundleFiles({ run, metrics, dataset: dataset ?? null, evalset, evalSummaryJson: summary, deltaReportMarkdown: markdown, createdAt: new Date().toISOString() });
  const writer = createZipWriter();
  const encoder = new TextEncoder();
  const parts: BlobPart[] = [];
  for (const file of files) parts.push(writer.beginEntry(file.name) as BlobPart, writer.entryData(encoder.encode(file.text)) as BlobPart, writer.endEntry() as BlobPart);
  parts.push(writer.finish() as BlobPart);
  downloadBlob(`evidence-${run.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60) || 'run'}.zip`, new Blob(parts, { type: 'application/zip' }));
}
