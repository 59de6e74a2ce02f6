// Cancelling a long import keeps the committed batches and says how many; closing the tab mid-import
// leaves whole batches only. The store agrees with what the screens say.
import { test, expect } from '@playwright/test';
import { fixtureTrace } from '../fixtures/trace-fixtures';

test('cancel mid-import keeps what was committed, and the count shown matches the store', async ({ page }) => {
  const lines = Array.from({ length: 60_000 }, (_, n) => JSON.stringify(fixtureTrace(n, 300)));
  await page.goto('./#/import');
  await page.getByLabel('Choose files, or drop them anywhere on the page').setInputFiles({
    name: 'big.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(lines.join('\n'), 'utf8'),
  }, { timeout: 90_000 });
  await page.getByRole('button', { name: /^Import/ }).click();
  const progress = page.getByRole('progressbar', { name: 'Importing' });
  await expect(progress).toBeVisible();
  await expect(page.locator('.progress__text')).toContainText(/stored [1-9]/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  const status = page.getByRole('status').first();
  await expect(status).toContainText(/Cancelled: [\d,]+ traces stored before cancelling are kept/);
  const kept = Number((await status.textContent())!.match(/Cancelled: ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(60_000);
  expect(kept % 1_000).toBe(0);
  await page.getByRole('link', { name: 'Traces', exact: true }).click();
  await expect(page.getByText(`${kept.toLocaleString('en-US')} of ${kept.toLocaleString('en-US')} traces`)).toBeVisible();
});

test('closing the tab mid-import leaves whole batches only: the reopened store holds a multiple of 1,000 traces, all readable', async ({ browser }) => {
  const context = await browser.newContext();
  const lines = Array.from({ length: 60_000 }, (_, n) => JSON.stringify(fixtureTrace(n, 300)));
  const first = await context.newPage();
  await first.goto('./#/import');
  await first.getByLabel('Choose files, or drop them anywhere on the page').setInputFiles({
    name: 'big.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(lines.join('\n'), 'utf8'),
  }, { timeout: 90_000 });
  await first.getByRole('button', { name: /^Import/ }).click();
  await expect(first.locator('.progress__text')).toContainText(/stored [1-9]/);
  await first.close(); // the worker dies with the page, in the middle of a batch or between two
  const second = await context.newPage();
  await second.goto('./#/traces');
  const count = second.getByText(/^[\d,]+ of [\d,]+ traces$/);
  await expect(count).toBeVisible();
  const [shown, total] = (await count.textContent())!.match(/[\d,]+/g)!.map((n) => Number(n.replace(/,/g, '')));
  expect(shown).toBe(total);
  expect(total).toBeGreaterThan(0);
  expect(total! % 1_000).toBe(0);
  // Every stored trace opens: the pages and their summaries were written together.
  await second.locator('.trace-row a').last().click();
  await expect(second.getByRole('heading', { name: /^Steps/ })).toBeVisible();
  await context.close();
});
