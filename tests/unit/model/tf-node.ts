// Test helper: selects a tfjs backend in Node. The WASM binaries are read from
// node_modules/@tensorflow/tfjs-backend-wasm/dist (resolved here, never in src/).
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

let wasmPathsSet = false;

export async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (!wasmPathsSet) {
    const wasmFile = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
    setWasmPaths(`${path.dirname(wasmFile)}/`);
    wasmPathsSet = true;
  }
  if (tf.getBackend() !== name) await tf.setBackend(name);
  if (tf.getBackend() !== name) throw new Error(`backend ${name} did not start (got ${tf.getBackend()})`);
}
