// `npm run bench [-- name …]`: runs the benchmarks of ../shared/BENCH.md that exist so far and
// writes bench/results/<name>.json. Browser benchmarks run the production build in Debian's
// Chromium; every ratio compares against a baseline measured in the same run.
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';
import { startHeapSampler, writeResult } from './bench-lib.mjs';
import { trainBrowser } from './bench-train.mjs';

const TRACE_COUNT = Number(process.env.BENCH_TRACES ?? 100_000);
const TRACE_BYTES = 1_000;

async function withBrowser(run) {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'bench/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('bench build failed');
  const server = await serveStatic('dist-bench');
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    page.on('crash', () => console.error('page crashed'));
    page.on('console', (message) => message.type() === 'error' && console.error('console:', message.text()));
    return await run({ browser, page, url: server.url, machine: { browser: `Chromium ${browser.version()}` } });
  } finally {
    await browser.close();
    await server.close();
  }
}

async function importAndBrowse({ browser, page, url, machine }) {
  await page.goto(`${url}bench/pages/import.html`);
  const { bytes } = await page.evaluate(([count, size]) => window.prepareImportBench(count, size), [TRACE_COUNT, TRACE_BYTES]);
  console.log(`import: ${TRACE_COUNT.toLocaleString('en-US')} traces, ${(bytes / 1e6).toFixed(1)} MB of JSONL`);
  const raw = await page.evaluate(() => window.runRawBaseline());
  const sampler = await startHeapSampler(browser);
  const ours = await page.evaluate(() => window.runOurImport());
  const peakHeap = await sampler.stop();
  if (ours.stored !== TRACE_COUNT || raw.count !== TRACE_COUNT) throw new Error(`import stored ${ours.stored}, baseline ${raw.count}, expected ${TRACE_COUNT}`);
  const oursRate = TRACE_COUNT / (ours.ms / 1000);
  const rawRate = TRACE_COUNT / (raw.ms / 1000);
  writeResult('import', { ...machine, file_mb: Math.round(bytes / 1e5) / 10, traces: TRACE_COUNT }, [
    { id: 'import.traces_per_s', value: Math.round(oursRate), unit: 'traces/s', bar: '>= 10000' },
    { id: 'import.raw_bulkadd_per_s', value: Math.round(rawRate), unit: 'traces/s' },
    { id: 'import.ratio_vs_raw', value: Math.round((oursRate / rawRate) * 100) / 100, unit: 'ratio', bar: '>= 0.5' },
    { id: 'import.peak_heap_mb', value: Math.round(peakHeap / 1e5) / 10, unit: 'MB', bar: '< 300' },
  ]);

  // Browse: open the traces view cold (a fresh page load), then in-app, then filter by a meta key.
  await page.goto(`${url}index.html#/traces`);
  await page.locator('.trace-row[aria-rowindex="2"] a').waitFor();
  const coldMarks = await page.evaluate(() => ({
    rows: performance.getEntriesByName('traces:first-rows')[0]?.startTime ?? NaN,
    open: performance.getEntriesByName('traces:open')[0]?.startTime ?? NaN,
    index: performance.getEntriesByName('traces:index-ready')[0]?.startTime ?? NaN,
  }));
  const cold = coldMarks.rows;
  console.log(`browse: cold load: view mounted ${Math.round(coldMarks.open)} ms, index ready ${Math.round(coldMarks.index)} ms, first rows ${Math.round(coldMarks.rows)} ms`);
  await page.getByRole('link', { name: 'Import', exact: true }).click();
  await page.getByRole('heading', { name: 'Import traces' }).waitFor();
  await page.evaluate(() => performance.clearMarks());
  await page.getByRole('link', { name: 'Traces', exact: true }).click();
  await page.locator('.trace-row[aria-rowindex="2"] a').waitFor();
  const inApp = await page.evaluate(() => {
    const open = performance.getEntriesByName('traces:open')[0]?.startTime ?? NaN;
    const rows = performance.getEntriesByName('traces:first-rows')[0]?.startTime ?? NaN;
    return rows - open;
  });
  await page.getByText(`${TRACE_COUNT.toLocaleString('en-US')} of`).waitFor();
  await page.getByLabel('Meta filter (key=value)').fill('source=ungar');
  const filterMs = await page.evaluate(async () => {
    const input = document.getElementById('meta-term');
    const count = document.querySelector('.toolbar .count');
    const before = count.textContent;
    const started = performance.now();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    while (count.textContent === before) await new Promise((done) => requestAnimationFrame(done));
    return performance.now() - started;
  });
  const shown = await page.locator('.toolbar .count').textContent();
  console.log(`browse: filtered view shows "${shown}"`);
  writeResult('browse', { ...machine, traces: TRACE_COUNT }, [
    { id: 'browse.first_rows_ms', value: Math.round(inApp), unit: 'ms', bar: '< 300' },
    { id: 'browse.first_rows_cold_ms', value: Math.round(cold), unit: 'ms' },
    { id: 'browse.first_rows_after_open_cold_ms', value: Math.round(coldMarks.rows - coldMarks.open), unit: 'ms' },
    { id: 'browse.filter_ms', value: Math.round(filterMs), unit: 'ms', bar: '< 500' },
  ]);
}

const BUILD_RUNS = 3;
const BUILD_SELECTED = Math.round(TRACE_COUNT / 2);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function prepareDatasets(page, url) {
  await page.goto(`${url}bench/pages/datasets.html`);
  const prepared = await page.evaluate(([count, size]) => window.prepareDatasetsBench(count, size), [TRACE_COUNT, TRACE_BYTES]);
  if (prepared.stored !== TRACE_COUNT) throw new Error(`stored ${prepared.stored} traces, expected ${TRACE_COUNT}`);
  console.log(`datasets: ${TRACE_COUNT.toLocaleString('en-US')} traces stored in ${Math.round(prepared.ms)} ms (not timed)`);
}

/** Build: meta filter + stratified (category, proportional) selection, new version per run. */
async function stratifiedBuild({ page, url, machine }) {
  await prepareDatasets(page, url);
  const times = [];
  for (let run = 1; run <= BUILD_RUNS; run++) {
    const built = await page.evaluate(([version, limit]) => window.runStratifiedBuild(version, 'corpus', limit), [`v${run}`, BUILD_SELECTED]);
    if (!built.ok || built.count !== BUILD_SELECTED) throw new Error(`build ${run}: ${built.error ?? `${built.count} traces, expected ${BUILD_SELECTED}`}`);
    console.log(`build: run ${run}: ${Math.round(built.ms)} ms`);
    times.push(built.ms);
  }
  writeResult('build', { ...machine, traces: TRACE_COUNT, selected: BUILD_SELECTED, runs: BUILD_RUNS }, [
    { id: 'build.stratified_ms', value: Math.round(median(times)), unit: 'ms', bar: '< 1000' },
    { id: 'build.stratified_cold_ms', value: Math.round(times[0]), unit: 'ms' },
  ]);
}

const EXPORT_RUNS = Number(process.env.BENCH_RUNS ?? 3);

/**
 * Export: a dataset of every stored trace as tunix_sft, through the export worker, bytes
 * counted; the medians of EXPORT_RUNS exports' rates and peak heap growths (each run kept in the result).
 */
async function tunixSftExport({ browser, page, url, machine }) {
  await prepareDatasets(page, url);
  const dataset = await page.evaluate((count) => window.buildWholeDataset(count), TRACE_COUNT);
  const cdp = await page.context().newCDPSession(page);
  const rates = [];
  const growths = [];
  let exported;
  for (let run = 1; run <= EXPORT_RUNS; run++) {
    // Each run's peak heap over the heap after a collection (the export worker is new each run).
    await cdp.send('HeapProfiler.collectGarbage');
    const before = await startHeapSampler(browser);
    await new Promise((done) => setTimeout(done, 500));
    const heapBefore = await before.stop();
    const sampler = await startHeapSampler(browser);
    exported = await page.evaluate((key) => window.runTunixSftExport(key), dataset.key);
    const peakHeap = await sampler.stop();
    if (exported.written !== TRACE_COUNT) throw new Error(`exported ${exported.written} traces (${exported.missing} missing), expected ${TRACE_COUNT}`);
    rates.push(Math.round(TRACE_COUNT / (exported.ms / 1000)));
    growths.push(Math.round((peakHeap - heapBefore) / 1e5) / 10);
    console.log(`export: run ${run}: ${exported.files.join(', ')}: ${(exported.bytes / 1e6).toFixed(1)} MB in ${Math.round(exported.ms)} ms (${rates.at(-1)} traces/s); heap ${(heapBefore / 1e6).toFixed(1)} MB before, peak +${growths.at(-1)} MB`);
  }
  writeResult('export', { ...machine, traces: TRACE_COUNT, output_mb: Math.round(exported.bytes / 1e5) / 10, runs: EXPORT_RUNS, runs_traces_per_s: rates, runs_heap_growth_mb: growths }, [
    { id: 'export.tunix_sft.traces_per_s', value: Math.round(median(rates)), unit: 'traces/s', bar: '>= 50000' },
    { id: 'export.heap_growth_mb', value: median(growths), unit: 'MB', bar: '< 100' },
  ]);
}

const GENERATE_COUNT = Number(process.env.BENCH_GENERATE ?? 100_000);
const GENERATE_SEED = 42;
const GENERATE_RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Generate: a reasoning corpus through the real import worker's generate (generation + store), median of GENERATE_RUNS. */
async function generateCorpus({ page, url, machine }) {
  const rates = [];
  let stored = 0;
  for (let k = 0; k < GENERATE_RUNS; k++) {
    await page.goto(`${url}bench/pages/generate.html`);
    const run = await page.evaluate(([count, seed]) => window.runGenerateBench(count, seed), [GENERATE_COUNT, GENERATE_SEED]);
    if (run.status !== 'completed' || run.stored + run.duplicate !== GENERATE_COUNT || run.invalid !== 0) {
      throw new Error(`generate: ${run.status}, stored ${run.stored}, duplicates ${run.duplicate}, invalid ${run.invalid}, expected ${GENERATE_COUNT}`);
    }
    stored = run.stored;
    rates.push(Math.round(GENERATE_COUNT / (run.ms / 1000)));
    console.log(`generate: reasoning_corpus seed ${GENERATE_SEED}: ${run.stored.toLocaleString('en-US')} stored in ${Math.round(run.ms)} ms (sha-256 ${run.sha256})`);
  }
  writeResult('generate', { ...machine, generator: 'reasoning_corpus', seed: GENERATE_SEED, traces: GENERATE_COUNT, stored, runs_traces_per_s: rates }, [
    { id: 'generate.traces_per_s', value: Math.round(median(rates)), unit: 'traces/s', bar: '>= 20000' },
  ]);
}

const DECODE_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const EVAL_BATCH = 8;

/** Decode (KV cache vs full recompute, same run) and the evaluation of eval_v2, on WASM in Chromium. */
async function decodeAndEval({ page, url, machine }) {
  await page.goto(`${url}bench/pages/decode.html`);
  const backend = await page.evaluate(() => window.startWasm());
  const single = await page.evaluate(([batch, rounds]) => window.runDecodeBench(batch, rounds), [1, DECODE_ROUNDS]);
  const batched = await page.evaluate(([batch, rounds]) => window.runDecodeBench(batch, rounds), [8, 1]);
  const summary = (timing) => {
    const cached = median(timing.cached_ms);
    const uncached = median(timing.uncached_ms);
    console.log(`decode: batch ${timing.batch}: cached ${timing.cached_ms.map(Math.round).join(', ')} ms; uncached ${timing.uncached_ms.map(Math.round).join(', ')} ms; same tokens: ${timing.identical}`);
    return { speedup: Math.round((uncached / cached) * 100) / 100, tokensPerS: Math.round((timing.batch * 128) / (cached / 1000)), uncachedPerS: Math.round((timing.batch * 128) / (uncached / 1000)) };
  };
  const one = summary(single);
  const eight = summary(batched);
  writeResult('decode', { ...machine, backend, preset: 'small', new_tokens: 128, rounds: DECODE_ROUNDS, same_tokens_cached_uncached: single.identical && batched.identical }, [
    { id: 'decode.kv_speedup', value: one.speedup, unit: 'ratio', bar: '>= 3' },
    { id: 'decode.tokens_per_s', value: one.tokensPerS, unit: 'tokens/s' },
    { id: 'decode.uncached_tokens_per_s', value: one.uncachedPerS, unit: 'tokens/s' },
    { id: 'decode.batch8.kv_speedup', value: eight.speedup, unit: 'ratio' },
    { id: 'decode.batch8.tokens_per_s', value: eight.tokensPerS, unit: 'tokens/s' },
  ]);
  const evaluation = await page.evaluate((batch) => window.runEvalSpeedBench(batch), EVAL_BATCH);
  console.log(`eval: ${evaluation.items} eval_v2 items, untrained small, ${evaluation.tokens} tokens generated in ${Math.round(evaluation.ms)} ms (${evaluation.prompt_too_long} prompts longer than the context)`);
  writeResult('eval-speed', { ...machine, backend, preset: 'small', model: 'untrained', judge: 'normalized', batch: EVAL_BATCH, max_new_tokens: 128, evalset: 'eval_v2' }, [
    { id: 'eval.eval_v2.elapsed_s', value: Math.round(evaluation.ms / 100) / 10, unit: 's', bar: '< 60' },
    { id: 'eval.items_per_s', value: Math.round((evaluation.items / (evaluation.ms / 1000)) * 100) / 100, unit: 'items/s' },
    { id: 'eval.generated_tokens_per_s', value: Math.round(evaluation.tokens / (evaluation.ms / 1000)), unit: 'tokens/s' },
  ]);
}

const BACKUP_RUNS = 3;
const BACKUP_CHECKPOINTS = 3;

/** Backup → wipe → restore of 100,000 traces + 3 runs with checkpoints, through the real worker; lossless by hash equality. */
async function backupRoundTrip({ page, url, machine }) {
  await page.goto(`${url}bench/pages/backup.html`);
  const prepared = await page.evaluate(
    (options) => window.prepareBackupBench(options),
    { traces: TRACE_COUNT, traceBytes: TRACE_BYTES, runs: BACKUP_RUNS, checkpointsPerRun: BACKUP_CHECKPOINTS, metricsPerRun: 300 },
  );
  console.log(`backup: store filled in ${Math.round(prepared.ms)} ms (not timed): ${JSON.stringify(prepared.counts)}`);
  const run = await page.evaluate(() => window.runBackupRoundTrip());
  if (!run.lossless) throw new Error(`backup round trip is not lossless: tables ${run.mismatches.join(', ')} differ`);
  if (run.traces_restored !== TRACE_COUNT) throw new Error(`restored ${run.traces_restored} traces, expected ${TRACE_COUNT}`);
  const seconds = (run.backup_ms + run.wipe_ms + run.restore_ms) / 1000;
  console.log(
    `backup: ${(run.file_bytes / 1e6).toFixed(1)} MB file, ${run.records.toLocaleString('en-US')} records in ${run.tables} tables; ` +
      `backup ${Math.round(run.backup_ms)} ms, wipe ${Math.round(run.wipe_ms)} ms, restore (check + write) ${Math.round(run.restore_ms)} ms; lossless`,
  );
  writeResult('backup', { ...machine, traces: TRACE_COUNT, runs: BACKUP_RUNS, checkpoints: BACKUP_RUNS * BACKUP_CHECKPOINTS, file_mb: Math.round(run.file_bytes / 1e5) / 10 }, [
    { id: 'backup.roundtrip_s', value: Math.round(seconds * 100) / 100, unit: 's', bar: '< 30' },
    { id: 'backup.backup_s', value: Math.round(run.backup_ms / 10) / 100, unit: 's' },
    { id: 'backup.restore_s', value: Math.round(run.restore_ms / 10) / 100, unit: 's' },
    { id: 'backup.file_mb', value: Math.round(run.file_bytes / 1e5) / 10, unit: 'MB' },
    { id: 'backup.lossless', value: 1, unit: 'bool', bar: '= 1 (every table hash equal after restore)' },
  ]);
}

const BENCHMARKS = {
  import: () => withBrowser(importAndBrowse),
  build: () => withBrowser(stratifiedBuild),
  export: () => withBrowser(tunixSftExport),
  generate: () => withBrowser(generateCorpus),
  decode: () => withBrowser(decodeAndEval),
  backup: () => withBrowser(backupRoundTrip),
  // Training throughput in Node (WASM) against the PyTorch CPU reference, in the same run; then
  // in Chromium on WASM, WebGL and WebGPU (again against PyTorch), the leak check and the Learning bar.
  train: async () => {
    if (process.env.BENCH_TRAIN_NODE !== '0') {
      const run = spawnSync('npx', ['tsx', 'bench/train-node.ts'], { stdio: 'inherit' });
      if (run.status !== 0) throw new Error('bench/train-node.ts failed');
    }
    await withBrowser(trainBrowser);
  },
};
BENCHMARKS.browse = BENCHMARKS.import;
BENCHMARKS['eval-speed'] = BENCHMARKS.decode;

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(BENCHMARKS).filter((name) => name !== 'browse' && name !== 'eval-speed');
for (const name of names) {
  if (!BENCHMARKS[name]) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHMARKS).join(', ')}`);
    process.exit(2);
  }
}
const ran = new Set();
for (const name of names) {
  if (ran.has(BENCHMARKS[name])) continue;
  ran.add(BENCHMARKS[name]);
  await BENCHMARKS[name]();
}
