// The dataset build form: filters with a live count of matching traces (index lookups), the
// selection strategy and its options, an optional seeded split, and the build. Errors come back
// as values with the field's path; a taken key names the existing build.
import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { appDatabase } from '../../db/database';
import { buildAndStoreDataset, countMatchingTraces } from '../../db/datasets-repository';
import { onDatabaseChange } from '../../db/changes';
import { SELECTION_STRATEGIES, STRATIFY_MODES, type SelectionStrategy, type StratifyMode } from '../../datasets/types';
import type { ValidationIssue } from '../../traces/types';
import { navigate } from '../../app/router';
import { formatCount } from '../../ui/format';
import { APP_VERSION, filtersFromDraft, requestFromDraft, withStrategy, type BuildDraft } from './build-draft';

const COUNT_DEBOUNCE_MS = 200;

const STRATEGY_LABELS: Record<SelectionStrategy, string> = {
  latest: 'Latest (newest first)',
  random: 'Random (seeded)',
  all: 'All matching',
  stratified: 'Stratified by a meta key (seeded)',
};

function useLiveCount(draft: BuildDraft): { count: number | null; error: string | null } {
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => onDatabaseChange((table) => table === 'traces' && setVersion((v) => v + 1)), []);
  const key = JSON.stringify(filtersFromDraft(draft));
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      countMatchingTraces(appDatabase(), filtersFromDraft(draft))
        .then((n) => !cancelled && (setCount(n), setError(null)))
        .catch((reason: unknown) => !cancelled && setError(reason instanceof Error ? reason.message : String(reason)));
    }, COUNT_DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [key, version]);
  return { count, error };
}

function Field({ label, children, hint }: { label: string; children: ComponentChildren; hint?: string }) {
  return (
    <div class="field">
      <label class="field">
        <span>{label}</span>
        {children}
      </label>
      {hint && <small class="muted">{hint}</small>}
    </div>
  );
}

export function BuildForm({ initial }: { initial: BuildDraft }) {
  const [draft, setDraft] = useState<BuildDraft>(initial);
  const [errors, setErrors] = useState<ValidationIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const live = useLiveCount(draft);
  useEffect(() => setDraft(initial), [initial]);

  const set = <K extends keyof BuildDraft>(field: K, value: BuildDraft[K]) => setDraft((previous) => ({ ...previous, [field]: value }));
  const bind = (field: 'name' | 'version' | 'source' | 'createdFrom' | 'createdTo' | 'minSteps' | 'maxSteps' | 'minScore' | 'seed' | 'limit' | 'stratifyKey' | 'evalFraction') => ({
    value: draft[field],
    onInput: (event: Event) => set(field, (event.currentTarget as HTMLInputElement).value),
  });
  const seeded = draft.strategy === 'random' || draft.strategy === 'stratified' || draft.split;

  const build = async () => {
    setBusy(true);
    setErrors([]);
    try {
      const result = await buildAndStoreDataset(appDatabase(), requestFromDraft(draft), { appVersion: APP_VERSION });
      if (result.ok) navigate({ name: 'dataset', key: result.value.dataset_key });
      else setErrors(result.errors);
    } catch (error) {
      setErrors([{ path: '', message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="build-form"
      aria-labelledby="build-title"
      onSubmit={(event) => {
        event.preventDefault();
        void build();
      }}
    >
      <h2 id="build-title">Build a dataset</h2>
      {draft.notes.length > 0 && (
        <ul class="notice notice--warn">
          {draft.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <div class="form-grid">
        <Field label="Name">
          <input required {...bind('name')} />
        </Field>
        <Field label="Version" hint="the key is name-version; an existing key is never overwritten">
          <input required {...bind('version')} />
        </Field>
      </div>
      <fieldset>
        <legend>Filters (all must hold)</legend>
        <Field label="Meta filters (key=value, one per line)">
          <textarea rows={2} value={draft.meta} onInput={(event) => set('meta', event.currentTarget.value)} />
        </Field>
        <div class="form-grid">
          <Field label="Source">
            <input {...bind('source')} placeholder="any" />
          </Field>
          <Field label="Created from">
            <input {...bind('createdFrom')} placeholder="2026-01-01T00:00:00Z" />
          </Field>
          <Field label="Created to">
            <input {...bind('createdTo')} placeholder="ISO-8601 time" />
          </Field>
          <Field label="Min steps">
            <input type="number" min={0} {...bind('minSteps')} />
          </Field>
          <Field label="Max steps">
            <input type="number" min={0} {...bind('maxSteps')} />
          </Field>
          <Field label="Min baseline score">
            <input type="number" min={0} max={100} {...bind('minScore')} />
          </Field>
        </div>
        <p class="count" role="status" aria-live="polite">
          {live.error ?? (live.count === null ? 'Counting matching traces…' : `${formatCount(live.count)} traces match`)}
        </p>
      </fieldset>
      <fieldset>
        <legend>Selection</legend>
        <div class="form-grid">
          <Field label="Selection strategy">
            <select value={draft.strategy} onChange={(event) => { const strategy = event.currentTarget.value as SelectionStrategy; setDraft((previous) => withStrategy(previous, strategy)); }}>
              {SELECTION_STRATEGIES.map((strategy) => (
                <option key={strategy} value={strategy}>
                  {STRATEGY_LABELS[strategy]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Limit" hint={draft.strategy === 'all' ? 'optional for all' : '1 to 1,000,000'}>
            <input type="number" min={1} max={1_000_000} {...bind('limit')} />
          </Field>
          <Field label="Seed" hint={seeded ? 'required: the same seed gives the same dataset' : 'not used'}>
            <input type="number" {...bind('seed')} />
          </Field>
          {draft.strategy === 'stratified' && (
            <>
              <Field label="Stratify by (meta key)">
                <input {...bind('stratifyKey')} />
              </Field>
              <Field label="Stratify mode">
                <select value={draft.stratifyMode} onChange={(event) => set('stratifyMode', event.currentTarget.value as StratifyMode)}>
                  {STRATIFY_MODES.map((mode) => (
                    <option key={mode} value={mode}>
                      {mode}
                    </option>
                  ))}
                </select>
              </Field>
            </>
          )}
        </div>
        <label class="inline">
          <input type="checkbox" checked={draft.split} onChange={(event) => set('split', event.currentTarget.checked)} /> Train/eval split
        </label>
        {draft.split && (
          <Field label="Eval fraction">
            <input type="number" min={0.01} max={0.99} step={0.01} {...bind('evalFraction')} />
          </Field>
        )}
        {draft.parentDatasetId && <p class="muted">Rebuild of {draft.parentDatasetId} (recorded as its parent).</p>}
      </fieldset>
      {errors.length > 0 && (
        <ul class="notice notice--error" role="alert">
          {errors.map((error) => (
            <li key={`${error.path}:${error.message}`}>
              {error.path && <code>{error.path}</code>} {error.message}
            </li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Building…' : 'Build dataset'}
        </button>
      </div>
    </form>
  );
}
