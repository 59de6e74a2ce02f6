// Shared steps of the end-to-end tests, driven by role and label as a person would.
import { expect, type Page } from '@playwright/test';
import { datasetKey } from '../../src/datasets/key';

export async function importFile(page: Page, name: string, text: string, options: { allOrNothing?: boolean } = {}): Promise<void> {
  await page.goto('./#/import');
  await page.getByLabel('Choose files, or drop them anywhere on the page').setInputFiles({
    name,
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(text, 'utf8'),
  });
  if (options.allOrNothing) await page.getByLabel(/All or nothing/).check();
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').first()).toBeVisible();
}

export async function openTraces(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Traces', exact: true }).click();
}

/** Fails the test if the page ever opens a JavaScript dialog (an injected alert). */
export function failOnDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

/** Generates a reasoning corpus on the Generate screen; returns how many traces were stored. */
export async function generateTraces(page: Page, count: number, seed?: number): Promise<number> {
  await page.getByRole('link', { name: 'Generate', exact: true }).click();
  await page.getByLabel(/^Count/).fill(String(count));
  if (seed !== undefined) await page.getByLabel('Seed').fill(String(seed));
  await page.getByRole('button', { name: 'Generate reasoning corpus' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Stored [\d,]+ traces/);
  const status = (await page.getByRole('status').first().textContent())!;
  return Number(status.match(/Stored ([\d,]+)/)![1]!.replace(/,/g, ''));
}

/** Builds a dataset of the latest traces on the Datasets screen and waits for its page; returns its key. */
export async function buildDataset(page: Page, name: string, version: string, limit?: number): Promise<string> {
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Version', { exact: true }).fill(version);
  if (limit !== undefined) await page.getByLabel('Limit', { exact: true }).fill(String(limit));
  await page.getByRole('button', { name: 'Build dataset' }).click();
  const key = datasetKey(name, version);
  if (!key.ok) throw new Error(key.errors.map((error) => error.message).join('; '));
  await expect(page.getByRole('heading', { name: `Dataset ${key.value}` })).toBeVisible();
  return key.value;
}

/** Unticks "Choose where to save" where the browser offers pickers: headless, no one answers them. */
export async function useDownloads(page: Page): Promise<void> {
  const picker = page.getByRole('checkbox', { name: /Choose where to save/ });
  if ((await picker.count()) > 0 && (await picker.isChecked())) await picker.uncheck();
}
