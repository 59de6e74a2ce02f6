// The browser training benchmark (`npm run bench -- train`, after the Node one): in headless
// Chromium, tokens/s of the benchmark shapes (tiny/small/medium, vocabulary 96, batch 16/16/8) on
// WASM, WebGL and WebGPU, each backend in its own worker; the PyTorch CPU reference on the same
// shapes in the same run, alternating with ours (WASM) and taking medians; model FLOP/s against
// each backend's measured matmul peak; a 1,000-step leak check of the real trainer; and the
// Learning bar through the app itself: `small` trained on a generated curriculum corpus on WASM
// for at most 10 minutes, held-out loss before and after. Writes bench/results/train.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResult } from './bench-lib.mjs';

// ../shared/bench beside the checkout (or beside the folder of worktrees holding it), or BENCH_SHARED_DIR.
const here = dirname(fileURLToPath(import.meta.url));
const SHARED_BENCH = [process.env.BENCH_SHARED_DIR, resolve(here, '../../shared/bench'), resolve(here, '../../../shared/bench')]
  .find((dir) => dir && existsSync(`${dir}/peer_torch_gpt.py`)) ?? resolve(here, '../../shared/bench');
const PYTHON = '/usr/bin/python3';
const VOCAB = 96;
const SHAPES = {
  tiny: { dim: 64, layers: 2, heads: 4, ctx: 64, batch: 16, steps: 30 },
  small: { dim: 128, layers: 4, heads: 4, ctx: 128, batch: 16, steps: 12 },
  medium: { dim: 256, layers: 6, heads: 8, ctx: 256, batch: 8, steps: 6 },
};
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const GPU_BUDGET_MS = Number(process.env.BENCH_GPU_BUDGET_MS ?? 60_000);
const LEAK_STEPS = Number(process.env.BENCH_LEAK_STEPS ?? 1000);
const LEARNING_MINUTES = Number(process.env.BENCH_LEARNING_MINUTES ?? 10);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const round = (value, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** 6·params + 12·layers·ctx·dim (../shared/BENCH.md), params as src/model/config.ts counts them. */
function flopsPerToken({ dim: C, layers: L, ctx: T }) {
  const perBlock = 2 * C + (C * 3 * C + 3 * C) + (C * C + C) + 2 * C + (C * 4 * C + 4 * C) + (4 * C * C + C);
  const params = VOCAB * C + T * C + L * perBlock + 2 * C + (C * VOCAB + VOCAB);
  return 6 * params + 12 * L * T * C;
}

function torchAvailable() {
  return existsSync(PYTHON) && existsSync(`${SHARED_BENCH}/peer_torch_gpt.py`) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
}

function runPython(script, args) {
  const out = execFileSync('nice', ['-n', '10', PYTHON, `${SHARED_BENCH}/${script}`, ...args], { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '2' } });
  return JSON.parse(out.trim().split('\n').at(-1));
}

function torchTokensPerS(shape) {
  const result = runPython('peer_torch_gpt.py', ['--vocab', String(VOCAB), '--ctx', String(shape.ctx), '--layers', String(shape.layers), '--heads', String(shape.heads),
    '--dim', String(shape.dim), '--batch', String(shape.batch), '--steps', String(Math.max(shape.steps, 10)), '--threads', '2', '--untied']);
  return { tokensPerS: result.tokens_per_s, blas: String(result.blas) };
}

/** Throughput of every backend and PyTorch, alternating WASM and PyTorch rounds. */
async function throughput(page, metrics, machine) {
  const started = {};
  for (const backend of ['wasm', 'webgl', 'webgpu']) {
    started[backend] = await page.evaluate((b) => window.startTrainBackend(b), backend);
    console.log(`train: ${backend}: ${started[backend].ok ? `started (tf.getBackend() = ${started[backend].actual})` : `unavailable: ${started[backend].error}`}`);
    machine[`${backend}_backend`] = started[backend].ok ? started[backend].actual : `unavailable: ${started[backend].error}`;
  }
  const available = Object.keys(started).filter((b) => started[b].ok);
  const peaks = {};
  for (const backend of available) peaks[backend] = await page.evaluate((b) => window.matmulPeak(b), backend);
  const withTorch = torchAvailable();
  if (!withTorch) console.warn('train: PyTorch not found (apt-get install -y python3-torch libopenblas0-openmp): ratios are recorded as missing.');
  if (withTorch) {
    const peak = runPython('peer_matmul_peak.py', ['--n', '1024', '--reps', '20', '--threads', '2']).gflops_median;
    metrics.push({ id: 'train.torch_cpu.matmul_peak_gflops', value: peak, unit: 'GFLOP/s' });
  }
  const table = [];
  const gpuSteps = {};
  for (const [preset, shape] of Object.entries(SHAPES)) {
    const ours = [];
    const theirs = [];
    for (let r = 0; r < ROUNDS; r++) {
      const wasm = await page.evaluate(([p, s]) => window.measureTrainSteps('wasm', p, s, 600_000), [preset, shape.steps]);
      ours.push(wasm.tokensPerS);
      console.log(`train: ${preset} round ${r + 1}: wasm ${Math.round(wasm.tokensPerS)} tokens/s (step ${Math.round(wasm.stepMs)} ms, loss ${wasm.loss.toFixed(3)}, tensors +${wasm.numTensorsGrowth})`);
      if (withTorch) {
        const torch = torchTokensPerS(shape);
        theirs.push(torch.tokensPerS);
        machine.torch_blas = torch.blas;
        console.log(`train: ${preset} round ${r + 1}: torch ${Math.round(torch.tokensPerS)} tokens/s`);
      }
    }
    const row = { preset, batch: shape.batch, ctx: shape.ctx, wasm: Math.round(median(ours)) };
    const rates = { wasm: median(ours) };
    for (const backend of available.filter((b) => b !== 'wasm')) {
      // SwiftShader (a CPU emulation of the GPU) can take minutes per step: skip a shape whose
      // step, scaled from the last measured one by its FLOPs per step, would exceed the budget.
      const previous = gpuSteps[backend];
      const work = flopsPerToken(shape) * shape.batch * shape.ctx;
      if (previous && (previous.ms * work) / previous.work > GPU_BUDGET_MS) {
        const note = `skipped: about ${Math.round((previous.ms * work) / previous.work / 1000)} s per step expected (over the ${GPU_BUDGET_MS / 1000} s budget)`;
        machine[`${backend}_${preset}`] = note;
        row[backend] = note;
        console.log(`train: ${preset}: ${backend} ${note}`);
        continue;
      }
      const gpu = await page.evaluate(([b, p, s, budget]) => window.measureTrainSteps(b, p, s, budget, 1), [backend, preset, Math.min(shape.steps, 5), GPU_BUDGET_MS]);
      rates[backend] = gpu.tokensPerS;
      gpuSteps[backend] = { ms: gpu.stepMs, work };
      row[backend] = Math.round(gpu.tokensPerS);
      console.log(`train: ${preset}: ${backend} ${Math.round(gpu.tokensPerS)} tokens/s (step ${Math.round(gpu.stepMs)} ms over ${gpu.steps} steps, loss ${gpu.loss.toFixed(3)})`);
    }
    const flops = flopsPerToken(shape);
    for (const [backend, rate] of Object.entries(rates)) {
      metrics.push({ id: `train.${preset}.${backend}.tokens_per_s`, value: Math.round(rate), unit: 'tokens/s' });
      metrics.push({ id: `train.${preset}.${backend}.model_gflops`, value: round((rate * flops) / 1e9, 2), unit: 'GFLOP/s' });
    }
    if (withTorch) {
      const torch = median(theirs);
      row.torch = Math.round(torch);
      metrics.push({ id: `train.${preset}.torch_cpu.tokens_per_s`, value: Math.round(torch), unit: 'tokens/s' });
      metrics.push({ id: `train.${preset}.torch_cpu.model_gflops`, value: round((torch * flops) / 1e9, 2), unit: 'GFLOP/s' });
      metrics.push({ id: `train.${preset}.ratio_vs_torch`, value: round(rates.wasm / torch), unit: 'ratio', ...(preset === 'small' ? { bar: '>= 0.15' } : {}) });
      for (const backend of Object.keys(rates).filter((b) => b !== 'wasm')) metrics.push({ id: `train.${preset}.${backend}.ratio_vs_torch`, value: round(rates[backend] / torch, 4), unit: 'ratio' });
      row['wasm/torch'] = round(rates.wasm / torch);
    }
    table.push(row);
  }
  console.table(table);
  for (const backend of ['webgl', 'webgpu']) await page.evaluate((b) => window.stopTrainBackend(b), backend);
  // The peak once more after the presets (the machine is shared): the better of the two counts.
  peaks.wasm = Math.max(peaks.wasm, await page.evaluate(() => window.matmulPeak('wasm')));
  for (const backend of available) metrics.push({ id: `train.${backend}.matmul_peak_gflops`, value: round(peaks[backend], 1), unit: 'GFLOP/s' });
  for (const metric of [...metrics]) {
    const match = /^train\.(\w+)\.(\w+)\.model_gflops$/.exec(metric.id);
    if (match && peaks[match[2]]) metrics.push({ id: `train.${match[1]}.${match[2]}.mfu_vs_${match[2]}_peak`, value: round(metric.value / peaks[match[2]]), unit: 'ratio' });
  }
  return { started };
}

async function leakCheck(page, metrics) {
  const leak = await page.evaluate((steps) => window.leakCheck(steps), LEAK_STEPS);
  console.log(`train: leak check, ${LEAK_STEPS} steps: tensors ${leak.first} at step 1, ${leak.last} at the end (range ${leak.min}–${leak.max}); bytes ${leak.bytesFirst} → ${leak.bytesLast}; ${leak.before} before the run, ${leak.after} after`);
  metrics.push({ id: 'train.leak.num_tensors_growth', value: leak.last - leak.first, unit: 'tensors', bar: '== 0 over 1,000 steps' });
  metrics.push({ id: 'train.leak.num_tensors_range', value: leak.max - leak.min, unit: 'tensors' });
  metrics.push({ id: 'train.leak.num_bytes_growth', value: leak.bytesLast - leak.bytesFirst, unit: 'bytes' });
  metrics.push({ id: 'train.leak.tensors_left_after_run', value: leak.after - leak.before, unit: 'tensors' });
}

/** The Learning bar through the app: generate, build, train `small` on WASM for at most LEARNING_MINUTES. */
async function learning(page, url, metrics, smallTokensPerS) {
  const steps = Math.max(50, Math.floor((0.85 * LEARNING_MINUTES * 60 * smallTokensPerS) / (16 * 128)));
  await page.goto(`${url}index.html#/generate`);
  await page.getByLabel(/Curriculum for small models/).check();
  await page.getByLabel(/^Count/).fill('4000');
  await page.getByLabel('Seed').fill('42');
  await page.getByRole('button', { name: 'Generate curriculum for small models' }).click();
  await page.getByText(/Stored 4,000 traces/).waitFor({ timeout: 120_000 });
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Learning');
  await page.getByLabel('Selection strategy').selectOption('all');
  await page.getByLabel('Limit', { exact: true }).fill('');
  await page.getByLabel('Train/eval split').check();
  await page.getByLabel('Eval fraction').fill('0.05');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await page.getByRole('heading', { name: 'Dataset learning-v1' }).waitFor();
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByLabel('Dataset').selectOption('learning-v1');
  await page.getByLabel('Model preset').selectOption('small');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await page.getByLabel('Steps', { exact: true }).fill(String(steps));
  await page.getByLabel('Checkpoint every (steps)').fill('100');
  await page.getByLabel('Sample every (steps)').fill('100');
  await page.getByLabel('Time limit (minutes, empty for none)').fill(String(LEARNING_MINUTES));
  console.log(`train: learning bar: small on curriculum-4000 (5% held out), WASM, ${steps} steps or ${LEARNING_MINUTES} minutes`);
  const began = Date.now();
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.getByText(/^(completed|timeout|failed)$/i).waitFor({ timeout: (LEARNING_MINUTES + 5) * 60_000 });
  const minutes = (Date.now() - began) / 60_000;
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download run_manifest.json' }).click();
  const run = JSON.parse(await readFile(await (await pending).path(), 'utf8'));
  if (run.status === 'failed') throw new Error(`learning run failed: ${run.error}`);
  const initial = run.initial_heldout_loss;
  const final = run.final_metrics.heldout_loss;
  const drop = 1 - final / initial;
  console.log(`train: learning bar: ${run.status} at step ${run.step} after ${minutes.toFixed(1)} min (training ${(run.final_metrics.elapsed_ms / 60_000).toFixed(1)} min): held-out loss ${initial.toFixed(4)} → ${final.toFixed(4)} (${(drop * 100).toFixed(1)}% lower); ${run.data.examples} training examples`);
  metrics.push({ id: 'train.learning.heldout_loss_initial', value: round(initial, 4), unit: 'loss' });
  metrics.push({ id: 'train.learning.heldout_loss_final', value: round(final, 4), unit: 'loss' });
  metrics.push({ id: 'train.learning.heldout_loss_drop', value: round(drop), unit: 'ratio', bar: '>= 0.5' });
  metrics.push({ id: 'train.learning.steps', value: run.step, unit: 'steps' });
  metrics.push({ id: 'train.learning.training_minutes', value: round(run.final_metrics.elapsed_ms / 60_000, 2), unit: 'min', bar: '<= 10' });
  metrics.push({ id: 'train.learning.tokens_per_s', value: Math.round(run.final_metrics.tokens_per_s), unit: 'tokens/s' });
}

export async function trainBrowser({ page, url, machine }) {
  const metrics = [];
  // The machine is shared: its load says how much to trust the absolute figures (ratios are same-run).
  const info = { ...machine, rounds: ROUNDS, vocab: VOCAB, load_average_at_start: round(loadavg()[0], 2) };
  page.on('response', (response) => response.status() >= 400 && console.error(`train: ${response.status()} for ${response.url()}`));
  await page.goto(`${url}bench/pages/train.html`);
  await page.getByText('loaded').waitFor();
  const only = (process.env.BENCH_TRAIN_PARTS ?? 'throughput,leak,learning').split(',');
  let smallWasm = 1500;
  if (only.includes('throughput')) {
    await throughput(page, metrics, info);
    smallWasm = metrics.find((m) => m.id === 'train.small.wasm.tokens_per_s')?.value ?? smallWasm;
  } else await page.evaluate(() => window.startTrainBackend('wasm'));
  if (only.includes('leak')) await leakCheck(page, metrics);
  await page.evaluate(() => window.stopTrainBackend('wasm'));
  if (only.includes('learning')) await learning(page, url, metrics, smallWasm);
  info.load_average_at_end = round(loadavg()[0], 2);
  writeResult('train', info, metrics);
}
