// Starter base models end to end: the shipped tiny base is listed under "Start from" on the Train
// screen; picking it fetches and checks its files, locks the shape to the base's and lowers the
// default learning rate; a short WASM fine-tune records the base's id and sha-256 on the run page;
// its before/after evaluation loads the base in the eval worker; a run from scratch on the same
// data joins it, and the leaderboard shows base, base + fine-tune and from scratch side by side.
// A damaged model.safetensors is refused with the file named.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { validateShippedIndex } from '../../src/runs/shipped-models';
import { importFile } from './helpers';

const index = validateShippedIndex(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/models/index.json'), 'utf8')));
if (!index.ok) throw new Error('public/models/index.json is invalid');
const tiny = index.value.models.find((m) => m.preset === 'tiny')!;

/** 45 one-step sums, short enough for the base's 64-token context with the chat template. */
const SUMS = Array.from({ length: 45 }, (_, k) => {
  const [a, b] = [1 + (k % 9), 1 + Math.floor(k / 9)];
  return JSON.stringify({ trace_version: '1.0', prompt: `${a}+${b}=?`, steps: [{ i: 0, type: 'computation', content: `${a}+${b}=${a + b}` }], final_answer: String(a + b) });
}).join('\n');

async function makeDataset(page: Page): Promise<void> {
  await importFile(page, 'sums.jsonl', `${SUMS}\n`);
  await expect(page.getByRole('status').first()).toContainText(/45/);
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Sums');
  await page.getByLabel('Selection strategy').selectOption('all');
  await page.getByLabel('Train/eval split').check();
  await page.getByLabel('Eval fraction').fill('0.2');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Dataset sums-v1' })).toBeVisible();
}

async function trainShort(page: Page): Promise<void> {
  await page.getByLabel('Dataset').selectOption('sums-v1');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await page.getByLabel('Steps', { exact: true }).fill('6');
  await page.getByLabel('Batch size').fill('4');
  await page.getByLabel('Warmup steps').fill('1');
  await page.getByLabel('Checkpoint every (steps)').fill('3');
  await page.getByLabel('Sample every (steps)').fill('3');
  await page.getByLabel('When the run completes, evaluate before and after on').selectOption('eval_v1');
  await page.getByRole('button', { name: 'Start training' }).click();
  // The before/after evaluation opens the delta report when both are done.
  await expect(page.getByRole('heading', { name: /^Delta report/ })).toBeVisible({ timeout: 150_000 });
}

test('fine-tune from the shipped tiny base, and compare base, fine-tune and scratch', async ({ page }) => {
  test.setTimeout(400_000);
  await makeDataset(page);
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  const startFrom = page.getByRole('group', { name: 'Start from' });
  await expect(startFrom.getByRole('radio', { name: 'From scratch' })).toBeChecked();
  const base = startFrom.getByRole('radio', { name: tiny.id, exact: true });
  await expect(startFrom.getByText(`${tiny.context}`, { exact: false }).first()).toBeVisible();
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.001');
  await page.getByLabel('Model preset').selectOption('small');

  // Keyboard: arrow down from "From scratch" picks the first shipped base.
  await startFrom.getByRole('radio', { name: 'From scratch' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(base).toBeChecked();
  await expect(startFrom.getByRole('status')).toContainText(`Fine-tuning from ${tiny.id}, sha-256 ${tiny.sha256}`);
  await expect(page.getByLabel('Context (tokens)')).toHaveValue(String(tiny.context));
  await expect(page.getByLabel('Context (tokens)')).toBeDisabled();
  await expect(page.getByLabel('Model preset')).toHaveValue(tiny.preset);
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.0005');
  await page.screenshot({ path: 'test-results/base-models-train.png', fullPage: true });

  await trainShort(page);
  const runLink = page.getByRole('link', { name: /sums-v1/ }).first();
  await page.getByRole('link', { name: 'Runs', exact: true }).click();
  await runLink.click();
  const startedFrom = page.getByRole('definition').filter({ hasText: 'shipped base model' });
  await expect(startedFrom).toContainText(tiny.id);
  await expect(startedFrom).toContainText(tiny.sha256);
  await expect(page.getByText(/learning rate 0.0005/)).toBeVisible();

  // The same data from scratch; "From scratch" brings the scratch default learning rate back.
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByRole('group', { name: 'Start from' }).getByRole('radio', { name: 'From scratch' }).check();
  await expect(page.getByLabel('Learning rate')).toHaveValue('0.001');
  await expect(page.getByLabel('Context (tokens)')).toBeEnabled();
  await trainShort(page);

  // The shipped base itself, evaluated straight from its files by the eval worker.
  await page.getByRole('link', { name: 'Evaluate', exact: true }).click();
  const form = page.getByRole('form', { name: 'New evaluation' });
  const baseBox = form.getByRole('checkbox', { name: `${tiny.id} (shipped base model)` });
  await expect(baseBox).toBeVisible();
  for (const box of await form.getByRole('checkbox').all()) await box.uncheck();
  await baseBox.check();
  await form.getByLabel('Eval set').selectOption('eval_v1');
  await form.getByRole('button', { name: /^Evaluate/ }).click();
  const progress = page.getByRole('region', { name: 'Evaluation progress' });
  await expect(progress.getByRole('heading', { name: 'Evaluations finished' })).toBeVisible({ timeout: 60_000 });
  await expect(progress.getByRole('listitem').filter({ hasText: tiny.id })).toContainText(/completed$/);

  await page.getByRole('link', { name: 'Leaderboard', exact: true }).click();
  await expect(page.getByRole('cell', { name: `${tiny.id} (base)`, exact: true })).toHaveCount(2);
  const sideBySide = page.getByRole('region', { name: 'Base, base + fine-tune and from scratch' });
  const row = sideBySide.getByRole('row', { name: new RegExp(tiny.id) });
  await expect(row.getByRole('cell')).toHaveCount(3);
  await expect(row.getByRole('cell').nth(0)).toContainText(`base model start (${tiny.id})`);
  await expect(row.getByRole('cell').nth(1)).toContainText('step 6');
  await expect(row.getByRole('cell').nth(2)).toContainText('step 6');
  await expect(page.getByRole('cell', { name: `${tiny.id} + fine-tune`, exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'from scratch', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/base-models-leaderboard.png', fullPage: true });
});

test('a damaged base file is refused with its name', async ({ page, context }) => {
  await context.route(`**/models/${tiny.id}/model.safetensors`, async (route) => {
    const body = readFileSync(resolve(import.meta.dirname, `../../public/models/${tiny.id}/model.safetensors`));
    body[body.length - 1]! ^= 0xff;
    await route.fulfill({ status: 200, body, contentType: 'application/octet-stream' });
  });
  await makeDataset(page);
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  await page.getByRole('group', { name: 'Start from' }).getByRole('radio', { name: tiny.id, exact: true }).check();
  await expect(page.getByRole('alert')).toContainText(`Could not load base model ${tiny.id}: models/${tiny.id}/model.safetensors has sha-256`);
  await expect(page.getByLabel('Context (tokens)')).toBeEnabled();
});
