// Converters and eval sets end to end: a GSM8K file previewed, converted and stored through the
// import screen; an eval set imported with its per-line errors; the bundled eval_v2 listed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect } from '@playwright/test';
import { openTraces } from './helpers';

const gsm8k = readFileSync(resolve(import.meta.dirname, '../fixtures/convert/gsm8k.jsonl'));

test('a GSM8K file is previewed with its mapping, converted and stored with the right answers', async ({ page }) => {
  await page.goto('./#/import');
  await page.getByLabel('Choose files, or drop them anywhere on the page').setInputFiles({ name: 'gsm8k.jsonl', mimeType: 'application/x-ndjson', buffer: gsm8k });
  const preview = page.getByRole('region', { name: 'Preview of gsm8k.jsonl' });
  await expect(preview).toContainText('Detected format: GSM8K');
  await expect(preview).toContainText('calculator annotations');
  const records = preview.getByRole('list', { name: 'First records of gsm8k.jsonl' });
  await expect(records.locator(':scope > li')).toHaveCount(3);
  await expect(records).toContainText('Answer: 1234');
  await expect(records).not.toContainText('<<');

  // Forcing another format shows that the records do not fit it; back to detection to import.
  const select = preview.getByLabel('Read records as');
  await select.selectOption('alpaca');
  await expect(records).toContainText('Line 1: not imported.');
  await select.selectOption('auto');
  await expect(records).toContainText('Answer: 48');

  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').first()).toContainText('Stored 3 traces.');
  await expect(page.getByRole('table').first()).toContainText('jsonl · gsm8k');

  await openTraces(page);
  await expect(page.getByText('3 of 3 traces')).toBeVisible();
  const answers = await page.getByRole('cell').and(page.locator('.col-answer')).allTextContents();
  expect(answers.map((a) => a.trim()).sort()).toEqual(['1.75', '1234', '48']);
});

test('an eval set imports with per-line errors first, then stores, shows and deletes', async ({ page }) => {
  const item = (id: string, category: string) => JSON.stringify({ id, prompt: `Prompt ${id}`, expected_answer: `answer-${id}`, category, difficulty: 'easy' });
  const bad = [item('a', 'arithmetic'), '{broken', JSON.stringify({ id: 'c', prompt: 'p' })].join('\n');
  await page.goto('./#/evalsets');
  await page.getByLabel('Eval set file (JSONL)').setInputFiles({ name: 'mine.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(bad) });
  await expect(page.getByLabel('Eval set name')).toHaveValue('mine');
  await page.getByRole('button', { name: 'Import eval set' }).click();
  await expect(page.getByRole('status')).toContainText('Nothing stored');
  const problems = page.getByRole('table', { name: 'Problems by line' });
  const lines = await problems.locator('tbody tr td:first-child').allTextContents();
  expect([...new Set(lines)]).toEqual(['2', '3']);

  const good = [item('a', 'arithmetic'), item('b', 'logic'), item('c', 'arithmetic')].join('\n');
  await page.getByLabel('Eval set file (JSONL)').setInputFiles({ name: 'mine.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(good) });
  await page.getByRole('button', { name: 'Import eval set' }).click();
  await expect(page.getByRole('status')).toContainText('Stored eval set mine with 3 items.');
  const yours = page.getByRole('table', { name: 'Your eval sets' });
  await expect(yours).toContainText('mine');
  await yours.getByRole('link', { name: 'mine' }).click();

  await expect(page.getByRole('heading', { name: 'mine' })).toBeVisible();
  const counts = page.getByRole('table', { name: 'Items per category' });
  await expect(counts.getByRole('row', { name: 'arithmetic 2' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Items', exact: true })).toContainText('answer-b');
  await page.getByRole('button', { name: 'Delete eval set' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'Eval sets' })).toBeVisible();
  await expect(page.getByText('No imported eval sets yet.')).toBeVisible();
});

test('the bundled eval_v2 is listed with 100 items and its provenance', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('link', { name: 'Eval sets', exact: true }).click();
  const bundled = page.getByRole('table', { name: 'Bundled eval sets' });
  await expect(bundled.getByRole('row', { name: /eval_v2 100/ })).toBeVisible();
  await bundled.getByRole('link', { name: 'eval_v2' }).click();
  await expect(page.getByRole('heading', { name: 'eval_v2' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Provenance' })).toContainText('make-evalsets');
  await expect(page.getByRole('table', { name: 'Items', exact: true }).locator('tbody tr')).toHaveCount(100);
  await expect(page.getByRole('button', { name: 'Delete eval set' })).toHaveCount(0);
});
