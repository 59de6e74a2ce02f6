// The Train form's fields: dataset, run name, model preset and shape, training settings (common
// ones shown, the rest under Advanced), backend and system instruction. Each numeric field shows
// its own error. Controlled by the screen through `draft` and `onChange`; starts nothing itself.
import type { ComponentChildren } from 'preact';
import type { DatasetListItem } from '../../db/datasets-repository';
import { MODEL_PRESETS, type ModelPresetName } from '../../model/config';
import type { BackendRequest } from '../../train/backend';
import type { ValidationIssue } from '../../traces/types';
import { formatCount } from '../../ui/format';
import { ADVANCED_FIELDS, FIELD_LABELS, MODEL_FIELDS, TRAIN_FIELDS, withPreset, type NumberField, type TrainDraft } from './train-draft';

const BACKENDS: { value: BackendRequest; label: string }[] = [
  { value: 'auto', label: 'Auto (WebGPU, then WebGL, then WASM, then CPU)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'wasm', label: 'WASM' },
  { value: 'cpu', label: 'CPU (plain JavaScript, slow)' },
];

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

interface TrainFormProps {
  draft: TrainDraft;
  onChange: (draft: TrainDraft) => void;
  datasets: DatasetListItem[];
  errors: ValidationIssue[];
  disabled: boolean;
  /** The model shape is fixed by the base model being fine-tuned. */
  shapeLocked: boolean;
}

export function TrainForm({ draft, onChange, datasets, errors, disabled, shapeLocked }: TrainFormProps) {
  const errorOf = (path: string) => errors.find((e) => e.path === path)?.message;
  const number = (field: NumberField) => {
    const id = `train-${field}`;
    const error = errorOf(field);
    const locked = shapeLocked && (MODEL_FIELDS as readonly string[]).includes(field) && field !== 'dropout';
    return (
      <Field key={field} id={id} label={FIELD_LABELS[field]} {...(error ? { error } : {})}>
        <input
          id={id}
          type="number"
          step="any"
          value={draft.numbers[field]}
          disabled={disabled || locked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(event) => {
            const numbers = { ...draft.numbers, [field]: event.currentTarget.value };
            const shapeChanged = ['context', 'layers', 'heads', 'dim'].includes(field);
            onChange({ ...draft, numbers, preset: shapeChanged ? 'custom' : draft.preset });
          }}
        />
      </Field>
    );
  };
  const selected = datasets.find((d) => d.dataset_key === draft.dataset_key);
  return (
    <fieldset class="train-form" disabled={disabled}>
      <legend>Run setup</legend>
      <div class="form-grid">
        <Field id="train-dataset" label="Dataset" {...(errorOf('dataset_key') ? { error: errorOf('dataset_key') } : {})}>
          <select id="train-dataset" value={draft.dataset_key} onChange={(e) => onChange({ ...draft, dataset_key: e.currentTarget.value })}>
            <option value="">Choose a dataset…</option>
            {datasets.map((d) => (
              <option key={d.build_id} value={d.dataset_key}>
                {d.dataset_key} ({formatCount(d.trace_count)} traces{d.split ? `, ${formatCount(d.split.eval)} held out` : ''})
              </option>
            ))}
          </select>
        </Field>
        <Field id="train-name" label="Run name (optional)">
          <input id="train-name" value={draft.name} onInput={(e) => onChange({ ...draft, name: e.currentTarget.value })} />
        </Field>
        <Field id="train-backend" label="Backend">
          <select id="train-backend" value={draft.backend} onChange={(e) => onChange({ ...draft, backend: e.currentTarget.value as BackendRequest })}>
            {BACKENDS.map((b) => (
              <option key={b.value} value={b.value}>
                {b.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {selected && !selected.split && <p class="muted">This dataset has no eval split: the run has no held-out loss. Build one with a train/eval split to measure it.</p>}
      <h3>Model</h3>
      <div class="form-grid">
        <Field id="train-preset" label="Model preset">
          <select id="train-preset" value={draft.preset} disabled={shapeLocked} onChange={(e) => onChange(withPreset(draft, e.currentTarget.value as ModelPresetName | 'custom'))}>
            {(Object.keys(MODEL_PRESETS) as ModelPresetName[]).map((name) => (
              <option key={name} value={name}>
                {name} (dim {MODEL_PRESETS[name].dim}, {MODEL_PRESETS[name].layers} layers, context {MODEL_PRESETS[name].context})
              </option>
            ))}
            <option value="custom">custom</option>
          </select>
        </Field>
        {MODEL_FIELDS.map(number)}
      </div>
      <h3>Training</h3>
      <div class="form-grid">{TRAIN_FIELDS.map(number)}</div>
      <details>
        <summary>Advanced</summary>
        <div class="form-grid">{ADVANCED_FIELDS.map(number)}</div>
        <Field id="train-system" label="System instruction (put first in every user turn; empty for none)">
          <textarea id="train-system" rows={2} value={draft.system_instruction} onInput={(e) => onChange({ ...draft, system_instruction: e.currentTarget.value })} />
        </Field>
      </details>
    </fieldset>
  );
}
