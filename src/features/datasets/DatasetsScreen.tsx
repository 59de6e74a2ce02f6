// The Datasets screen: the stored builds (key, count, strategy, created) and the build form,
// opened with a draft when the trace browser or a rebuild sent one.
import { useEffect, useState } from 'preact/hooks';
import { hrefFor } from '../../app/router';
import { formatCount, formatDate } from '../../ui/format';
import { BuildForm } from './BuildForm';
import { EMPTY_DRAFT, pendingDraft } from './build-draft';
import { useDatasetList } from './use-datasets';

export function DatasetsScreen() {
  const datasets = useDatasetList();
  // A draft sent here is used once: coming back later opens an empty form.
  const [initial] = useState(() => pendingDraft.peek() ?? EMPTY_DRAFT);
  useEffect(() => {
    pendingDraft.value = null;
  }, []);

  return (
    <section class="screen datasets-screen" aria-labelledby="datasets-title">
      <h1 id="datasets-title">Datasets</h1>
      <p class="lede">Versioned, reproducible builds: the same store, request and seed give the same traces in the same order.</p>
      {datasets && datasets.length > 0 ? (
        <table class="data-table compact">
          <caption>Stored datasets</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Traces</th>
              <th scope="col">Split</th>
              <th scope="col">Strategy</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {datasets.map((item) => (
              <tr key={item.build_id}>
                <td>
                  <a href={hrefFor({ name: 'dataset', key: item.dataset_key })}>{item.dataset_key}</a>
                </td>
                <td>{formatCount(item.trace_count)}</td>
                <td>{item.split ? `${formatCount(item.split.train)} / ${formatCount(item.split.eval)}` : '—'}</td>
                <td>{item.selection_strategy}</td>
                <td>{formatDate(item.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        datasets && <p class="empty-inline">No datasets yet: build the first one below.</p>
      )}
      <BuildForm initial={initial} />
    </section>
  );
}
