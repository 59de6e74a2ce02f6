// Offline: the production build is served by a server this test owns; once the service worker
// controls the page, the server is shut down and the browser put offline, so only the service
// worker can answer. After a reload the app opens and the whole path works: generate demo traces,
// build a dataset, export it. Steps are a list: later screens append theirs (train `tiny` for 20
// steps on WASM, evaluate) to OFFLINE_STEPS.
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
];

test('with the server gone, the app opens from the service worker and the whole path works', async ({ browser }) => {
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
