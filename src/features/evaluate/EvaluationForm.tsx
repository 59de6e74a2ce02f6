// The "new evaluation" form: which models (runs' latest checkpoints, runs' untrained starts,
// registered models), which eval set, which judge, how to decode and on which backend.
// Submitting queues one evaluation per chosen model (eval-queue.ts).
import { useState } from 'preact/hooks';
import type { EvaluableModel } from '../../db/evaluation-models';
import { DEFAULT_JUDGE, JUDGES, JUDGE_NAMES, isJudgeName } from '../../evaluate/judges';
import type { JudgeName } from '../../evaluate/judges';
import { DEFAULT_GENERATION } from '../../evaluate/runner';
import type { BackendRequest } from '../../train/backend';
import { AUTO_ORDER } from '../../train/backend';
import { isEvaluating, startEvaluations } from './eval-queue';
import type { EvaluationRequest } from './eval-client';
import { resolveEvalSet, useEvalSetOptions } from './use-evaluations';

const BACKENDS: BackendRequest[] = ['wasm', ...AUTO_ORDER.filter((name) => name !== 'wasm'), 'auto'];

function NumberField({ label, value, min, max, step, onChange, disabled }: { label: string; value: number; min: number; max: number; step?: number; onChange: (value: number) => void; disabled: boolean }) {
  return (
    <label class="field">
      <span>{label}</span>
      <input type="number" value={value} min={min} max={max} step={step ?? 1} disabled={disabled} onInput={(event) => onChange(Number(event.currentTarget.value))} />
    </label>
  );
}

export function EvaluationForm({ models }: { models: EvaluableModel[] }) {
  const evalSets = useEvalSetOptions();
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(models.slice(0, 1).map((m) => m.key)));
  const [evalSetId, setEvalSetId] = useState(evalSets[0]?.id ?? '');
  const [judge, setJudge] = useState<JudgeName>(DEFAULT_JUDGE);
  const [maxNewTokens, setMaxNewTokens] = useState(DEFAULT_GENERATION.max_new_tokens);
  const [temperature, setTemperature] = useState(0);
  const [topK, setTopK] = useState(0);
  const [seed, setSeed] = useState(0);
  const [backend, setBackend] = useState<BackendRequest>('wasm');
  const [error, setError] = useState<string | null>(null);
  const busy = isEvaluating();

  const toggle = (key: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(key);
    else next.delete(key);
    setChosen(next);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    const picked = models.filter((m) => chosen.has(m.key));
    if (picked.length === 0) return setError('Choose at least one model.');
    if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1 || maxNewTokens > 4096) return setError('New tokens must be a whole number from 1 to 4,096.');
    if (!(temperature >= 0 && temperature <= 10) || !Number.isInteger(topK) || topK < 0 || !Number.isInteger(seed) || seed < 0) return setError('Temperature must be 0 to 10; top-k and seed whole numbers ≥ 0.');
    const evalset = await resolveEvalSet(evalSetId);
    if (!evalset) return setError(`The eval set ${evalSetId} no longer exists.`);
    if (evalset.items.length === 0) return setError(`The eval set ${evalset.name} has no items.`);
    const generation = { max_new_tokens: maxNewTokens, temperature, top_k: topK, seed };
    const requests: EvaluationRequest[] = picked.map((m) => ({ model: m.model, model_label: m.label, evalset, judge, generation, backend }));
    void startEvaluations(requests);
  };

  return (
    <form class="build-form evaluate-form" onSubmit={(event) => void submit(event)} aria-label="New evaluation">
      <fieldset>
        <legend>Models</legend>
        {models.map((m) => (
          <label key={m.key}>
            <input type="checkbox" checked={chosen.has(m.key)} disabled={busy} onChange={(event) => toggle(m.key, event.currentTarget.checked)} /> {m.label}
          </label>
        ))}
      </fieldset>
      <div class="form-grid">
        <label class="field">
          <span>Eval set</span>
          <select value={evalSetId} disabled={busy} onChange={(event) => setEvalSetId(event.currentTarget.value)}>
            {evalSets.map((set) => (
              <option key={set.id} value={set.id}>
                {set.label}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Judge</span>
          <select value={judge} disabled={busy} onChange={(event) => isJudgeName(event.currentTarget.value) && setJudge(event.currentTarget.value)}>
            {JUDGE_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Backend</span>
          <select value={backend} disabled={busy} onChange={(event) => setBackend(event.currentTarget.value as BackendRequest)}>
            {BACKENDS.map((name) => (
              <option key={name} value={name}>
                {name === 'auto' ? 'auto (fastest that works)' : name}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="New tokens at most" value={maxNewTokens} min={1} max={4096} onChange={setMaxNewTokens} disabled={busy} />
        <NumberField label="Temperature (0 = greedy)" value={temperature} min={0} max={10} step={0.1} onChange={setTemperature} disabled={busy} />
        <NumberField label="Top-k (0 = all)" value={topK} min={0} max={100000} onChange={setTopK} disabled={busy} />
        <NumberField label="Sampling seed" value={seed} min={0} max={2 ** 32 - 1} onChange={setSeed} disabled={busy} />
      </div>
      <p class="muted">{JUDGES[judge].description}</p>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {chosen.size > 1 ? `Evaluate ${chosen.size} models` : 'Evaluate'}
        </button>
      </div>
    </form>
  );
}
