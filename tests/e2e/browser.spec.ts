// The trace browser end to end: filters, histogram ranges, detail by URL, delete, compare, and
// user text that must show literally (never as HTML).
import { test, expect } from '@playwright/test';
import { mixedJsonl } from '../fixtures/trace-fixtures';
import { failOnDialogs, importFile, openTraces } from './helpers';

test('filter by meta, open a trace by its URL, delete it', async ({ page }) => {
  const file = mixedJsonl(300, 0);
  await importFile(page, 'traces.jsonl', file.text);
  await openTraces(page);
  await expect(page.getByText('300 of 300 traces')).toBeVisible();

  await page.getByLabel('Meta filter (key=value)').fill('source=ungar');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByText('100 of 300 traces')).toBeVisible();
  await page.getByLabel('Meta filter (key=value)').fill('category=units');
  await page.keyboard.press('Enter');
  // source=ungar ⇔ n % 3 == 0, category=units ⇔ n % 4 == 2: n % 12 == 6 → 25 of 0..299.
  await expect(page.getByText('25 of 300 traces')).toBeVisible();

  await page.getByRole('searchbox', { name: 'Search prompt and answer' }).fill('Trace 18:');
  await expect(page.getByText('1 of 300 traces')).toBeVisible();
  await page.getByRole('link', { name: /^Trace 18: what is/ }).click();
  await expect(page).toHaveURL(/#\/traces\/[0-9a-f-]{36}$/);
  const url = page.url();
  await expect(page.getByRole('heading', { name: /Trace 18: what is/ })).toBeVisible();
  await expect(page.getByText('"category": "units"')).toBeVisible();

  await page.goto('about:blank');
  await page.goto(url);
  await expect(page.getByRole('heading', { name: /Trace 18: what is/ })).toBeVisible();
  await page.getByRole('button', { name: 'Delete trace' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('299 of 299 traces')).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Trace not found' })).toBeVisible();
});

test('steps histogram bar filters to its range, and two selected traces compare side by side', async ({ page }) => {
  await importFile(page, 'traces.jsonl', mixedJsonl(120, 0).text);
  await openTraces(page);
  await expect(page.getByText('120 of 120 traces')).toBeVisible();
  // Steps are 1 + n % 6: one bar per value, 20 traces each.
  await page.getByRole('button', { name: 'Steps 3: 20 traces' }).click();
  await expect(page.getByText('20 of 120 traces')).toBeVisible();

  await page.getByRole('checkbox', { name: 'Select trace 1', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Select trace 2', exact: true }).check();
  await page.getByRole('button', { name: 'Compare 2 selected' }).click();
  await expect(page.getByRole('heading', { name: 'Compare traces' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Left' }).getByText(/Trace \d+: what is/).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Right' }).getByText(/Trace \d+: what is/).first()).toBeVisible();

  await page.goBack();
  await page.getByRole('button', { name: 'Delete 2 selected' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Deleted 2 traces.')).toBeVisible();
});

test('markup in user text shows literally and never runs', async ({ page }) => {
  const dialogs = failOnDialogs(page);
  const payload = '<img src=x onerror=alert(1)>';
  const trace = {
    trace_version: '1.0',
    prompt: payload,
    steps: [{ i: 0, type: '<b>type</b>', content: '<script>alert(2)</script>' }],
    final_answer: '<svg onload=alert(3)>',
    meta: { source: '<i>src</i>' },
  };
  await importFile(page, '<b>evil</b>.jsonl', JSON.stringify(trace) + '\n');
  await expect(page.getByRole('status').first()).toContainText('Stored 1 trace.');
  await expect(page.getByRole('cell', { name: '<b>evil</b>.jsonl' })).toBeVisible();
  await openTraces(page);
  await expect(page.getByRole('link', { name: payload })).toBeVisible();
  await page.getByRole('link', { name: payload }).click();
  await expect(page.getByText('<script>alert(2)</script>')).toBeVisible();
  await expect(page.getByText('<svg onload=alert(3)>')).toBeVisible();
  expect(await page.locator('main img, main svg[onload], main script').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
