// Offline: the production build is served by a server this test owns; once the service worker
// controls the page, the server is shut down and the browser put offline, so only the service
// worker can answer. After a reload the app opens and the whole path works: generate demo traces,
// build a dataset, export it, train `tiny` for 20 steps on WASM, evaluate it on eval_v1, start
// from each shipped base model (its precached files fetched and checked). The
// steps are a list (OFFLINE_STEPS): a new screen appends its own.
import { test, expect, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { serveStatic } from '../../scripts/static-server.mjs';
import { buildDataset, generateTraces, useDownloads } from './helpers';

interface OfflineStep {
  name: string;
  run: (page: Page) => Promise<void>;
}

const OFFLINE_STEPS: OfflineStep[] = [
  {
    name: 'generate demo traces',
    run: async (page) => void (await generateTraces(page, 300, 11)),
  },
  {
    name: 'browse them',
    run: async (page) => {
      await page.getByRole('link', { name: 'Traces', exact: true }).click();
      await expect(page.getByText(/^[\d,]+ of [\d,]+ traces$/)).toBeVisible();
      await page.locator('.trace-row a').first().click();
      await expect(page.getByRole('heading', { name: /^Steps/ })).toBeVisible();
    },
  },
  {
    name: 'build a dataset',
    run: async (page) => void (await buildDataset(page, 'Offline', 'v1', 100)),
  },
  {
    name: 'export it',
    run: async (page) => {
      await page.getByLabel('Format').selectOption('tunix_sft');
      await useDownloads(page);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: /^Export / }).click();
      const text = await readFile((await (await download).path())!, 'utf8');
      expect(text.trimEnd().split('\n')).toHaveLength(100);
      await expect(page.getByText(/^Exported 100 traces/)).toBeVisible();
    },
  },
  {
    name: 'train tiny for 20 steps on WASM',
    run: async (page) => {
      await page.goto(`${page.url().split('#')[0]}#/generate`);
      await page.getByLabel(/Curriculum for small models/).check();
      await page.getByLabel(/^Count/).fill('120');
      await page.getByRole('button', { name: 'Generate curriculum for small models' }).click();
      await expect(page.getByRole('status').first()).toContainText(/Stored 120 traces/);
      await page.getByRole('link', { name: 'Datasets', exact: true }).click();
      await page.getByLabel('Name', { exact: true }).fill('Offline curriculum');
      await page.getByLabel('Selection strategy').selectOption('all');
      await page.getByLabel('Train/eval split').check();
      await page.getByRole('button', { name: 'Build dataset' }).click();
      await expect(page.getByRole('heading', { name: 'Dataset offline-curriculum-v1' })).toBeVisible();
      await page.getByRole('link', { name: 'Train', exact: true }).click();
      await page.getByLabel('Dataset').selectOption('offline-curriculum-v1');
      await page.getByLabel('Model preset').selectOption('tiny');
      await page.getByLabel('Context (tokens)').fill('128');
      await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
      await page.getByLabel('Steps', { exact: true }).fill('20');
      await page.getByLabel('Batch size').fill('8');
      await page.getByLabel('Warmup steps').fill('2');
      await page.getByLabel('Checkpoint every (steps)').fill('10');
      await page.getByRole('button', { name: 'Start training' }).click();
      await expect(page.locator('.run-live').getByText(/^completed$/i)).toBeVisible({ timeout: 120_000 });
    },
  },
  {
    name: 'evaluate the trained model',
    run: async (page) => {
      await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
      const form = page.getByRole('form', { name: 'New evaluation' });
      const trained = form.getByRole('checkbox', { name: /· step 20$/ });
      await expect(trained).toBeVisible();
      for (const box of await form.getByRole('checkbox').all()) await box.uncheck();
      await trained.check();
      await form.getByLabel('Eval set').selectOption('eval_v1');
      await form.getByLabel('New tokens at most').fill('24');
      await form.getByRole('button', { name: /^Evaluate/ }).click();
      const progress = page.getByRole('region', { name: 'Evaluation progress' });
      await expect(progress.getByRole('heading', { name: 'Evaluations finished' })).toBeVisible({ timeout: 120_000 });
      await expect(progress.getByRole('listitem').filter({ hasText: 'completed' })).toHaveCount(1);
      await page.getByRole('region', { name: 'Evaluations' }).getByRole('link', { name: /· step 20$/ }).click();
      await expect(page.getByRole('region', { name: 'Scorecard' })).toContainText(/of 25 correct/);
    },
  },
  {
    name: 'start from each shipped base model',
    run: async (page) => {
      await page.getByRole('link', { name: 'Train', exact: true }).click();
      const group = page.getByRole('group', { name: 'Start from' });
      const radios = group.getByRole('radio');
      await expect(radios.nth(1)).toBeVisible();
      for (let k = 1; k < (await radios.count()); k++) {
        await radios.nth(k).check();
        await expect(group.getByRole('status')).toContainText(/^Fine-tuning from \S+, sha-256 [0-9a-f]{64}:/);
      }
      await group.getByRole('radio', { name: 'From scratch' }).check();
    },
  },
];

test('with the server gone, the app opens from the service worker and the whole path works', async ({ browser }) => {
  test.setTimeout(360_000);
  const server = await serveStatic(resolve(import.meta.dirname, '../../dist'));
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}#/traces`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // The first load installs the worker; the next one is controlled by it.
    await page.reload();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await server.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'No traces yet' })).toBeVisible();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Really unreachable: what the service worker has not cached cannot be fetched.
    const uncached = await page.evaluate(() => fetch(`./not-precached-${Date.now()}.txt`).then((response) => `status ${response.status}`, () => 'network error'));
    expect(uncached).toBe('network error');

    for (const step of OFFLINE_STEPS) await test.step(step.name, () => step.run(page));
  } finally {
    await context.close();
    await server.close().catch(() => undefined);
  }
});
