// Filter controls of the trace browser: meta key=value terms (AND), text, step range, and the
// active histogram ranges as removable chips.
import { metaTerm } from '../../traces/derive';
import { useEffect, useState } from 'preact/hooks';
import type { NumericField, TraceFilter } from '../../db/trace-query';
import { HISTOGRAM_FIELDS } from './use-trace-browser';

const TEXT_DEBOUNCE_MS = 300;

function parseTerm(input: string): string | null {
  const at = input.indexOf('=');
  if (at <= 0) return null;
  const key = input.slice(0, at).trim();
  const value = input.slice(at + 1).trim();
  return key && value ? metaTerm(key, value) : null;
}

export function FilterPanel({ filter, onChange }: { filter: TraceFilter; onChange: (next: TraceFilter) => void }) {
  const [termInput, setTermInput] = useState('');
  const [termError, setTermError] = useState<string | null>(null);
  const [text, setText] = useState(filter.text);
  const steps = filter.ranges.step_count;

  useEffect(() => {
    if (text === filter.text) return;
    const timer = setTimeout(() => onChange({ ...filter, text }), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const addTerm = () => {
    const term = parseTerm(termInput);
    if (!term) {
      setTermError('Write a meta filter as key=value, for example source=ungar');
      return;
    }
    setTermError(null);
    setTermInput('');
    if (!filter.metaTerms.includes(term)) onChange({ ...filter, metaTerms: [...filter.metaTerms, term] });
  };

  const setStepBound = (bound: 'min' | 'max', raw: string) => {
    const value = raw === '' ? null : Number(raw);
    const current = steps ?? { min: 0, max: 1_000, includeMax: true };
    const next = { ...current, includeMax: true, [bound]: value ?? (bound === 'min' ? 0 : 1_000) };
    const ranges = { ...filter.ranges };
    if (next.min === 0 && next.max === 1_000) delete ranges.step_count;
    else ranges.step_count = next;
    onChange({ ...filter, ranges });
  };

  const removeRange = (field: NumericField) => {
    const ranges = { ...filter.ranges };
    delete ranges[field];
    onChange({ ...filter, ranges });
  };

  return (
    <div class="filter-panel" role="search" aria-label="Filter traces">
      <label class="field">
        <span>Search prompt and answer</span>
        <input type="search" value={text} placeholder="text…" onInput={(event) => setText(event.currentTarget.value)} />
      </label>
      <div class="field">
        <label for="meta-term">Meta filter (key=value)</label>
        <div class="inline">
          <input
            id="meta-term"
            value={termInput}
            placeholder="source=ungar"
            aria-invalid={termError ? 'true' : undefined}
            aria-describedby={termError ? 'meta-term-error' : undefined}
            onInput={(event) => setTermInput(event.currentTarget.value)}
            onKeyDown={(event) => event.key === 'Enter' && addTerm()}
          />
          <button type="button" onClick={addTerm}>
            Add
          </button>
        </div>
        {termError && (
          <p id="meta-term-error" class="field-error">
            {termError}
          </p>
        )}
      </div>
      <div class="range-fields" role="group" aria-label="Step count">
        <label class="field">
          <span>Steps from</span>
          <input type="number" min={0} value={steps?.min ?? ''} onChange={(event) => setStepBound('min', event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>to</span>
          <input type="number" min={0} value={steps && steps.max !== 1_000 ? steps.max : ''} onChange={(event) => setStepBound('max', event.currentTarget.value)} />
        </label>
      </div>
      <ul class="chips" aria-label="Active filters">
        {filter.metaTerms.map((term) => (
          <li key={term}>
            <span>{term}</span>
            <button type="button" aria-label={`Remove filter ${term}`} onClick={() => onChange({ ...filter, metaTerms: filter.metaTerms.filter((t) => t !== term) })}>
              ×
            </button>
          </li>
        ))}
        {HISTOGRAM_FIELDS.filter(({ field }) => filter.ranges[field] && field !== 'step_count').map(({ field, title }) => {
          const range = filter.ranges[field]!;
          const label = `${title} ${Math.round(range.min * 10) / 10}–${Math.round(range.max * 10) / 10}`;
          return (
            <li key={field}>
              <span>{label}</span>
              <button type="button" aria-label={`Remove filter ${label}`} onClick={() => removeRange(field)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
