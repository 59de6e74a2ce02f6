// The Generate screen: pick a seeded generator, a count and a seed; the set is generated in the
// import worker and stored through the import path. Each generated set keeps a downloadable
// manifest (generator, version, seed, count, composition, JSONL hash).
import { useRef, useState } from 'preact/hooks';
import { GENERATORS, MAX_TRACE_COUNT, MIN_TRACE_COUNT, validateGeneratorOptions, type GeneratorName } from '../../generators/registry';
import type { ImportProgress, ImportSummary } from '../../importer/types';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatCount } from '../../ui/format';
import { hrefFor } from '../../app/router';
import { startGenerate, type RunningGenerate } from '../importer/import-client';
import { GeneratedSetList } from './GeneratedSetList';

export function GenerateScreen() {
  const [generator, setGenerator] = useState<GeneratorName>('reasoning_corpus');
  const [count, setCount] = useState('550');
  const [seed, setSeed] = useState('42');
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const running = useRef<RunningGenerate | null>(null);
  const [busy, setBusy] = useState(false);
  const info = GENERATORS.find((g) => g.name === generator)!;

  const begin = async () => {
    const checked = validateGeneratorOptions({ generator, count: Number(count), seed: Number(seed) });
    if (!checked.ok) {
      setErrors(checked.errors.map((e) => e.message));
      return;
    }
    setErrors([]);
    setResult(null);
    setProgress(null);
    setBusy(true);
    running.current = startGenerate(checked.value, setProgress);
    try {
      setResult((await running.current.done).summary);
    } catch (error) {
      setErrors([`Generation failed: ${error instanceof Error ? error.message : String(error)}`]);
    } finally {
      running.current = null;
      setBusy(false);
    }
  };

  const total = Number(count) || 0;
  return (
    <section class="screen generate-screen" aria-labelledby="generate-title">
      <h1 id="generate-title">Generate demo data</h1>
      <p class="lede">Seeded generators: the same generator, count and seed give byte-identical traces, here and in Node.</p>
      <div class="import-form">
        <fieldset disabled={busy}>
          <legend>Generator</legend>
          {GENERATORS.map((g) => (
            <label key={g.name}>
              <input type="radio" name="generator" checked={generator === g.name} onChange={() => setGenerator(g.name)} /> <strong>{g.label}</strong>{' '}
              <span class="muted">— {g.description}</span>
            </label>
          ))}
        </fieldset>
        <div class="inline">
          <label class="field">
            <span>
              Count ({formatCount(MIN_TRACE_COUNT)}–{formatCount(MAX_TRACE_COUNT)})
            </span>
            <input type="number" min={MIN_TRACE_COUNT} max={MAX_TRACE_COUNT} value={count} disabled={busy} onInput={(e) => setCount(e.currentTarget.value)} />
          </label>
          <label class="field">
            <span>Seed</span>
            <input type="number" min={0} value={seed} disabled={busy} onInput={(e) => setSeed(e.currentTarget.value)} />
          </label>
        </div>
        {errors.length > 0 && (
          <ul class="notice notice--error" role="alert">
            {errors.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void begin()}>
            Generate {info.label.toLowerCase()}
          </button>
          {busy && (
            <button type="button" onClick={() => running.current?.cancel()}>
              Cancel
            </button>
          )}
        </div>
      </div>
      {busy && progress && (
        <ProgressBar
          value={progress.records}
          max={total}
          label="Generating"
          detail={`${formatCount(progress.records)} of ${formatCount(total)} · ${formatCount(progress.recordsPerSecond)}/s · stored ${formatCount(progress.stored)} · duplicates ${formatCount(progress.duplicate)}`}
        />
      )}
      {result && (
        <p class={`notice notice--${result.status === 'completed' ? 'ok' : 'warn'}`} role="status">
          {result.message} {result.stored > 0 && <a href={hrefFor({ name: 'traces' })}>Browse the traces</a>}
        </p>
      )}
      <GeneratedSetList />
    </section>
  );
}
