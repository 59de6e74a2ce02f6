// Training end to end in Chromium, driven by role and label: a curriculum corpus is generated and
// built into a dataset with a split; `tiny` trains on WASM with a live chart to completed, and
// its metrics.jsonl, run_manifest.json, model bundle and config export are downloaded and checked;
// a second tab sees a run live, cannot start another, and cancels it; a reload mid-run resumes
// from the last checkpoint to the same loss curve as an uninterrupted run, and a run left running
// with no tab training resumes when the runs change; and the backend
// check shows WebGPU and WebGL agreeing with WASM within 1e-3 (or says why one could not run).
import { test, expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

async function downloaded(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const download: Download = await pending;
  return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
}

async function metricsOf(page: Page): Promise<{ step: number; loss: number; backend: string; grad_norm: number; lr: number; heldout_loss?: number }[]> {
  const file = await downloaded(page, 'Download metrics.jsonl');
  expect(file.name).toBe('metrics.jsonl');
  return file.bytes.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
}

/** 200 curriculum traces, built into dataset curriculum-v1 with a 20% eval split. */
async function makeDataset(page: Page): Promise<void> {
  await page.goto('./#/generate');
  await page.getByLabel(/Curriculum for small models/).check();
  await page.getByLabel(/^Count/).fill('200');
  await page.getByLabel('Seed').fill('42');
  await page.getByRole('button', { name: 'Generate curriculum for small models' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Stored 200 traces/);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Curriculum');
  await page.getByLabel('Selection strategy').selectOption('all');
  await page.getByLabel('Train/eval split').check();
  await page.getByLabel('Eval fraction').fill('0.2');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Dataset curriculum-v1' })).toBeVisible();
}

/** The Train form for a small, fast run: tiny's shape with a 128-token context (the curriculum's examples need it). */
async function fillRun(page: Page, options: { steps: number; checkpointEvery: number; batch?: number; sampleEvery?: number }): Promise<void> {
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Train', exact: true })).toBeVisible();
  await page.getByLabel('Dataset').selectOption('curriculum-v1');
  await page.getByLabel('Model preset').selectOption('tiny');
  await page.getByLabel('Context (tokens)').fill('128');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await page.getByLabel('Steps', { exact: true }).fill(String(options.steps));
  await page.getByLabel('Batch size').fill(String(options.batch ?? 8));
  await page.getByLabel('Warmup steps').fill('2');
  await page.getByLabel('Checkpoint every (steps)').fill(String(options.checkpointEvery));
  await page.getByLabel('Sample every (steps)').fill(String(options.sampleEvery ?? 10));
}

const progress = (page: Page) => page.getByRole('region', { name: /Current run/ }).or(page.locator('.run-live'));

test('train tiny on WASM: live chart, completed, held-out loss, downloads and config round trip', async ({ page }) => {
  await page.goto('./#/train');
  await expect(page.getByText('There is no dataset to train on yet.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Generate demo data' })).toBeVisible();
  await makeDataset(page);
  await fillRun(page, { steps: 20, checkpointEvery: 10 });

  // The config exports as YAML in the reference shape and imports back.
  const yaml = await downloaded(page, 'Export config as YAML');
  expect(yaml.name).toBe('train_config.yaml');
  expect(yaml.bytes.toString()).toMatch(/training:\n(.|\n)*num_steps: 20\n/);
  expect(yaml.bytes.toString()).toMatch(/model:\n {2}preset: custom\n {2}max_length: 128\n/);
  await page.getByLabel('Steps', { exact: true }).fill('7');
  await page.getByLabel('Import config (YAML or JSON)').setInputFiles({ name: 'train_config.yaml', mimeType: 'application/yaml', buffer: yaml.bytes });
  await expect(page.getByText('Imported train_config.yaml.')).toBeVisible();
  await expect(page.getByLabel('Steps', { exact: true })).toHaveValue('20');

  await page.getByRole('button', { name: 'Start training' }).click();
  const panel = progress(page);
  await expect(panel.getByText(/^completed$/i)).toBeVisible({ timeout: 90_000 });
  await expect(panel.getByRole('definition').filter({ hasText: /^20 \/ 20$/ })).toBeVisible();
  await expect(panel.getByText(/^wasm/)).toBeVisible();
  await expect(panel.getByRole('figure', { name: 'Loss' }).locator('canvas').first()).toBeVisible();
  await expect(panel.getByRole('figure', { name: 'Learning rate' })).toBeVisible();
  await expect(panel.getByRole('figure', { name: 'Tokens/s' })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Samples' }).locator('pre').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/train-screen.png', fullPage: true });

  const metrics = await metricsOf(page);
  expect(metrics.map((m) => m.step)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
  expect(new Set(metrics.map((m) => m.backend))).toEqual(new Set(['wasm']));
  for (const m of metrics) expect(Number.isFinite(m.loss) && m.loss > 0 && m.grad_norm > 0 && m.lr > 0).toBe(true);
  expect(metrics.filter((m) => m.heldout_loss !== undefined).map((m) => m.step)).toEqual([10, 20]);
  expect(metrics[19]!.loss).toBeLessThan(metrics[0]!.loss);

  const manifest = JSON.parse((await downloaded(page, 'Download run_manifest.json')).bytes.toString());
  expect(manifest).toMatchObject({ status: 'completed', step: 20, backend_requested: 'wasm', backend_actual: 'wasm', dataset_key: 'curriculum-v1', model_preset: 'custom' });
  expect(manifest.model_config).toMatchObject({ dim: 64, layers: 2, heads: 4, context: 128 });
  expect(manifest.final_metrics.heldout_loss).toBeLessThan(manifest.initial_heldout_loss);
  expect(manifest.tokenizer_hash).toMatch(/^[0-9a-f]{64}$/);

  const bundle = await downloaded(page, 'Download model bundle');
  expect(bundle.name).toMatch(/-step20\.zip$/);
  expect(bundle.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  // The bundle imports back as the starting point of a fine-tune, fixing the model's shape.
  await page.getByLabel('Import model bundle (.zip)').setInputFiles({ name: bundle.name, mimeType: 'application/zip', buffer: bundle.bytes });
  await expect(page.getByText(`Fine-tuning will start from ${bundle.name}.`)).toBeVisible();
  await expect(page.getByLabel('Width (dim)')).toBeDisabled();
  await expect(page.getByLabel('Import model bundle (.zip)')).toBeEnabled();
  await page.getByLabel('Import model bundle (.zip)').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
  await expect(page.getByRole('alert')).toContainText('broken.zip: not a readable model bundle zip');

  // The Runs list shows it; its page shows the log.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Training runs' }).getByRole('row')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/runs-screen.png' });
  await page.getByRole('link', { name: /on curriculum-v1/ }).click();
  await expect(page.getByRole('heading', { name: /^Run / })).toBeVisible();
  await expect(page.getByText(/Training on \d+ of 160 examples/)).toBeVisible();
  await page.screenshot({ path: 'test-results/run-detail.png', fullPage: true });
});

const stepOf = async (page: Page) => Number(((await page.getByRole('definition').filter({ hasText: / \/ \d+$/ }).first().textContent()) ?? '0').split(' / ')[0]);

test('a second tab sees the run live, cannot start another, and cancels it', async ({ page, context }) => {
  await makeDataset(page);
  await fillRun(page, { steps: 400, checkpointEvery: 5, batch: 4 });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByText(/^running$/i)).toBeVisible();

  const second = await context.newPage();
  await second.goto('./#/train');
  await expect(second.getByText(/^running$/i)).toBeVisible();
  await expect(second.getByRole('button', { name: 'Start training' })).toBeDisabled();
  const seen = await stepOf(second);
  await expect.poll(() => stepOf(second), { timeout: 30_000 }).toBeGreaterThan(Math.max(seen, 5));
  await second.getByRole('button', { name: 'Cancel run' }).click();
  await expect(second.getByText(/^cancelled$/i)).toBeVisible();
  await expect(page.getByText(/^cancelled$/i)).toBeVisible();
  const stopped = await stepOf(page);
  expect(stopped).toBeLessThan(400);
  const metrics = await metricsOf(page);
  expect(metrics.at(-1)!.step).toBe(stopped);
  await expect(page.getByRole('button', { name: 'Start training' })).toBeEnabled();
});

test('a reload mid-run resumes from the last checkpoint with the loss curve of an uninterrupted run', async ({ page }) => {
  test.setTimeout(300_000); // two 60-step runs: slow on a loaded 2-core machine
  await makeDataset(page);
  await fillRun(page, { steps: 60, checkpointEvery: 5, batch: 4, sampleEvery: 0 });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByText(/^completed$/i)).toBeVisible({ timeout: 90_000 });
  const straight = await metricsOf(page);
  expect(straight).toHaveLength(60);

  await page.getByRole('button', { name: 'Start training' }).click();
  // Until the new run shows its progress, the step shown can still be the finished run's 60: a
  // reload then would come before the new run has a checkpoint (or even its record).
  await expect.poll(async () => { const step = await stepOf(page); return step >= 12 && step < 60; }, { timeout: 60_000 }).toBe(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Train', exact: true })).toBeVisible();
  await expect(page.getByText(/^completed$/i)).toBeVisible({ timeout: 150_000 });
  const resumed = await metricsOf(page);
  expect(resumed.map((m) => m.loss)).toEqual(straight.map((m) => m.loss));
  await page.getByRole('link', { name: 'details' }).click();
  await expect(page.getByText(/^Resumed from the checkpoint at step (1[0-9]|[2-5][05])$/)).toBeVisible();
});

test('a run left running when no tab trains (its worker outlived the tab) resumes as soon as the runs change', async ({ page }) => {
  await makeDataset(page);
  await fillRun(page, { steps: 20, checkpointEvery: 5, batch: 4, sampleEvery: 0 });
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByText(/^completed$/i)).toBeVisible({ timeout: 90_000 });
  // What a train worker that outlives its closing tab can leave behind: a run marked running
  // after the reopened tab looked for unfinished runs, announced by that worker.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('tunix-rt-web');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('runs', 'readwrite');
      const runs = tx.objectStore('runs');
      runs.getAll().onsuccess = (event) => {
        for (const run of (event.target as IDBRequest<{ status: string }[]>).result) runs.put({ ...run, status: 'running' });
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    new BroadcastChannel('tunix-rt-web:db-changes').postMessage({ table: 'runs' });
  });
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  const row = page.getByRole('table', { name: 'Training runs' }).getByRole('row').nth(1);
  await expect(row).toContainText('completed', { timeout: 60_000 });
  await page.getByRole('link', { name: /on curriculum-v1/ }).click();
  await expect(page.getByText(/^Resumed from the checkpoint at step 20$/)).toBeVisible();
});

test('the backend check runs WebGPU and WebGL against WASM within 1e-3', async ({ page }) => {
  test.setTimeout(180_000); // WebGPU runs on SwiftShader (a CPU Vulkan) here: its shaders compile slowly
  await page.goto('./#/train');
  await page.getByRole('button', { name: 'Check backends' }).click();
  const table = page.getByRole('table', { name: 'Backend check results' });
  await expect(table.getByRole('row')).toHaveCount(5, { timeout: 90_000 });
  await expect(page.getByRole('button', { name: 'Check backends' })).toBeEnabled({ timeout: 90_000 });
  const resultOf = async (backend: string) => (await table.locator(`tr[data-backend="${backend}"] td`).first().textContent()) ?? '';
  expect(await resultOf('wasm')).toBe('reference');
  for (const row of await table.getByRole('row').allTextContents()) test.info().annotations.push({ type: 'backend', description: row });
  // A backend that could not start shows "unavailable: <reason>": this fails and says which and why.
  for (const backend of ['webgpu', 'webgl', 'cpu']) expect(`${backend}: ${await resultOf(backend)}`).toBe(`${backend}: agrees`);
});
