// The generated sets stored in this browser, newest first, each with its manifest to download.
import { useEffect, useState } from 'preact/hooks';
import type { GeneratedSetRecord } from '../../db/database';
import { appDatabase } from '../../db/database';
import { listGeneratedSets } from '../../db/trace-sink';
import { onDatabaseChange } from '../../db/changes';
import { manifestToJson } from '../../generators/manifest';
import { downloadText } from '../../ui/download';
import { formatCount, formatDate } from '../../ui/format';

export function GeneratedSetList() {
  const [sets, setSets] = useState<GeneratedSetRecord[] | null>(null);
  useEffect(() => {
    const load = () => void listGeneratedSets(appDatabase()).then(setSets);
    load();
    return onDatabaseChange((table) => table === 'generated_sets' && load());
  }, []);
  if (!sets || sets.length === 0) return null;
  return (
    <table class="data-table compact generated-sets">
      <caption>Generated sets</caption>
      <thead>
        <tr>
          <th scope="col">Generator</th>
          <th scope="col">Seed</th>
          <th scope="col">Count</th>
          <th scope="col">Stored</th>
          <th scope="col">Composition</th>
          <th scope="col">Created</th>
          <th scope="col">Manifest</th>
        </tr>
      </thead>
      <tbody>
        {sets.map((set) => (
          <tr key={set.id}>
            <td>
              {set.manifest.generator} <span class="muted">v{set.manifest.generator_version}</span>
            </td>
            <td>{set.manifest.seed}</td>
            <td>{formatCount(set.manifest.count)}</td>
            <td>
              {formatCount(set.stored)}
              {set.duplicate > 0 && <span class="muted"> ({formatCount(set.duplicate)} duplicates skipped)</span>}
            </td>
            <td class="composition">
              {Object.entries(set.manifest.composition)
                .map(([key, n]) => `${key} ${n}`)
                .join(' · ')}
            </td>
            <td>{formatDate(set.created_at)}</td>
            <td>
              <button
                type="button"
                aria-label={`Download manifest of ${set.manifest.generator} seed ${set.manifest.seed}`}
                onClick={() => downloadText(`${set.manifest.generator}-seed${set.manifest.seed}-manifest.json`, [manifestToJson(set.manifest)])}
              >
                Download manifest
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
