// Training throughput on Node's WASM backend for the tiny/small/medium shapes of
// ../shared/BENCH.md (vocabulary 96, batch 16/16/8), through the app's own trainStep: on one
// thread, and data-parallel with peer worker threads (one WASM backend per core, as PyTorch uses
// its two threads); and — when Debian's PyTorch is installed — the PyTorch CPU reference on the
// same shape in the same run, alternating ours and theirs and taking medians. Prints a table and
// writes bench/results/train-node.json. Usage: npx tsx bench/train-node.ts [tiny small medium]
// Env: BENCH_ROUNDS (alternations, default 2), BENCH_STEPS (timed steps per round, default by
// shape), BENCH_PEERS (peer threads for the data-parallel figure, default 1; 0 skips it).
// This file is also the peer thread's entry point (see runPeerThread).
import { execFileSync, spawnSync } from 'node:child_process';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { flopsPerToken, parameterCount, presetConfig } from '../src/model/config';
import type { ModelPresetName } from '../src/model/config';
import { Gpt } from '../src/model/gpt';
import type { LossRows } from '../src/model/gpt';
import { AdamW } from '../src/train/adamw';
import { DEFAULT_TRAIN_CONFIG } from '../src/train/config';
import { trainStep } from '../src/train/step';
import { GradientWorker } from '../src/train/gradients';
import type { GradientPeer, GradientRequest, GradientResult } from '../src/train/gradients';
import { SHAPES, VOCAB, WARMUP_STEPS, median, randomRows } from './train-shapes';

// The reference scripts live in ../shared/bench beside the checkout (or beside the folder of
// worktrees holding it), or where BENCH_SHARED_DIR says.
const SHARED_BENCH = [process.env.BENCH_SHARED_DIR, fileURLToPath(new URL('../../shared/bench', import.meta.url)), fileURLToPath(new URL('../../../shared/bench', import.meta.url))]
  .find((dir) => dir !== undefined && existsSync(path.join(dir, 'peer_torch_gpt.py'))) ?? fileURLToPath(new URL('../../shared/bench', import.meta.url));
const PEER = path.join(SHARED_BENCH, 'peer_torch_gpt.py');
const PEER_PEAK = path.join(SHARED_BENCH, 'peer_matmul_peak.py');
const PYTHON = '/usr/bin/python3';

interface Metric {
  id: string;
  value: number;
  unit: string;
  bar?: string;
}

async function startWasm(): Promise<void> {
  const wasmFile = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  setWasmPaths(`${path.dirname(wasmFile)}/`);
  await tf.setBackend('wasm');
  if (tf.getBackend() !== 'wasm') throw new Error(`WASM backend did not start (got ${tf.getBackend()})`);
}

/** Peer thread: a GradientWorker answering {id, request} messages with {id, result}. */
async function runPeerThread(): Promise<void> {
  await startWasm();
  const worker = new GradientWorker();
  parentPort?.on('message', (message: { id: number; request: GradientRequest }) => {
    void worker.computeGradients(message.request).then(
      (result) => parentPort?.postMessage({ id: message.id, result }, [result.gradients.buffer as ArrayBuffer]),
      (error: unknown) => parentPort?.postMessage({ id: message.id, error: String(error) }),
    );
  });
}

/** Starts peer threads running this file (TypeScript through tsx's loader) as GradientPeers. */
function startPeers(count: number): { peers: GradientPeer[]; stop: () => Promise<void> } {
  const boot = `(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(import.meta.url)}); })();`;
  const threads = Array.from({ length: count }, () => new Worker(boot, { eval: true }));
  const peers = threads.map((thread): GradientPeer => {
    let nextId = 0;
    const pending = new Map<number, { resolve: (r: GradientResult) => void; reject: (e: Error) => void }>();
    thread.on('message', (message: { id: number; result?: GradientResult; error?: string }) => {
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.result) waiter?.resolve(message.result);
      else waiter?.reject(new Error(message.error ?? 'peer failed'));
    });
    return {
      computeGradients: (request) => new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        thread.postMessage({ id, request });
      }),
    };
  });
  return { peers, stop: async () => void (await Promise.all(threads.map((t) => t.terminate()))) };
}

async function measureOurs(preset: ModelPresetName, steps: number, peers: GradientPeer[] = []): Promise<{ tokensPerS: number; stepMs: number; loss: number }> {
  const config = presetConfig(preset, VOCAB, 1234);
  const { batch } = SHAPES[preset] as { batch: number };
  const model = Gpt.create(config);
  const optimizer = new AdamW(model.specs, model.variables, DEFAULT_TRAIN_CONFIG);
  const pool = Array.from({ length: 8 }, (_, k) => randomRows(batch, config.context, 1234 + k));
  const times: number[] = [];
  let loss = NaN;
  for (let step = 1; step <= WARMUP_STEPS + steps; step++) {
    const began = performance.now();
    const outcome = await trainStep({ model, optimizer, microBatches: [pool[step % pool.length] as LossRows], learningRate: 3e-4, step, peers });
    if (step > WARMUP_STEPS) times.push(performance.now() - began);
    loss = outcome.loss;
  }
  optimizer.dispose();
  model.dispose();
  const stepMs = median(times);
  return { tokensPerS: (batch * config.context * 1000) / stepMs, stepMs, loss };
}

function torchAvailable(): boolean {
  if (!existsSync(PYTHON) || !existsSync(PEER)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function runPython(args: string[]): Record<string, unknown> {
  const out = execFileSync(PYTHON, args, { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '2' }, cwd: path.dirname(PEER) });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as Record<string, unknown>;
}

function measureTorch(preset: ModelPresetName, steps: number): { tokensPerS: number; blas: string } {
  const config = presetConfig(preset, VOCAB);
  const { batch } = SHAPES[preset] as { batch: number };
  const result = runPython([PEER, '--vocab', String(VOCAB), '--ctx', String(config.context), '--layers', String(config.layers), '--heads', String(config.heads),
    '--dim', String(config.dim), '--batch', String(batch), '--steps', String(Math.max(steps, 10)), '--threads', '2', '--untied']);
  return { tokensPerS: result.tokens_per_s as number, blas: String(result.blas) };
}

async function wasmMatmulPeakGflops(): Promise<number> {
  const n = 1024;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const times: number[] = [];
  for (let k = 0; k < 8; k++) {
    const began = performance.now();
    const c = tf.matMul(a, b);
    c.dataSync();
    times.push(performance.now() - began);
    c.dispose();
  }
  tf.dispose([a, b]);
  return (2 * n ** 3) / (median(times.slice(2)) * 1e6);
}

function commitId(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  await startWasm();
  const peerCount = Number(process.env.BENCH_PEERS ?? 1);
  const threads = peerCount > 0 ? startPeers(peerCount) : null;
  const presets = (process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(SHAPES)) as ModelPresetName[];
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const withTorch = torchAvailable();
  if (!withTorch) console.warn('PyTorch not found (apt-get install -y python3-torch libopenblas0-openmp): ratios are recorded as missing.');
  const metrics: Metric[] = [];
  const table: Record<string, unknown>[] = [];
  const peak = await wasmMatmulPeakGflops();
  metrics.push({ id: 'train.node_wasm.matmul_peak_gflops', value: Math.round(peak * 10) / 10, unit: 'GFLOP/s' });
  let torchPeak: number | null = null;
  let blas = 'none';
  if (withTorch) {
    torchPeak = runPython([PEER_PEAK, '--n', '1024', '--reps', '20', '--threads', '2']).gflops_median as number;
    metrics.push({ id: 'train.torch_cpu.matmul_peak_gflops', value: torchPeak, unit: 'GFLOP/s' });
  }
  for (const preset of presets) {
    const steps = Number(process.env.BENCH_STEPS ?? (SHAPES[preset] as { steps: number }).steps);
    const ours: number[] = [];
    const parallel: number[] = [];
    const theirs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const result = await measureOurs(preset, steps);
      ours.push(result.tokensPerS);
      console.log(`${preset} round ${round + 1}: ours ${result.tokensPerS.toFixed(0)} tokens/s (step ${result.stepMs.toFixed(0)} ms, loss ${result.loss.toFixed(3)})`);
      if (threads) {
        const shared = await measureOurs(preset, steps, threads.peers);
        parallel.push(shared.tokensPerS);
        console.log(`${preset} round ${round + 1}: ours with ${peerCount} peer thread(s) ${shared.tokensPerS.toFixed(0)} tokens/s (step ${shared.stepMs.toFixed(0)} ms, loss ${shared.loss.toFixed(3)})`);
      }
      if (withTorch) {
        const torch = measureTorch(preset, steps);
        theirs.push(torch.tokensPerS);
        blas = torch.blas;
        console.log(`${preset} round ${round + 1}: torch ${torch.tokensPerS.toFixed(0)} tokens/s (${torch.blas})`);
      }
    }
    const config = presetConfig(preset, VOCAB);
    const oursMedian = median(ours);
    const gflops = (oursMedian * flopsPerToken(config)) / 1e9;
    metrics.push({ id: `train.${preset}.node_wasm.tokens_per_s`, value: Math.round(oursMedian), unit: 'tokens/s' });
    metrics.push({ id: `train.${preset}.node_wasm.model_gflops`, value: Math.round(gflops * 100) / 100, unit: 'GFLOP/s' });
    metrics.push({ id: `train.${preset}.node_wasm.mfu_vs_wasm_peak`, value: Math.round((gflops / peak) * 1000) / 1000, unit: 'ratio' });
    const row: Record<string, unknown> = { preset, params: parameterCount(config), batch: (SHAPES[preset] as { batch: number }).batch, ctx: config.context, 'ours tok/s': Math.round(oursMedian), 'model GFLOP/s': gflops.toFixed(2) };
    const workers = `node_wasm_${peerCount + 1}workers`;
    if (threads) {
      metrics.push({ id: `train.${preset}.${workers}.tokens_per_s`, value: Math.round(median(parallel)), unit: 'tokens/s' });
      row[`${peerCount + 1} workers tok/s`] = Math.round(median(parallel));
    }
    if (withTorch) {
      const torchMedian = median(theirs);
      const ratio = oursMedian / torchMedian;
      metrics.push({ id: `train.${preset}.torch_cpu.tokens_per_s`, value: Math.round(torchMedian), unit: 'tokens/s' });
      metrics.push({ id: `train.${preset}.node_wasm.ratio_vs_torch`, value: Math.round(ratio * 1000) / 1000, unit: 'ratio', ...(preset === 'small' ? { bar: '>= 0.15 (bar is for Chromium WASM)' } : {}) });
      Object.assign(row, { 'torch tok/s': Math.round(torchMedian), ratio: ratio.toFixed(3) });
      if (threads) {
        const parallelRatio = median(parallel) / torchMedian;
        metrics.push({ id: `train.${preset}.${workers}.ratio_vs_torch`, value: Math.round(parallelRatio * 1000) / 1000, unit: 'ratio' });
        row[`${peerCount + 1} workers ratio`] = parallelRatio.toFixed(3);
      }
    }
    table.push(row);
  }
  const result = {
    name: 'train-node',
    date: new Date().toISOString(),
    commit: commitId(),
    machine: { cores: cpus().length, node: process.version, backend: 'wasm', wasm_threads: 1, peer_threads: peerCount, torch_blas: blas, rounds },
    metrics,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/train-node.json', `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\ntrain-node (node ${process.version}, ${cpus().length} cores, WASM single-threaded; PyTorch ${withTorch ? `2 threads, ${blas}` : 'missing'})`);
  console.table(table);
  console.table(metrics);
  await threads?.stop();
}

if (isMainThread) await main();
else await runPeerThread();
