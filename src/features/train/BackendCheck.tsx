// The cross-backend check on the Train screen: the same weights and batch on WASM, WebGPU, WebGL
// and CPU, each loss and gradient norm compared with WASM's. A backend that cannot start says
// why. Runs in a worker of its own, so a training run in this tab is not disturbed.
import { useState } from 'preact/hooks';
import { CHECK_ORDER, CHECK_TOLERANCE, type BackendCheckResult } from '../../train/backend-check';
import { checkBackends } from './train-client';

function relative(value: number | undefined): string {
  return value === undefined ? '—' : value.toExponential(2);
}

export function BackendCheck() {
  const [results, setResults] = useState<BackendCheckResult[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const seen: BackendCheckResult[] = [];
    setResults(seen);
    try {
      await checkBackends([...CHECK_ORDER], (result) => setResults((seen.push(result), [...seen])));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="backend-check" aria-labelledby="backend-check-title">
      <h2 id="backend-check-title">Backend check</h2>
      <p class="muted">
        One training step's loss and gradient norm for the same weights and batch (the tiny shape, 2 × 32 tokens) on each backend, compared with WASM. A backend agrees when both differ by at most{' '}
        {CHECK_TOLERANCE} relative.
      </p>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Checking backends…' : 'Check backends'}
      </button>
      {error && <p class="notice notice--error" role="alert">Backend check failed: {error}</p>}
      {results && results.length > 0 && (
        <table class="data-table compact" aria-label="Backend check results">
          <thead>
            <tr>
              <th scope="col">Backend</th>
              <th scope="col">Result</th>
              <th scope="col">Loss</th>
              <th scope="col">Gradient norm</th>
              <th scope="col">Loss difference</th>
              <th scope="col">Norm difference</th>
              <th scope="col">Time</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.backend} data-backend={r.backend}>
                <th scope="row">{r.backend}</th>
                <td>{!r.ok ? `unavailable: ${r.error}` : r.backend === 'wasm' ? 'reference' : r.agrees ? 'agrees' : 'DISAGREES'}</td>
                <td>{r.loss?.toFixed(6) ?? '—'}</td>
                <td>{r.grad_norm?.toFixed(6) ?? '—'}</td>
                <td>{relative(r.loss_rel_diff)}</td>
                <td>{relative(r.grad_norm_rel_diff)}</td>
                <td>{r.ms === undefined ? '—' : `${Math.round(r.ms)} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
