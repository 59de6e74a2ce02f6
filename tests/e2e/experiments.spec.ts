// Experiments end to end in Chromium: a sweep of 3 trials on tiny (WASM) runs one trial after
// another to completed with a best trial, which is promoted into the model registry, downloaded
// as a zip, deleted, imported back with the same sha-256; two runs compare side by side.
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

async function makeDataset(page: Page): Promise<void> {
  await page.goto('./#/generate');
  await page.getByLabel(/Curriculum for small models/).check();
  await page.getByLabel(/^Count/).fill('120');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Generate curriculum for small models' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Stored 120 traces/);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Sweepdata');
  await page.getByLabel('Selection strategy').selectOption('all');
  await page.getByLabel('Train/eval split').check();
  await page.getByLabel('Eval fraction').fill('0.25');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Dataset sweepdata-v1' })).toBeVisible();
}

test('a 3-trial sweep completes, its best is promoted, downloaded, deleted and imported back with the same hash', async ({ page }) => {
  test.setTimeout(240_000);
  await makeDataset(page);
  await page.getByRole('link', { name: 'Sweeps', exact: true }).click();
  await expect(page.getByText('No sweeps yet.')).toBeVisible();
  await page.getByLabel('Sweep name').fill('lr search');
  await page.getByLabel('Dataset').selectOption('sweepdata-v1');
  await page.getByLabel('Steps per trial').fill('6');
  await page.getByLabel('Trials').fill('3');
  await page.getByLabel('Learning rate from').fill('1e-4');
  await page.getByLabel('Learning rate to').fill('1e-2');
  await page.getByRole('button', { name: 'Start sweep' }).click();

  await expect(page.getByRole('heading', { name: 'Sweep lr search' })).toBeVisible();
  await expect(page.getByText(/^completed · 3 of 3 trials done/)).toBeVisible({ timeout: 150_000 });
  const trials = page.getByRole('table', { name: 'Trials' }).locator('tbody tr');
  await expect(trials).toHaveCount(3);
  await expect(trials.filter({ hasText: 'completed' })).toHaveCount(3);
  await expect(trials.filter({ hasText: 'best' })).toHaveCount(1);
  // The best trial has the lowest held-out loss of the three.
  const objectives = (await trials.locator('td:nth-child(5)').allTextContents()).map(Number);
  const bestObjective = Number(await trials.filter({ hasText: 'best' }).locator('td:nth-child(5)').textContent());
  expect(bestObjective).toBe(Math.min(...objectives));
  await expect(page.getByRole('figure', { name: /held-out loss by learning_rate/ })).toBeVisible();

  await page.getByRole('button', { name: 'Promote best trial' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Promoted trial \d as lr search best v1/ })).toBeVisible();

  await page.getByRole('link', { name: 'Models', exact: true }).click();
  const row = page.getByRole('row', { name: /lr search best v1/ });
  await expect(row).toBeVisible();
  const sha = await row.locator('code').getAttribute('title');
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download lr search best v1' }).click();
  const download = await pending;
  expect(download.suggestedFilename()).toBe('lr-search-best-v1.zip');
  const zip = await readFile((await download.path())!);

  await page.getByRole('button', { name: 'Delete lr search best v1' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete model' }).click();
  await expect(page.getByText(/Deleted lr search best v1; .* freed\./)).toBeVisible();
  await expect(page.getByText(/No models yet/)).toBeVisible();

  await page.getByLabel('Import a model zip').setInputFiles({ name: 'lr-search-best-v1.zip', mimeType: 'application/zip', buffer: zip });
  await expect(page.getByText(/Imported lr search best v1 \(sha-256 [0-9a-f]{12}…, verified\)\./)).toBeVisible();
  await expect(page.getByRole('row', { name: /lr search best v1/ }).locator('code')).toHaveAttribute('title', sha!);

  // A corrupted copy is refused, naming the file at fault.
  const corrupt = Buffer.from(zip);
  corrupt[200] = corrupt[200]! ^ 0xff;
  await page.getByLabel('Import a model zip').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: corrupt });
  await expect(page.getByRole('alert')).toContainText('broken.zip');

  // Two trial runs compare side by side with their differing learning rates marked.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  const runLinks = page.getByRole('link', { name: /lr search · trial/ });
  await expect(runLinks).toHaveCount(3);
  await page.getByLabel('Status').selectOption('completed');
  await expect(runLinks).toHaveCount(3);
  await page.getByRole('checkbox', { name: /Compare lr search · trial 1/ }).check();
  await page.getByRole('checkbox', { name: /Compare lr search · trial 2/ }).check();
  await page.getByRole('link', { name: 'Compare selected (2)' }).click();
  await expect(page.getByRole('heading', { name: 'Compare 2 runs' })).toBeVisible();
  await expect(page.getByRole('row', { name: /train\.learning_rate/ })).toHaveClass(/differs/);
  await expect(page.getByRole('figure', { name: 'Loss (smoothed)' })).toBeVisible();
});

test('one click: train, then evaluate the untrained start and the trained model on eval_v1 and open the delta report', async ({ page }) => {
  test.setTimeout(240_000);
  await makeDataset(page);
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByLabel('Dataset').selectOption('sweepdata-v1');
  await page.getByLabel('Model preset').selectOption('tiny');
  await page.getByLabel('Context (tokens)').fill('128');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await page.getByLabel('Steps', { exact: true }).fill('8');
  await page.getByLabel('Batch size').fill('8');
  await page.getByLabel('Warmup steps').fill('2');
  await page.getByLabel('When the run completes, evaluate before and after on').selectOption('eval_v1');
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByRole('heading', { name: /^Delta report: .* · untrained start → .* · step 8$/ })).toBeVisible({ timeout: 200_000 });
  await expect(page.getByText(/^eval_v1@sha256:[0-9a-f]{12} · judge normalized · 25 items/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download delta_report.md' })).toBeVisible();

  // The run's page lists both evaluations; its evidence bundle re-creates the run's setup.
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await page.getByRole('link', { name: /on sweepdata-v1/ }).first().click();
  const evaluations = page.getByRole('region', { name: 'Evaluations' });
  await expect(evaluations.locator('tbody tr')).toHaveCount(2);
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download evidence bundle' }).click();
  const bundle = await readFile((await (await pending).path())!);
  expect(bundle.includes(Buffer.from('delta_report.md'))).toBe(true);
  expect(bundle.includes(Buffer.from('evalset.sha256'))).toBe(true);
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await page.getByLabel('Import evidence bundle (rerun its config)').setInputFiles({ name: 'evidence.zip', mimeType: 'application/zip', buffer: bundle });
  await expect(page.getByRole('heading', { name: 'Train', exact: true })).toBeVisible();
  await expect(page.getByLabel('Steps', { exact: true })).toHaveValue('8');
  await expect(page.getByLabel('Context (tokens)')).toHaveValue('128');
  await expect(page.getByLabel('Dataset')).toHaveValue('sweepdata-v1');
});
