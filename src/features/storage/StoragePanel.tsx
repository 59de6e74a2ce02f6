// Storage usage: what the browser reports (used of quota, by kind where it says), whether the
// data is protected from eviction (with the request button), and rows and approximate size per
// table, largest first.
import { formatBytes, requestPersistentStorage, storageStatus } from '../../app/storage';
import { formatCount } from '../../ui/format';
import type { TableUsage } from '../../db/storage-repository';
import { tableLabel } from './table-labels';

function UsageLine() {
  const { usageBytes, quotaBytes, details } = storageStatus.value;
  if (usageBytes === null || !quotaBytes) return <p>This browser does not report how much storage the app uses.</p>;
  const percent = (usageBytes / quotaBytes) * 100;
  return (
    <>
      <p>
        <strong>{formatBytes(usageBytes)}</strong> used of <strong>{formatBytes(quotaBytes)}</strong> the browser allows this app ({percent < 0.1 ? '< 0.1' : percent.toFixed(1)}%).
      </p>
      {details && Object.keys(details).length > 0 && (
        <p class="muted">
          {Object.entries(details)
            .map(([kind, bytes]) => `${kind}: ${formatBytes(bytes)}`)
            .join(' · ')}
        </p>
      )}
    </>
  );
}

function Persistence() {
  const { persisted } = storageStatus.value;
  if (persisted) {
    return <p class="notice notice--ok">Persistent storage is granted: the browser will not evict this app's data when disk space runs low.</p>;
  }
  return (
    <div class="notice notice--warn">
      <p>
        Persistent storage is {persisted === null ? 'not available in this browser' : 'not granted'}: under storage pressure the browser may delete this
        app's data. Installing the app or bookmarking it makes a grant more likely; keep a backup either way.
      </p>
      {persisted === false && (
        <button type="button" onClick={() => void requestPersistentStorage()}>
          Request persistent storage
        </button>
      )}
    </div>
  );
}

export function StoragePanel({ tables }: { tables: TableUsage[] | null }) {
  const sorted = tables ? [...tables].sort((a, b) => b.approxBytes - a.approxBytes || a.name.localeCompare(b.name)) : null;
  return (
    <section class="storage-panel" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage</h2>
      <UsageLine />
      <Persistence />
      {sorted === null ? (
        <p class="muted">Counting rows…</p>
      ) : (
        <table class="data-table">
          <caption>Rows and approximate size per table</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Rows</th>
              <th scope="col">Approximate size</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((table) => (
              <tr key={table.name}>
                <th scope="row">
                  {tableLabel(table.name)} <code class="muted">{table.name}</code>
                </th>
                <td>{formatCount(table.rows)}</td>
                <td>{table.rows === 0 ? '—' : `≈ ${formatBytes(table.approxBytes)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
