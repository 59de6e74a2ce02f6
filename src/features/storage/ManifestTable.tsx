// A backup manifest as a table: records and sha-256 per table (tables with no records folded).
import type { BackupManifest } from '../../backup/format';
import { formatCount } from '../../ui/format';
import { tableLabel } from './table-labels';

export function ManifestTable({ manifest, caption }: { manifest: BackupManifest; caption: string }) {
  const filled = manifest.tables.filter((table) => table.count > 0);
  const empty = manifest.tables.length - filled.length;
  return (
    <details>
      <summary>
        {caption}: {filled.length} tables with records{empty > 0 ? `, ${empty} empty` : ''}
      </summary>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">Table</th>
            <th scope="col">Records</th>
            <th scope="col">sha-256</th>
          </tr>
        </thead>
        <tbody>
          {filled.map((table) => (
            <tr key={table.name}>
              <th scope="row">{tableLabel(table.name)}</th>
              <td>{formatCount(table.count)}</td>
              <td>
                <code>{table.sha256}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
