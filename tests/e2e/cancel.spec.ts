// Cancelling a long import keeps the committed batches and says how many; the store agrees.
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
