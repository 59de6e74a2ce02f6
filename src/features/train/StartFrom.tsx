// The Train screen's "Start from" choice: from scratch, each shipped base model (public/models/,
// listed by models/index.json) and the imported model bundle when there is one. Picking a shipped
// base fetches its files from our own origin and checks them against the index (an error names
// the file); the screen then locks the shape and lowers the default learning rate. Radio buttons:
// arrow keys move between starts.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchShippedModel, loadShippedIndexOnce, shippedEntries, shippedIndex } from '../../app/shipped-models';
import { parameterCount } from '../../model/config';
import type { ShippedModelEntry } from '../../runs/shipped-models';
import { formatCount } from '../../ui/format';
import type { BaseModel } from './ConfigFiles';

interface StartFromProps {
  base: BaseModel | null;
  /** The last imported model bundle, offered as a start until another is imported. */
  imported: BaseModel | null;
  onBase: (base: BaseModel | null) => void;
  disabled: boolean;
}

type Choice = 'scratch' | 'bundle' | `shipped:${string}`;

function choiceOf(base: BaseModel | null): Choice {
  if (!base) return 'scratch';
  return base.source === 'shipped' ? `shipped:${base.id}` : 'bundle';
}

function describe(parameters: number, context: number, tokensSeen?: number): string {
  return [`${formatCount(parameters)} parameters`, `context ${context}`, ...(tokensSeen === undefined ? [] : [`${formatCount(tokensSeen)} tokens seen`])].join(' · ');
}

export function StartFrom({ base, imported, onBase, disabled }: StartFromProps) {
  const [pending, setPending] = useState<ShippedModelEntry | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);
  useEffect(() => void loadShippedIndexOnce(), []);
  const index = shippedIndex.value;
  const entries = shippedEntries();
  const chosen: Choice = pending ? `shipped:${pending.id}` : choiceOf(base);

  const pick = async (choice: Choice) => {
    const ticket = ++request.current;
    setError(null);
    setPending(null);
    if (choice === 'scratch') return onBase(null);
    if (choice === 'bundle') return onBase(imported);
    const entry = entries.find((e) => `shipped:${e.id}` === choice);
    if (!entry) return;
    setPending(entry);
    const result = await fetchShippedModel(entry);
    if (ticket !== request.current) return; // another start was picked meanwhile
    setPending(null);
    if (!result.ok) return setError(`Could not load base model ${entry.id}: ${result.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    onBase({ id: entry.id, source: 'shipped', sha256: result.value.sha256, config: result.value.config, tokenizer: result.value.tokenizer, weights: result.value.weights });
  };

  const option = (value: Choice, title: string, detail: string, summary?: string) => {
    const id = `start-${value.replace(/[^a-z0-9-]/gi, '-')}`;
    // The label is the title only, so field lookups by label ("Dataset", "Context") find no radio; the detail describes it.
    return (
      <div key={value} class="start-option">
        <input type="radio" id={id} name="start-from" value={value} checked={chosen === value} aria-describedby={`${id}-detail`} onChange={() => void pick(value)} />{' '}
        <label for={id}>
          <strong>{title}</strong>
        </label>
        <span class="muted" id={`${id}-detail`}>
          {' '}
          — {detail}
          {summary ? `. ${summary}` : ''}
        </span>
      </div>
    );
  };

  return (
    <fieldset class="start-from" disabled={disabled}>
      <legend>Start from</legend>
      {option('scratch', 'From scratch', 'random initialization of the model shape below; its tokenizer is built from the dataset')}
      {entries.map((e) => option(`shipped:${e.id}`, e.id, `shipped base (${e.preset}): ${describe(e.parameters, e.context, e.tokens_seen)}`, e.summary))}
      {imported && option('bundle', `Imported bundle ${imported.id}`, describe(parameterCount(imported.config), imported.config.context))}
      {index === undefined && <p class="muted">Reading the shipped base models…</p>}
      {index !== undefined && !index.ok && (
        <p class="notice notice--error" role="alert">
          The shipped base models could not be listed: {index.errors.map((e) => `${e.path} ${e.message}`).join('; ')}
        </p>
      )}
      {pending && (
        <p class="muted" role="status">
          Loading base model {pending.id} and checking its sha-256…
        </p>
      )}
      {error && (
        <p class="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {base && !pending && (
        <p class="notice" role="status">
          Fine-tuning from <strong>{base.id}</strong>, sha-256 <code>{base.sha256}</code>: the model shape is locked to the base's (dim {base.config.dim}, {base.config.layers} layers,{' '}
          {base.config.heads} heads, context {base.config.context}) and its tokenizer is kept.
        </p>
      )}
    </fieldset>
  );
}
