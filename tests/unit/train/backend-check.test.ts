// The cross-backend check in Node: CPU agrees with WASM within the tolerance, a backend that
// cannot start is reported with its reason (never skipped), WASM is always measured first.
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { CHECK_TOLERANCE, runBackendCheck } from '../../../src/train/backend-check';
import type { BackendName } from '../../../src/train/backend';
import { useBackend } from '../model/tf-node';

describe('runBackendCheck', () => {
  it('compares each backend with WASM and reports the ones that cannot start', async () => {
    const start = async (name: BackendName) => {
      if (name === 'webgpu') return { ok: false as const, errors: [{ path: 'webgpu', message: 'not registered (its package is not imported)' }] };
      await useBackend(name as 'wasm' | 'cpu');
      return { ok: true as const, value: { requested: name, actual: name, attempts: [] } };
    };
    const seen: string[] = [];
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const results = await runBackendCheck(start, ['cpu', 'webgpu', 'wasm'], (r) => seen.push(r.backend));
    expect(seen).toEqual(['wasm', 'cpu', 'webgpu']);
    const [wasm, cpu, webgpu] = results;
    expect(wasm).toMatchObject({ backend: 'wasm', ok: true, loss_rel_diff: 0, grad_norm_rel_diff: 0, agrees: true });
    expect(wasm!.loss).toBeGreaterThan(Math.log(96) - 0.5);
    expect(cpu).toMatchObject({ backend: 'cpu', ok: true, agrees: true });
    expect(cpu!.loss_rel_diff!).toBeLessThanOrEqual(CHECK_TOLERANCE);
    expect(cpu!.grad_norm_rel_diff!).toBeLessThanOrEqual(CHECK_TOLERANCE);
    expect(webgpu).toEqual({ backend: 'webgpu', ok: false, error: 'not registered (its package is not imported)' });
    await useBackend('wasm');
    expect(tf.memory().numTensors).toBe(before);
  });
});
