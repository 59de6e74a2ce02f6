// The Train screen: choose a dataset, a preset or custom model and training config, a backend;
// start from scratch, a shipped base model or an imported bundle; import/export the config; Start;
// then watch the run live (loss,
// learning rate, tokens/s, ETA, the backend that runs, samples) and cancel it. Only one tab trains
// at a time: while any run is unfinished the form waits and the panel shows that run, wherever
// it trains. Then the backend check.
import { useEffect, useState } from 'preact/hooks';
import { signal } from '@preact/signals';
import { hrefFor } from '../../app/router';
import { appDatabase } from '../../db/database';
import { onDatabaseChange } from '../../db/changes';
import { unfinishedRuns } from '../../db/runs-repository';
import { DEFAULT_SETUP, type TrainSetup } from '../../runs/config-file';
import type { ValidationIssue } from '../../traces/types';
import { useDatasetList } from '../datasets/use-datasets';
import { RunLivePanel } from '../runs/RunLivePanel';
import { BackendCheck } from './BackendCheck';
import { ConfigFiles, type BaseModel } from './ConfigFiles';
import { TrainForm } from './TrainForm';
import { StartFrom } from './StartFrom';
import { draftFromSetup, setupFromDraft, trainDraft, withBaseShape, withStart } from './train-draft';
import { startTraining, trainingError, trainingInTab } from './train-client';
import { evaluateAfterTraining, evaluateBeforeAndAfter } from '../evaluate/before-after';
import { bundledEvalSets } from '../evalsets/bundled-evalsets';

/** The run this tab showed last (kept on screen after it ends), the chosen base model and the last imported bundle. */
const lastRunId = signal<string | null>(null);
const baseModel = signal<BaseModel | null>(null);
const importedBundle = signal<BaseModel | null>(null);

/** Starts from `next` (null: from scratch): the shape follows the base, the default learning rate the start. */
function chooseBase(next: BaseModel | null): void {
  baseModel.value = next;
  trainDraft.value = withStart(trainDraft.value, next ? next.config : null);
}

/** The oldest unfinished run in the store (trained by this or another tab), kept current. */
function useUnfinishedRun(): string | null | undefined {
  const [runId, setRunId] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const load = () => void unfinishedRuns(appDatabase()).then((runs) => setRunId(runs[0]?.run_id ?? null));
    load();
    return onDatabaseChange((table) => table === 'runs' && load());
  }, []);
  return runId;
}

export function TrainScreen() {
  const datasets = useDatasetList();
  const unfinished = useUnfinishedRun();
  const draft = trainDraft.value;
  const [errors, setErrors] = useState<ValidationIssue[]>([]);
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const base = baseModel.value;
  const inTab = trainingInTab.value;
  const busy = starting || inTab !== null || (unfinished !== null && unfinished !== undefined);
  const shownRun = inTab?.runId ?? unfinished ?? lastRunId.value;

  useEffect(() => {
    const live = inTab?.runId ?? unfinished;
    if (live) lastRunId.value = live;
  }, [inTab?.runId, unfinished]);

  useEffect(() => {
    // Preselect the newest dataset the first time there is one.
    if (datasets && datasets.length > 0 && !datasets.some((d) => d.dataset_key === draft.dataset_key)) trainDraft.value = { ...draft, dataset_key: datasets[0]!.dataset_key };
  }, [datasets]);

  if (datasets === null) return <p class="muted">Loading datasets…</p>;
  if (datasets.length === 0) {
    return (
      <section class="empty-state" aria-labelledby="train-title">
        <h1 id="train-title">Train</h1>
        <p>There is no dataset to train on yet. Generate demo traces or import your own, then build a dataset (with a train/eval split, to measure the held-out loss).</p>
        <div class="actions">
          <a class="button primary" href={hrefFor({ name: 'generate' })}>Generate demo data</a>
          <a class="button" href={hrefFor({ name: 'datasets' })}>Build a dataset</a>
        </div>
        <BackendCheck />
      </section>
    );
  }

  const checked = setupFromDraft(draft);
  const current: TrainSetup = checked.ok ? checked.value : { ...DEFAULT_SETUP, dataset_key: draft.dataset_key || null };
  const start = async () => {
    setStartError(null);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors([]);
    setStarting(true);
    const setup = { ...checked.value, dataset_key: draft.dataset_key };
    const outcome = await startTraining({ setup, ...(draft.name.trim() ? { name: draft.name.trim() } : {}), ...(base ? { base } : {}) });
    setStarting(false);
    if (!outcome.ok) return setStartError(outcome.error);
    lastRunId.value = outcome.runId;
    const evalsetId = evaluateAfterTraining.value;
    if (evalsetId !== '') {
      void outcome.done.then(async (run) => {
        if (run.status !== 'completed') return;
        const problem = await evaluateBeforeAndAfter(run, evalsetId);
        if (problem) setStartError(`Trained, but the before/after evaluation did not run: ${problem}`);
      });
    }
  };

  return (
    <section class="screen train-screen" aria-labelledby="train-title">
      <h1 id="train-title">Train</h1>
      <p class="lede">
        Supervised fine-tuning in this browser: the loss counts completion tokens only, checkpoints are kept in IndexedDB, and a run survives closing the tab (it resumes from its last
        checkpoint when the app opens again).
      </p>
      <ConfigFiles
        setup={checked.ok ? checked.value : null}
        current={current}
        onImport={(setup) => {
          const next = draftFromSetup({ ...setup, dataset_key: setup.dataset_key ?? draft.dataset_key }, draft.name);
          trainDraft.value = base ? withBaseShape(next, base.config) : next;
        }}
        onBundle={(bundle) => {
          importedBundle.value = bundle;
          chooseBase(bundle);
        }}
        disabled={busy}
      />
      <StartFrom base={base} imported={importedBundle.value} onBase={chooseBase} disabled={busy} />
      <TrainForm draft={draft} onChange={(next) => (trainDraft.value = next)} datasets={datasets} errors={errors} disabled={busy} shapeLocked={base !== null} />
      {errors.length > 0 && (
        <p class="notice notice--error" role="alert">
          Fix the {errors.length === 1 ? 'field' : `${errors.length} fields`} marked above: {errors.map((e) => `${e.path} ${e.message}`).join('; ')}.
        </p>
      )}
      {(startError ?? trainingError.value) && <p class="notice notice--error" role="alert">Could not train: {startError ?? trainingError.value}</p>}
      <div class="field">
        <label for="evaluate-after">When the run completes, evaluate before and after on</label>
        <select id="evaluate-after" value={evaluateAfterTraining.value} onChange={(e) => (evaluateAfterTraining.value = e.currentTarget.value)} disabled={busy}>
          <option value="">Nothing (evaluate later)</option>
          {bundledEvalSets().map((set) => (
            <option key={set.name} value={set.name}>
              {set.name}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void start()} disabled={busy}>
          {starting ? 'Starting…' : 'Start training'}
        </button>
        {busy && !starting && <span class="muted">One run trains at a time: wait for the run below to end, or cancel it.</span>}
      </div>
      {shownRun && (
        <section class="current-run" aria-labelledby="current-run-title">
          <h2 id="current-run-title">
            Current run · <a href={hrefFor({ name: 'run', id: shownRun })}>details</a>
          </h2>
          <RunLivePanel runId={shownRun} />
        </section>
      )}
      <BackendCheck />
    </section>
  );
}
