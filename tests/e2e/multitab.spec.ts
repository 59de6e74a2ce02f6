// Two tabs, one database (real Chromium IndexedDB, two pages of one browser context): a newer
// version opening the database makes the old tab close its connection at once (the upgrade is not
// blocked) and tell the person to reload; an old tab that holds on blocks the upgrade, and the
// new tab says so until that tab closes, then works.
import { test, expect, type Page } from '@playwright/test';
import { generateTraces } from './helpers';

const DATABASE = 'tunix-rt-web';

/** A same-origin page without the app, to run raw IndexedDB code in (as another app version would). */
async function bareTab(page: Page): Promise<Page> {
  const tab = await page.context().newPage();
  await tab.goto('./manifest.webmanifest');
  return tab;
}

test('an old tab closes its connection when a newer version upgrades, and asks to be reloaded', async ({ page }) => {
  await page.goto('./#/traces');
  await expect(page.getByRole('heading', { name: 'No traces yet' })).toBeVisible();
  const newer = await bareTab(page);
  // Dexie stores version N as IndexedDB version 10·N; 1000 is far beyond this app's schema.
  const events = await newer.evaluate(
    (name) =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const request = indexedDB.open(name, 1000);
        request.onblocked = () => seen.push('blocked');
        request.onupgradeneeded = () => seen.push('upgradeneeded');
        request.onsuccess = () => {
          seen.push('success');
          request.result.close();
          resolve(seen);
        };
        request.onerror = () => resolve([...seen, `error ${request.error?.name}`]);
      }),
    DATABASE,
  );
  expect(events).toEqual(['upgradeneeded', 'success']);
  const banner = page.getByRole('alert').filter({ hasText: 'A newer version of tunix-rt web was opened in another tab' });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Reload this tab' })).toBeVisible();
});

test('an upgrade blocked by an old tab tells the person to close it, and goes on once it is closed', async ({ page }) => {
  const old = await bareTab(page);
  // An "old version" of the app: schema version 1 (IndexedDB version 10), with no versionchange handler.
  await old.evaluate(
    (name) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(name, 10);
        request.onupgradeneeded = () => {
          request.result.createObjectStore('trace_pages', { keyPath: 'id' });
          request.result.createObjectStore('trace_summaries', { keyPath: 'id' });
        };
        request.onsuccess = () => {
          (window as unknown as { oldConnection: IDBDatabase }).oldConnection = request.result;
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
    DATABASE,
  );
  await page.goto('./#/traces');
  const banner = page.getByRole('alert').filter({ hasText: 'an older version of the app is open in another tab' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Close that tab');
  await old.evaluate(() => (window as unknown as { oldConnection: IDBDatabase }).oldConnection.close());
  await expect(banner).toBeHidden();
  await expect(page.getByRole('heading', { name: 'No traces yet' })).toBeVisible();
  expect(await generateTraces(page, 100)).toBeGreaterThan(0);
});
