// Import end to end: validation report, duplicates, persistence across reload, and the
// all-or-nothing mode, against real IndexedDB in Chromium.
import { test, expect } from '@playwright/test';
import { mixedJsonl } from '../fixtures/trace-fixtures';
import { importFile, openTraces } from './helpers';

const file = mixedJsonl(1_000, 5);

test('skip-invalid import stores the valid traces, lists errors by line and counts duplicates', async ({ page }) => {
  await importFile(page, 'mixed.jsonl', file.text);
  await expect(page.getByRole('status').first()).toContainText('Stored 1,000 traces; 10 invalid records listed below; 5 duplicates skipped.');
  const errors = page.getByRole('table', { name: 'Import errors' });
  await expect(errors.getByRole('row')).toHaveCount(1 + 10);
  const lines = await errors.locator('tbody tr td:nth-child(2)').allTextContents();
  expect(lines.map(Number)).toEqual(file.invalidLines);
  await expect(errors).toContainText('steps[0].i');
  await expect(errors).toContainText('unknown field');

  await page.reload();
  await openTraces(page);
  await expect(page.getByText('1,000 of 1,000 traces')).toBeVisible();
});

test('all-or-nothing import stores nothing when any record is invalid', async ({ page }) => {
  await importFile(page, 'mixed.jsonl', file.text, { allOrNothing: true });
  await expect(page.getByRole('status').first()).toContainText('Nothing stored: 10 invalid records found');
  await openTraces(page);
  await expect(page.getByRole('heading', { name: 'No traces yet' })).toBeVisible();
});

test('importing the same file twice skips every duplicate', async ({ page }) => {
  const clean = mixedJsonl(200, 0);
  await importFile(page, 'first.jsonl', clean.text);
  await expect(page.getByRole('status').first()).toContainText('Stored 200 traces');
  await importFile(page, 'again.jsonl', clean.text);
  await expect(page.getByRole('status').first()).toContainText('Stored 0 traces; 10 invalid records listed below; 200 duplicates skipped.');
});

test('a JSON array file with a BOM and CRLF line ends imports', async ({ page }) => {
  const traces = [0, 1, 2].map((n) => ({ trace_version: '1.0', prompt: `p${n}`, steps: [{ i: 0, type: 't', content: `c${n}` }], final_answer: `a${n}` }));
  const text = '\uFEFF' + JSON.stringify({ traces }, null, 2).replace(/\n/g, '\r\n');
  await page.goto('./#/import');
  await page.getByLabel('Choose files, or drop them anywhere on the page').setInputFiles({ name: 'set.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').first()).toContainText('Stored 3 traces.');
});
