// The cross-backend check: the same weights and the same batch on each backend, its loss and
// gradient norm compared with WASM's (the reference: a CPU backend with our tested kernels). A
// backend agrees when both differ by at most CHECK_TOLERANCE relative. tfjs's WebGPU and WebGL
// backends have open correctness bugs; this check is what makes it safe to train on them. A
// backend that cannot start is reported with its reason, never skipped silently. The caller
// starts each backend (start()), so this module never imports a backend package.
import type { ValidationResult } from '../traces/types';
import { initialWeights } from '../model/gpt';
import { Gpt } from '../model/gpt';
import type { LossRows } from '../model/gpt';
import { presetConfig } from '../model/config';
import type { BackendChoice, BackendName } from './backend';
import { lossAndGradientNorm } from './step';

export const CHECK_TOLERANCE = 1e-3;
export const CHECK_ORDER: readonly BackendName[] = ['wasm', 'webgpu', 'webgl', 'cpu'];

export interface BackendCheckResult {
  backend: BackendName;
  ok: boolean;
  /** Why the backend could not run the check. */
  error?: string;
  loss?: number;
  grad_norm?: number;
  /** |x − x_wasm| / |x_wasm|. */
  loss_rel_diff?: number;
  grad_norm_rel_diff?: number;
  /** Both relative differences within CHECK_TOLERANCE. */
  agrees?: boolean;
  ms?: number;
}

/** The check's model (the `tiny` shape, vocabulary 96, seed 1234) and its fixed batch of 2 × 32 tokens. */
export function checkCase(): { config: ReturnType<typeof presetConfig>; rows: LossRows } {
  const config = presetConfig('tiny', 96, 1234);
  const batch = 2;
  const length = 32;
  let state = 20240601;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const ids = Int32Array.from({ length: batch * length }, () => Math.floor(next() * 96));
  const targets = Int32Array.from({ length: batch * length }, () => Math.floor(next() * 96));
  const weights = new Float32Array(batch * length);
  for (let row = 0; row < batch; row++) weights.fill(1, row * length + 4 + row * 5, (row + 1) * length - row * 3);
  return { config, rows: { batch, length, ids, targets, weights } };
}

function relativeDifference(value: number, reference: number): number {
  return Math.abs(value - reference) / Math.max(Math.abs(reference), 1e-12);
}

/** Runs the check on every backend of `backends` (WASM first: the reference), reporting each as it ends. */
export async function runBackendCheck(
  start: (name: BackendName) => Promise<ValidationResult<BackendChoice>>,
  backends: readonly BackendName[] = CHECK_ORDER,
  onResult?: (result: BackendCheckResult) => void,
  clock: () => number = () => performance.now(),
): Promise<BackendCheckResult[]> {
  const { config, rows } = checkCase();
  const weights = initialWeights(config);
  const results: BackendCheckResult[] = [];
  let reference: { loss: number; grad_norm: number } | null = null;
  for (const backend of ['wasm' as const, ...backends.filter((b) => b !== 'wasm')]) {
    let result: BackendCheckResult;
    const started = await start(backend);
    if (!started.ok) result = { backend, ok: false, error: started.errors.map((e) => e.message).join('; ') };
    else {
      const began = clock();
      const model = Gpt.fromWeights(config, weights);
      try {
        const { loss, gradNorm } = await lossAndGradientNorm(model, [rows]);
        result = { backend, ok: Number.isFinite(loss) && Number.isFinite(gradNorm), loss, grad_norm: gradNorm, ms: clock() - began };
        if (!result.ok) result.error = `non-finite results (loss ${loss}, gradient norm ${gradNorm})`;
      } catch (error) {
        result = { backend, ok: false, error: error instanceof Error ? error.message : String(error) };
      } finally {
        model.dispose();
      }
    }
    if (backend === 'wasm' && result.ok) reference = { loss: result.loss as number, grad_norm: result.grad_norm as number };
    if (result.ok && reference) {
      result.loss_rel_diff = relativeDifference(result.loss as number, reference.loss);
      result.grad_norm_rel_diff = relativeDifference(result.grad_norm as number, reference.grad_norm);
      result.agrees = result.loss_rel_diff <= CHECK_TOLERANCE && result.grad_norm_rel_diff <= CHECK_TOLERANCE;
    }
    results.push(result);
    onResult?.(result);
  }
  return results;
}
