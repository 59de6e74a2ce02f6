// Backup and restore end to end, in Chromium's real IndexedDB: generated traces are backed up
// from the Storage screen as a download; in a fresh browser profile the file is checked, shown
// and merged, and a trace list open in another tab follows without a reload; a corrupted copy is
// refused with the store untouched; Replace (after its confirmation) leaves exactly the backup.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { generateTraces, useDownloads } from './helpers';

async function generate(page: Page, count: number, seed: number): Promise<number> {
  await page.goto('./#/traces');
  return generateTraces(page, count, seed);
}

async function downloadBackup(page: Page): Promise<string> {
  await page.getByRole('link', { name: 'Storage', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Storage', level: 1 })).toBeVisible();
  await useDownloads(page);
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download backup', exact: true }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^tunix-rt-web-backup-.*\.jsonl$/);
  await expect(page.getByText(/Backup saved as/)).toBeVisible();
  return readFile((await download.path())!, 'utf8');
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

function chooseBackup(page: Page, text: string, name = 'backup.jsonl') {
  return page.getByLabel(/^Backup file/).setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text, 'utf8') });
}

test('back up, then merge into an empty profile: the file is checked and a trace list in another tab follows', async ({ page, browser }) => {
  const stored = await generate(page, 300, 5);
  const text = await downloadBackup(page);
  const header = JSON.parse(text.slice(0, text.indexOf('\n')));
  expect(header.format).toBe('tunix-rt-web-backup');

  const target = await freshPage(browser);
  const list = await target.context().newPage();
  await list.goto('./#/traces');
  await expect(list.getByRole('heading', { name: 'No traces yet' })).toBeVisible();

  await target.goto('./#/storage');
  await chooseBackup(target, text);
  await expect(target.getByText(/is a complete backup made .* every count and hash checked/)).toBeVisible();
  await target.getByLabel(/Merge: add the backup/).check();
  await target.getByRole('button', { name: 'Restore backup' }).click();
  await expect(target.getByText(/^Restored [\d,]+ records \(merged with what was stored\)/)).toBeVisible();

  const shown = stored.toLocaleString('en-US');
  await expect(list.getByText(`${shown} of ${shown} traces`)).toBeVisible();
  await target.getByRole('link', { name: 'Traces', exact: true }).click();
  await expect(target.getByText(`${shown} of ${shown} traces`)).toBeVisible();
  await target.context().close();
});

test('a corrupted backup is refused and nothing changes; Replace leaves exactly the backup', async ({ page, browser }) => {
  const stored = await generate(page, 200, 9);
  const text = await downloadBackup(page);

  const target = await freshPage(browser);
  const own = await generate(target, 100, 77);
  await target.getByRole('link', { name: 'Storage', exact: true }).click();
  // One letter changed inside a trace page's text: still valid JSON, but no longer what was hashed.
  const at = text.indexOf('"records":[') + 500;
  const letter = text.slice(at).search(/[a-y]/) + at;
  const corrupted = text.slice(0, letter) + String.fromCharCode(text.charCodeAt(letter) + 1) + text.slice(letter + 1);
  expect(corrupted).not.toBe(text);
  await chooseBackup(target, corrupted, 'corrupted.jsonl');
  await expect(target.getByRole('alert')).toContainText(/corrupted\.jsonl cannot be restored: .*does not match the manifest.*Nothing was changed/);
  await expect(target.getByRole('button', { name: 'Restore backup' })).toHaveCount(0);
  await chooseBackup(target, text.slice(0, Math.floor(text.length / 2)), 'truncated.jsonl');
  await expect(target.getByRole('alert')).toContainText(/truncated\.jsonl cannot be restored: .*(truncated|not valid JSON)/);
  await target.getByRole('link', { name: 'Traces', exact: true }).click();
  await expect(target.getByText(`${own} of ${own} traces`)).toBeVisible();

  await target.getByRole('link', { name: 'Storage', exact: true }).click();
  await chooseBackup(target, text);
  await target.getByLabel(/Replace: delete everything/).check();
  await target.getByRole('button', { name: 'Restore backup' }).click();
  const dialog = target.getByRole('dialog', { name: 'Replace everything stored?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Replace and restore' }).click();
  await expect(target.getByText(/^Restored [\d,]+ records \(replacing what was stored\)/)).toBeVisible();
  await target.getByRole('link', { name: 'Traces', exact: true }).click();
  const shown = stored.toLocaleString('en-US');
  await expect(target.getByText(`${shown} of ${shown} traces`)).toBeVisible();
  await target.context().close();
});
