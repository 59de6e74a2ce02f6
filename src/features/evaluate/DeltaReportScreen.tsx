// The before/after delta report of two evaluations on the same eval set and judge
// (#/evaluations/compare/<before>/<after>): overall, per-category and per-section deltas with
// 95% intervals, the items that flipped with both generations, both manifests, and downloads of
// delta_report.md and eval_summary.json.
import { useEffect, useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import { evalSummaryJson, renderDeltaReportMarkdown } from '../../evaluate/delta';
import { downloadText } from '../../ui/download';
import { formatCount } from '../../ui/format';
import { DeltaTable } from './DeltaTable';
import { FlippedItems } from './FlippedItems';
import { loadDeltaView, type DeltaView } from './delta-view';
import { percent } from './format';

export function DeltaReportScreen({ beforeId, afterId }: { beforeId: string; afterId: string }) {
  const [view, setView] = useState<DeltaView | null>(null);
  useEffect(() => {
    let live = true;
    setView(null);
    void loadDeltaView(beforeId, afterId).then((next) => live && setView(next));
    return () => {
      live = false;
    };
  }, [beforeId, afterId]);
  const back = (
    <p>
      <a href={hrefFor({ name: 'evaluate' })}>← Evaluate</a>
    </p>
  );
  if (view === null) return <p aria-live="polite">Comparing…</p>;
  if (!view.ok) {
    return (
      <section class="screen" aria-labelledby="delta-title">
        {back}
        <h1 id="delta-title">These evaluations cannot be compared</h1>
        <p class="notice notice--error" role="alert">
          {view.message}
        </p>
      </section>
    );
  }
  const { report } = view;
  const { before, after } = report;
  return (
    <section class="screen delta-report" aria-labelledby="delta-title">
      {back}
      <h1 id="delta-title">
        Delta report: {before.label} → {after.label}
      </h1>
      <p class="lede">
        {report.eval_set_id} · judge {report.judge} · {formatCount(before.scorecard.n_items)} items · format compliance {percent(before.scorecard.format_compliance)} →{' '}
        {percent(after.scorecard.format_compliance)}
      </p>
      <div class="actions">
        <button type="button" onClick={() => downloadText('delta_report.md', [renderDeltaReportMarkdown(report)], 'text/markdown')}>
          Download delta_report.md
        </button>
        <button type="button" onClick={() => downloadText('eval_summary.json', [evalSummaryJson(report)])}>
          Download eval_summary.json
        </button>
        <a class="button" href={hrefFor({ name: 'evaluation_compare', before: afterId, after: beforeId })}>
          Swap before and after
        </a>
      </div>
      <DeltaTable caption="Overall" scope="Scope" rows={[['All items', report.overall]]} />
      <DeltaTable caption="By category" scope="Category" rows={Object.entries(report.by_category)} />
      {Object.keys(report.by_section).length > 1 && <DeltaTable caption="By section" scope="Section" rows={Object.entries(report.by_section)} />}
      <p>
        Unchanged: {formatCount(report.unchanged.correct)} right in both, {formatCount(report.unchanged.wrong)} wrong in both, {formatCount(report.unchanged.skipped)} skipped in either.
      </p>
      <FlippedItems title="Flipped wrong → right" items={report.flipped_to_correct} beforeLabel={before.label} afterLabel={after.label} />
      <FlippedItems title="Flipped right → wrong" items={report.flipped_to_wrong} beforeLabel={before.label} afterLabel={after.label} />
      <details>
        <summary>Manifests</summary>
        <div class="compare-grid">
          {[before, after].map((side) => (
            <div key={side.label}>
              <h3>{side.label}</h3>
              <pre class="text-block code">{JSON.stringify(side.manifest, null, 2)}</pre>
            </div>
          ))}
        </div>
      </details>
      <p class="muted">
        <a href={hrefFor({ name: 'evaluation', id: beforeId })}>Before: {before.label}</a> · <a href={hrefFor({ name: 'evaluation', id: afterId })}>After: {after.label}</a>
      </p>
    </section>
  );
}
