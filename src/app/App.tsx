// The app shell: header navigation, storage status, the routed screen, and a page-wide drop
// target that sends dropped files to the import screen.
import { useEffect, useState } from 'preact/hooks';
import { currentRoute, hrefFor, navigate, type Route } from './router';
import { refreshStorageStatus, requestPersistentStorage } from './storage';
import { StorageIndicator } from './StorageIndicator';
import { TracesScreen } from '../features/traces/TracesScreen';
import { TraceDetailScreen } from '../features/traces/TraceDetailScreen';
import { TraceCompareScreen } from '../features/traces/TraceCompareScreen';
import { ImportScreen } from '../features/importer/ImportScreen';
import { GenerateScreen } from '../features/generate/GenerateScreen';
import { DatasetsScreen } from '../features/datasets/DatasetsScreen';
import { DatasetDetailScreen } from '../features/datasets/DatasetDetailScreen';
import { EvalSetsScreen } from '../features/evalsets/EvalSetsScreen';
import { EvalSetDetailScreen } from '../features/evalsets/EvalSetDetailScreen';
import { TrainScreen } from '../features/train/TrainScreen';
import { RunsScreen } from '../features/runs/RunsScreen';
import { RunDetailScreen } from '../features/runs/RunDetailScreen';
import { resumeInterruptedRuns, resumeOrphanedRuns } from '../features/train/train-client';
import { EvaluateScreen } from '../features/evaluate/EvaluateScreen';
import { EvaluationDetailScreen } from '../features/evaluate/EvaluationDetailScreen';
import { DeltaReportScreen } from '../features/evaluate/DeltaReportScreen';
import { RunCompareScreen } from '../features/runs/RunCompareScreen';
import { ModelsScreen } from '../features/models/ModelsScreen';
import { LeaderboardScreen } from '../features/leaderboard/LeaderboardScreen';
import { SweepsScreen } from '../features/sweeps/SweepsScreen';
import { SweepDetailScreen } from '../features/sweeps/SweepDetailScreen';
import { resumeSweeps } from '../features/sweeps/sweep-controller';
import { StorageScreen } from '../features/storage/StorageScreen';
import { queuedImportFiles } from '../features/importer/import-state';
import { onDatabaseChange } from '../db/changes';
import { applyAvailableUpdate, installPrompt, promptInstall, updateAvailable } from './pwa';
import { DatabaseNotice } from './DatabaseNotice';

const NAV: { label: string; route: Route; matches: Route['name'][] }[] = [
  { label: 'Traces', route: { name: 'traces' }, matches: ['traces', 'trace', 'compare'] },
  { label: 'Import', route: { name: 'import' }, matches: ['import'] },
  { label: 'Generate', route: { name: 'generate' }, matches: ['generate'] },
  { label: 'Datasets', route: { name: 'datasets' }, matches: ['datasets', 'dataset'] },
  { label: 'Eval sets', route: { name: 'evalsets' }, matches: ['evalsets', 'evalset'] },
  { label: 'Train', route: { name: 'train' }, matches: ['train'] },
  { label: 'Runs', route: { name: 'runs' }, matches: ['runs', 'run'] },
  { label: 'Evaluate', route: { name: 'evaluate' }, matches: ['evaluate', 'evaluation', 'evaluation_compare'] },
  { label: 'Leaderboard', route: { name: 'leaderboard' }, matches: ['leaderboard'] },
  { label: 'Sweeps', route: { name: 'sweeps' }, matches: ['sweeps', 'sweep'] },
  { label: 'Models', route: { name: 'models' }, matches: ['models'] },
  { label: 'Storage', route: { name: 'storage' }, matches: ['storage'] },
];

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'traces':
      return <TracesScreen />;
    case 'trace':
      return <TraceDetailScreen id={route.id} />;
    case 'compare':
      return <TraceCompareScreen leftId={route.left} rightId={route.right} />;
    case 'import':
      return <ImportScreen />;
    case 'generate':
      return <GenerateScreen />;
    case 'datasets':
      return <DatasetsScreen />;
    case 'dataset':
      return <DatasetDetailScreen datasetKey={route.key} />;
    case 'evalsets':
      return <EvalSetsScreen />;
    case 'evalset':
      return <EvalSetDetailScreen id={route.id} />;
    case 'train':
      return <TrainScreen />;
    case 'runs':
      return <RunsScreen />;
    case 'run':
      return <RunDetailScreen id={route.id} />;
    case 'evaluate':
      return <EvaluateScreen />;
    case 'evaluation':
      return <EvaluationDetailScreen id={route.id} />;
    case 'evaluation_compare':
      return <DeltaReportScreen beforeId={route.before} afterId={route.after} />;
    case 'run_compare':
      return <RunCompareScreen ids={route.ids} />;
    case 'models':
      return <ModelsScreen />;
    case 'leaderboard':
      return <LeaderboardScreen {...(route.evalset ? { evalset: route.evalset } : {})} />;
    case 'sweeps':
      return <SweepsScreen />;
    case 'sweep':
      return <SweepDetailScreen id={route.id} />;
    case 'storage':
      return <StorageScreen />;
    case 'not_found':
      return (
        <section class="empty-state">
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>. <a href={hrefFor({ name: 'traces' })}>Go to the traces</a>.
          </p>
        </section>
      );
  }
}

export function App() {
  const route = currentRoute.value;
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    void requestPersistentStorage();
    // A run a closed tab left unfinished continues here (once no other tab is training).
    const failed = (error: unknown) => console.error('resuming interrupted runs failed', error);
    resumeInterruptedRuns().catch(failed);
    resumeSweeps().catch((error: unknown) => console.error('resuming sweeps failed', error));
    return onDatabaseChange((table, remote) => {
      void refreshStorageStatus();
      if (table === 'runs' && remote) resumeOrphanedRuns().catch(failed);
    });
  }, []);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length === 0) return;
    queuedImportFiles.value = files;
    navigate({ name: 'import' });
  };

  return (
    <div
      class={`app ${dragging ? 'app--dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (event.relatedTarget === null) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header class="app-header">
        <a class="brand" href={hrefFor({ name: 'traces' })}>
          tunix-rt <span>web</span>
        </a>
        <nav aria-label="Main">
          {NAV.map((item) => (
            <a key={item.label} href={hrefFor(item.route)} aria-current={item.matches.includes(route.name) ? 'page' : undefined}>
              {item.label}
            </a>
          ))}
        </nav>
        {installPrompt.value && (
          <button type="button" class="header-button" onClick={() => void promptInstall()}>
            Install app
          </button>
        )}
        <StorageIndicator />
      </header>
      <DatabaseNotice />
      {updateAvailable.value && (
        <div class="update-banner" role="status">
          A new version of tunix-rt web is ready.{' '}
          <button type="button" onClick={applyAvailableUpdate}>
            Reload to update
          </button>
        </div>
      )}
      <main class="app-main">
        <Screen route={route} />
      </main>
      {dragging && (
        <div class="drop-overlay" aria-hidden="true">
          Drop .jsonl or .json files to import them
        </div>
      )}
    </div>
  );
}
