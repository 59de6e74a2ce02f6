// "What to delete to free space": the largest things the person can remove, biggest kinds first
// (checkpoints, then traces, then datasets), each with where to delete it.
import { formatBytes } from '../../app/storage';
import { hrefFor } from '../../app/router';
import { formatCount } from '../../ui/format';
import type { StorageUsage } from './use-storage-usage';

const SHOWN = 5;

export function FreeSpaceList({ usage }: { usage: StorageUsage }) {
  const traceBytes = usage.tables.filter((table) => table.name.startsWith('trace_')).reduce((sum, table) => sum + table.approxBytes, 0);
  const checkpointBytes = usage.checkpoints.reduce((sum, run) => sum + run.approxBytes, 0);
  const nothing = usage.checkpoints.length === 0 && usage.traces === 0 && usage.datasets.length === 0;
  return (
    <section class="storage-panel" aria-labelledby="free-title">
      <h2 id="free-title">What to delete to free space</h2>
      {nothing && <p class="muted">Nothing is stored yet.</p>}
      {usage.checkpoints.length > 0 && (
        <div>
          <h3>Checkpoints: ≈ {formatBytes(checkpointBytes)}</h3>
          <p class="muted">Weights and optimizer state, about three times the model's size each. A finished run needs only its last checkpoint to evaluate.</p>
          <ul>
            {usage.checkpoints.slice(0, SHOWN).map((run) => (
              <li key={run.runId}>
                {run.runName ?? 'Run'} <code>{run.runId}</code>: {formatCount(run.checkpoints)} checkpoint{run.checkpoints === 1 ? '' : 's'}, ≈ {formatBytes(run.approxBytes)}
              </li>
            ))}
          </ul>
        </div>
      )}
      {usage.traces > 0 && (
        <div>
          <h3>Traces: ≈ {formatBytes(traceBytes)}</h3>
          <p>
            {formatCount(usage.traces)} traces. <a href={hrefFor({ name: 'traces' })}>Filter, select and delete traces</a> in the trace browser (datasets that name
            them report the missing ones).
          </p>
        </div>
      )}
      {usage.datasets.length > 0 && (
        <div>
          <h3>Datasets</h3>
          <p class="muted">A dataset stores the ids of its traces, not their text: deleting one frees little; its traces stay.</p>
          <ul>
            {usage.datasets.slice(0, SHOWN).map((dataset) => (
              <li key={dataset.dataset_key}>
                <a href={hrefFor({ name: 'dataset', key: dataset.dataset_key })}>{dataset.dataset_key}</a>: {formatCount(dataset.trace_count)} traces
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
