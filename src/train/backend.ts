// Backend selection: 'auto' tries WebGPU, then WebGL, then WASM, then CPU; a named backend is
// used or refused, never silently replaced. Each candidate must start, report itself through
// tf.getBackend(), and pass a small self-test with a known answer, since some backends have
// correctness bugs. Takes the tf namespace from the caller (the worker imports the backends);
// never imports a backend package itself.
import type * as tfTypes from '@tensorflow/tfjs';
import type { ValidationResult } from '../traces/types';
import { installWasmKernelPatches } from '../model/wasm-kernels';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendRequest = 'auto' | BackendName;
export const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  error?: string;
}

export interface BackendChoice {
  requested: BackendRequest;
  actual: BackendName;
  attempts: BackendAttempt[];
}

type TfNamespace = Pick<typeof tfTypes, 'setBackend' | 'getBackend' | 'ready' | 'findBackendFactory' | 'tidy' | 'tensor2d' | 'matMul' | 'softmax'>;

/** A product and a softmax whose answers are known: [[19, 22], [43, 50]] and [0.5, 0.5]. */
async function selfTest(tf: TfNamespace): Promise<string | null> {
  const values = tf.tidy(() => {
    const product = tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2]));
    return [product, tf.softmax(tf.tensor2d([3, 3], [1, 2]))];
  });
  const [product, softmax] = await Promise.all(values.map((t) => t.data()));
  values.forEach((t) => t.dispose());
  const expected = [19, 22, 43, 50, 0.5, 0.5];
  const actual = [...(product as Float32Array), ...(softmax as Float32Array)];
  const wrong = expected.some((e, i) => Math.abs((actual[i] ?? NaN) - e) > 1e-4);
  return wrong ? `self-test gave ${actual.map((v) => v.toFixed(4)).join(', ')}` : null;
}

async function tryBackend(tf: TfNamespace, name: BackendName): Promise<BackendAttempt> {
  if (tf.findBackendFactory(name) === null || tf.findBackendFactory(name) === undefined) return { backend: name, ok: false, error: 'not registered (its package is not imported)' };
  try {
    if (!(await tf.setBackend(name))) return { backend: name, ok: false, error: 'failed to initialize' };
    await tf.ready();
    if (tf.getBackend() !== name) return { backend: name, ok: false, error: `tf.getBackend() reports ${tf.getBackend()}` };
    if (name === 'wasm') installWasmKernelPatches();
    const problem = await selfTest(tf);
    return problem === null ? { backend: name, ok: true } : { backend: name, ok: false, error: problem };
  } catch (error) {
    return { backend: name, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Starts the requested backend (or the first that works, for 'auto') and says which runs. */
export async function selectBackend(tf: TfNamespace, requested: BackendRequest): Promise<ValidationResult<BackendChoice>> {
  const candidates = requested === 'auto' ? AUTO_ORDER : [requested];
  const attempts: BackendAttempt[] = [];
  for (const name of candidates) {
    const attempt = await tryBackend(tf, name);
    attempts.push(attempt);
    if (attempt.ok) return { ok: true, value: { requested, actual: name, attempts } };
  }
  return { ok: false, errors: attempts.map((a) => ({ path: a.backend, message: a.error ?? 'failed' })) };
}
