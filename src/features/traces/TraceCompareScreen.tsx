// Two traces side by side (#/compare/<left>/<right>).
import { hrefFor } from '../../app/router';
import { TraceView } from './TraceView';
import { useTrace } from './use-trace';

function Column({ id, label }: { id: string; label: string }) {
  const trace = useTrace(id);
  return (
    <div class="compare-column" aria-label={label} role="region">
      <h2>
        {label}: <a href={hrefFor({ name: 'trace', id })}>open</a>
      </h2>
      {trace === undefined && <p>Loading…</p>}
      {trace === null && (
        <p class="notice notice--error">
          No trace with id <code>{id}</code>.
        </p>
      )}
      {trace && <TraceView trace={trace} headingLevel={3} />}
    </div>
  );
}

export function TraceCompareScreen({ leftId, rightId }: { leftId: string; rightId: string }) {
  return (
    <section class="screen compare-screen" aria-labelledby="compare-title">
      <div class="toolbar">
        <a href={hrefFor({ name: 'traces' })}>← All traces</a>
        <h1 id="compare-title">Compare traces</h1>
      </div>
      <div class="compare-grid">
        <Column id={leftId} label="Left" />
        <Column id={rightId} label="Right" />
      </div>
    </section>
  );
}
