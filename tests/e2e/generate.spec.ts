// Generated demo data end to end: the set goes through the import path into the store, and
// its manifest's JSONL hash equals the one Node computes for the same generator and seed.
import { test, expect } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { generateJsonl } from '../../src/generators/manifest';

test('550 reasoning-corpus traces with seed 42: stored, browsable, and the same sha-256 as in Node', async ({ page }) => {
  await page.goto('./#/traces');
  await page.getByRole('link', { name: 'Generate demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Generate demo data' })).toBeVisible();
  await page.getByLabel(/^Count/).fill('550');
  await page.getByLabel('Seed').fill('42');
  await page.getByRole('button', { name: 'Generate reasoning corpus' }).click();
  await expect(page.getByRole('status').first()).toContainText('Stored 550 traces.');

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download manifest of reasoning_corpus seed 42' }).click();
  const download = await downloadPromise;
  const manifest = JSON.parse(await readFile((await download.path())!, 'utf8'));
  const node = generateJsonl({ generator: 'reasoning_corpus', count: 550, seed: 42 }).manifest;
  expect(manifest).toEqual(node);
  expect(manifest.count).toBe(550);

  await page.getByRole('link', { name: 'Traces', exact: true }).click();
  await expect(page.getByText('550 of 550 traces')).toBeVisible();
  await page.getByLabel('Meta filter (key=value)').fill('seed=42');
  await page.keyboard.press('Enter');
  await expect(page.getByText('550 of 550 traces')).toBeVisible();
});

test('generating the same set again stores nothing new: every trace is a duplicate', async ({ page }) => {
  await page.goto('./#/generate');
  await page.getByLabel('UNGAR High Card Duel outcome').check();
  await page.getByLabel(/^Count/).fill('100');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: /^Generate ungar high card duel outcome/ }).click();
  await expect(page.getByRole('status').first()).toContainText('Stored');
  const first = await page.getByRole('status').first().textContent();
  const stored = Number(first!.match(/Stored ([\d,]+)/)![1]!.replace(/,/g, ''));
  expect(stored).toBeGreaterThan(0);
  await page.getByRole('button', { name: /^Generate ungar high card duel outcome/ }).click();
  await expect(page.getByRole('status').first()).toContainText(`Stored 0 traces; ${stored} duplicates skipped.`);
});
