// TensorFlow.js in a browser context (worker or bench page): registers the backends a model may
// run on (WebGPU, WebGL and CPU come with @tensorflow/tfjs and its WebGPU package; WASM here) and
// points the WASM backend at its binaries, which Vite bundles as assets of our own origin (never
// fetched from elsewhere). Then starts the requested backend through selectBackend, which checks
// that the backend really runs and passes a self-test. Must never pick a backend silently.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { selectBackend } from '../src/train/backend';
import type { BackendChoice, BackendRequest } from '../src/train/backend';
import type { ValidationResult } from '../src/traces/types';

let pathsSet = false;

/** Starts `requested` ('auto' tries WebGPU, WebGL, WASM, CPU in turn) and says which runs. */
export async function startBackend(requested: BackendRequest): Promise<ValidationResult<BackendChoice>> {
  if (!pathsSet) {
    setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });
    pathsSet = true;
  }
  return selectBackend(tf, requested);
}
