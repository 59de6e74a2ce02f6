// Shared steps of the end-to-end tests, driven by role and label as a person would.
import { expect, type Page } from '@playwright/test';

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
