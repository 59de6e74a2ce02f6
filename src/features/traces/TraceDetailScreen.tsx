// The detail screen of one trace (#/traces/<id>), with delete.
import { useState } from 'preact/hooks';
import { appDatabase } from '../../db/database';
import { deleteTraces } from '../../db/trace-store';
import { hrefFor, navigate } from '../../app/router';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { firstLine } from '../../ui/format';
import { TraceView } from './TraceView';
import { useTrace } from './use-trace';

export function TraceDetailScreen({ id }: { id: string }) {
  const trace = useTrace(id);
  const [confirming, setConfirming] = useState(false);
  if (trace === undefined) return <p aria-live="polite">Loading…</p>;
  if (trace === null) {
    return (
      <section class="screen empty-state">
        <h1>Trace not found</h1>
        <p>
          No trace with id <code>{id}</code> is stored in this browser. <a href={hrefFor({ name: 'traces' })}>Back to the traces</a>.
        </p>
      </section>
    );
  }
  return (
    <section class="screen detail-screen" aria-labelledby="trace-title">
      <div class="toolbar">
        <a href={hrefFor({ name: 'traces' })}>← All traces</a>
        <h1 id="trace-title">{firstLine(trace.prompt, 100)}</h1>
        <button type="button" class="danger" onClick={() => setConfirming(true)}>
          Delete trace
        </button>
      </div>
      <TraceView trace={trace} />
      {confirming && (
        <ConfirmDialog
          title="Delete this trace?"
          confirmLabel="Delete"
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void deleteTraces(appDatabase(), [id]).then(() => navigate({ name: 'traces' }));
          }}
        >
          <p>It is removed from this browser's store. It cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
