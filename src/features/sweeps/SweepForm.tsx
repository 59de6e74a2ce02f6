// The new-sweep form: dataset, objective (held-out loss, or eval score on an eval set), model
// preset, steps per trial, trials, seed, which parameters vary and over what range, and early
// stopping. Validates through sweepFromDraft; starting is the caller's.
import { useState } from 'preact/hooks';
import type { DatasetListItem } from '../../db/datasets-repository';
import type { ModelPresetName } from '../../model/config';
import type { SweepSpec } from '../../runs/sweep';
import type { SweepSetup } from '../../runs/sweep-plan';
import type { ValidationIssue } from '../../traces/types';
import { EMPTY_SWEEP_DRAFT, sweepFromDraft, type SweepDraft } from './sweep-draft';

interface SweepFormProps {
  datasets: DatasetListItem[];
  evalsets: { id: string; name: string }[];
  disabled: boolean;
  onStart: (spec: SweepSpec, setup: SweepSetup) => void;
}

export function SweepForm({ datasets, evalsets, disabled, onStart }: SweepFormProps) {
  const [draft, setDraft] = useState<SweepDraft>({ ...EMPTY_SWEEP_DRAFT, dataset_key: datasets[0]?.dataset_key ?? '' });
  const [errors, setErrors] = useState<ValidationIssue[]>([]);
  const set = (change: Partial<SweepDraft>) => setDraft({ ...draft, ...change });
  const text = (key: keyof SweepDraft, label: string, inputMode: 'decimal' | 'numeric' | 'text' = 'decimal') => (
    <div class="field">
      <label for={`sweep-${key}`}>{label}</label>
      <input id={`sweep-${key}`} inputMode={inputMode} value={draft[key] as string} onInput={(e) => set({ [key]: e.currentTarget.value })} />
    </div>
  );
  const check = (key: 'vary_lr' | 'vary_batch' | 'vary_warmup', label: string) => (
    <label class="check">
      <input type="checkbox" checked={draft[key]} onChange={(e) => set({ [key]: e.currentTarget.checked })} /> {label}
    </label>
  );
  const submit = (event: Event) => {
    event.preventDefault();
    const result = sweepFromDraft(draft);
    if (!result.ok) return setErrors(result.errors);
    setErrors([]);
    onStart(result.value.spec, result.value.setup);
  };
  return (
    <form class="sweep-form" onSubmit={submit} aria-labelledby="sweep-form-title">
      <h2 id="sweep-form-title">New sweep</h2>
      <div class="form-grid">
        {text('name', 'Sweep name', 'text')}
        <div class="field">
          <label for="sweep-dataset">Dataset</label>
          <select id="sweep-dataset" value={draft.dataset_key} onChange={(e) => set({ dataset_key: e.currentTarget.value })}>
            {datasets.map((d) => (
              <option key={d.dataset_key} value={d.dataset_key}>
                {d.dataset_key}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="sweep-objective">Objective</label>
          <select id="sweep-objective" value={draft.objective} onChange={(e) => set({ objective: e.currentTarget.value as SweepDraft['objective'] })}>
            <option value="heldout_loss">Held-out loss (lower is better)</option>
            <option value="eval_score">Eval score (higher is better)</option>
          </select>
        </div>
        {draft.objective === 'eval_score' && (
          <div class="field">
            <label for="sweep-evalset">Eval set</label>
            <select id="sweep-evalset" value={draft.evalset_id} onChange={(e) => set({ evalset_id: e.currentTarget.value })}>
              {evalsets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="sweep-preset">Model</label>
          <select id="sweep-preset" value={draft.preset} onChange={(e) => set({ preset: e.currentTarget.value as ModelPresetName })}>
            <option value="tiny">tiny</option>
            <option value="small">small</option>
            <option value="medium">medium</option>
          </select>
        </div>
        {text('context', 'Context (tokens)', 'numeric')}
        {text('max_steps', 'Steps per trial', 'numeric')}
        {text('trials', 'Trials', 'numeric')}
        {text('seed', 'Seed', 'numeric')}
        {text('early_stop', 'Early stop when loss exceeds the best by (ratio; blank: never)')}
      </div>
      <fieldset>
        <legend>Search space</legend>
        {check('vary_lr', 'Learning rate, log-uniform')}
        {draft.vary_lr && (
          <div class="form-grid">
            {text('lr_min', 'Learning rate from')}
            {text('lr_max', 'Learning rate to')}
          </div>
        )}
        {check('vary_batch', 'Batch size, one of')}
        {draft.vary_batch && text('batch_values', 'Batch sizes (comma-separated)', 'text')}
        {check('vary_warmup', 'Warmup steps, integer range')}
        {draft.vary_warmup && (
          <div class="form-grid">
            {text('warmup_min', 'Warmup from', 'numeric')}
            {text('warmup_max', 'Warmup to', 'numeric')}
          </div>
        )}
      </fieldset>
      {errors.length > 0 && (
        <ul class="notice notice--error" role="alert">
          {errors.map((e) => (
            <li key={`${e.path}:${e.message}`}>{`${e.path}: ${e.message}`}</li>
          ))}
        </ul>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={disabled || datasets.length === 0}>
          Start sweep
        </button>
      </div>
    </form>
  );
}
