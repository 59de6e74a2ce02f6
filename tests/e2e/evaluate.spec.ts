// Evaluation end to end. This branch has no Train screen, so runs are seeded straight into the
// app's IndexedDB (a run manifest and a checkpoint record, exactly as the train worker stores
// them): a tiny run whose step-10 checkpoint holds hand-set weights that answer "3" to any prompt
// (so one eval_v1 item flips from wrong to right against the untrained start), and a larger run
// whose untrained start is slow enough to cancel. Then, as a person would: evaluate the tiny run's untrained
// start and checkpoint on eval_v1, read the scorecard and the per-item table, cancel an
// evaluation, compare two evaluations and download the delta report.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import type { GptConfig } from '../../src/model/config';
import { initialWeights } from '../../src/model/gpt';
import type { NamedWeights } from '../../src/model/gpt';
import { CharTokenizer, END_OF_TURN_ID } from '../../src/model/tokenizer';
import type { CheckpointRecord, RunManifest } from '../../src/runs/types';
import { fixtureCheckpoint, fixtureRun } from '../fixtures/runs';
import { failOnDialogs } from './helpers';

const evalV1 = readFileSync(resolve(import.meta.dirname, '../../evalsets/eval_v1/data.jsonl'), 'utf8');
const tokenizer = CharTokenizer.fromTexts([evalV1, 'Reasoning:\n1. Answer: ']);
const tinyConfig: GptConfig = { vocab_size: tokenizer.vocabSize, context: 160, layers: 1, heads: 2, dim: 16, dropout: 0, seed: 7 };
const bigConfig: GptConfig = { vocab_size: tokenizer.vocabSize, context: 512, layers: 4, heads: 4, dim: 128, dropout: 0, seed: 9 };

/**
 * Weights of a model whose blocks do nothing (all zero), whose embedding marks "\n" and "3", and
 * whose head maps them to "3" and <end_of_turn>: after a prompt (which ends with "model\n") it
 * answers "3" and stops. ln_f turns e_k into n_k = (e_k − 1/C) / std, so the head's column for
 * the answer is n_k itself (logit |n_k|² ≈ C against n_j·n_k ≈ −1 for the others).
 */
function answersThree(config: GptConfig): NamedWeights {
  const weights = initialWeights(config);
  for (const [name, values] of Object.entries(weights)) if (!name.includes('ln_')) values.fill(0);
  const { dim: C, vocab_size: V } = config;
  const [newline, three] = [tokenizer.encode('\n')[0] as number, tokenizer.encode('3')[0] as number];
  (weights['wte.weight'] as Float32Array)[newline * C] = 1;
  (weights['wte.weight'] as Float32Array)[three * C + 1] = 1;
  const std = Math.sqrt((1 / C) * (1 - 1 / C) + 1e-5);
  const normalized = (k: number) => Array.from({ length: C }, (_, j) => ((j === k ? 1 : 0) - 1 / C) / std);
  const head = weights['lm_head.weight'] as Float32Array;
  normalized(0).forEach((value, j) => (head[j * V + three] = value));
  normalized(1).forEach((value, j) => (head[j * V + END_OF_TURN_ID] = value));
  return weights;
}

/** Records as plain JSON (weights as number arrays); the page turns weights back into Float32Arrays. */
function serializable(records: { runs: RunManifest[]; checkpoints: CheckpointRecord[] }): unknown {
  return JSON.parse(JSON.stringify(records, (_key, value: unknown) => (value instanceof Float32Array ? { __f32: Array.from(value) } : value)));
}

async function seedRuns(page: Page): Promise<void> {
  const records = {
    runs: [fixtureRun('run-tiny', 'tiny run', tinyConfig, '2026-01-01T00:00:00.000Z'), fixtureRun('run-big', 'big run', bigConfig, '2026-01-02T00:00:00.000Z')],
    checkpoints: [
      fixtureCheckpoint('run-tiny', 10, tinyConfig, tokenizer.toJSON(), answersThree(tinyConfig)),
      // The untrained start reads only the tokenizer from a checkpoint: its weights are not needed.
      fixtureCheckpoint('run-big', 10, bigConfig, tokenizer.toJSON(), {}),
    ],
  };
  await page.evaluate(async (data) => {
    const revive = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(revive);
      if (value && typeof value === 'object') {
        if ('__f32' in value) return Float32Array.from((value as { __f32: number[] }).__f32);
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
      }
      return value;
    };
    const { runs, checkpoints } = revive(data) as { runs: unknown[]; checkpoints: unknown[] };
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('tunix-rt-web');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    await new Promise<void>((done, fail) => {
      const transaction = db.transaction(['runs', 'checkpoints'], 'readwrite');
      runs.forEach((run) => transaction.objectStore('runs').put(run));
      checkpoints.forEach((checkpoint) => transaction.objectStore('checkpoints').put(checkpoint));
      transaction.oncomplete = () => done();
      transaction.onerror = () => fail(transaction.error);
    });
    db.close();
  }, serializable(records));
}

async function evaluate(page: Page, models: string[], maxNewTokens: string): Promise<void> {
  const form = page.getByRole('form', { name: 'New evaluation' });
  await expect(form.getByRole('checkbox', { name: models[0] })).toBeVisible();
  for (const box of await form.getByRole('checkbox').all()) await box.uncheck();
  for (const model of models) await form.getByRole('checkbox', { name: model }).check();
  await form.getByLabel('Eval set').selectOption('eval_v1');
  await form.getByLabel('Judge').selectOption('normalized');
  await form.getByLabel('New tokens at most').fill(maxNewTokens);
  await form.getByRole('button', { name: /^Evaluate/ }).click();
}

test('evaluate a run on eval_v1: scorecard, per-item table, cancel, delta report and its downloads', async ({ page }) => {
  test.setTimeout(240_000);
  const dialogs = failOnDialogs(page);
  await page.goto('./#/evaluate');
  // Before any training, only the shipped base models are there to evaluate.
  await expect(page.getByRole('form', { name: 'New evaluation' }).getByRole('checkbox', { name: /\(shipped base model\)$/ }).first()).toBeVisible();
  await expect(page.getByText('No evaluations yet.')).toBeVisible();
  await seedRuns(page);
  await page.reload();

  // Two evaluations in one go: the tiny run's untrained start and its step-10 checkpoint.
  await evaluate(page, ['tiny run · untrained start', 'tiny run · step 10'], '24');
  const progress = page.getByRole('region', { name: 'Evaluation progress' });
  await expect(progress.getByRole('heading', { name: 'Evaluations finished' })).toBeVisible({ timeout: 120_000 });
  await expect(progress.getByRole('list', { name: 'Finished evaluations' }).getByRole('listitem')).toHaveCount(2);
  await expect(progress.getByRole('listitem').filter({ hasText: 'completed' })).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('evaluate.png'), fullPage: true });

  const list = page.getByRole('region', { name: 'Evaluations' });
  await expect(list.getByRole('row')).toHaveCount(3);
  await list.getByRole('link', { name: 'tiny run · untrained start' }).click();

  // The evaluation: its scorecard with per-category bars and intervals, and every item.
  await expect(page.getByRole('heading', { name: 'tiny run · untrained start on eval_v1' })).toBeVisible();
  await expect(page.getByText('Completed', { exact: true })).toBeVisible();
  const scorecard = page.getByRole('region', { name: 'Scorecard' });
  await expect(scorecard).toContainText(/of 25 correct/);
  await expect(scorecard.getByRole('list', { name: 'Scores by category' }).getByRole('listitem').first()).toHaveAccessibleName(/^arithmetic: \d+% \(\d+\.\d–\d+\.\d%\), n=\d+$/);
  const items = page.getByRole('region', { name: 'Items' });
  await expect(items.getByText('Showing 25 of 25 items')).toBeVisible();
  await items.getByLabel('Category').selectOption('arithmetic');
  await expect(items.getByText(/^Showing (\d+) of \1 items \(25 in all\)$/)).toBeVisible();
  await items.getByLabel('Category').selectOption('');
  await items.getByLabel('Wrong only').check();
  const wrongCount = Number((await items.getByText(/^Showing \d+ of/).textContent())?.match(/of (\d+)/)?.[1]);
  await expect(items.getByRole('cell', { name: '✓ correct' })).toHaveCount(0);
  expect(wrongCount).toBeGreaterThan(0);
  await items.getByLabel('Wrong only').uncheck();
  const firstRow = items.getByRole('row').nth(1);
  await firstRow.getByText('Show generation').click();
  await expect(firstRow.locator('pre')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('evaluation.png'), fullPage: true });

  // Cancel: the big run's untrained start decodes long enough to be stopped after a batch.
  await page.getByRole('link', { name: '← Evaluate' }).click();
  await evaluate(page, ['big run · untrained start'], '512');
  await expect(progress.getByText(/[1-9]\d* of 25 items/)).toBeVisible({ timeout: 120_000 });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress.getByRole('listitem').filter({ hasText: 'cancelled (finished items kept)' })).toBeVisible();
  const cancelledRow = list.getByRole('row').filter({ hasText: 'big run · untrained start' });
  await expect(cancelledRow).toContainText('Cancelled');
  await expect(cancelledRow).toContainText(/[1-9]\d* \/ 25/);

  // Compare the two completed evaluations and download the report.
  await list.getByRole('checkbox', { name: /^Compare tiny run · untrained start/ }).check();
  await list.getByRole('checkbox', { name: /^Compare big run · untrained start/ }).check();
  await expect(list.getByRole('button', { name: 'Compare selected' })).toBeDisabled();
  await expect(list.getByText('Only completed evaluations can be compared.')).toBeVisible();
  await list.getByRole('checkbox', { name: /^Compare big run/ }).uncheck();
  await list.getByRole('checkbox', { name: /^Compare tiny run · step 10/ }).check();
  await list.getByRole('button', { name: 'Compare selected' }).click();
  await expect(page.getByRole('heading', { name: 'Delta report: tiny run · untrained start → tiny run · step 10' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Overall' })).toContainText('All items');
  await expect(page.getByRole('table', { name: 'By category' }).getByRole('row')).toHaveCount(1 + 8);
  // The hand-set checkpoint answers "3": eval_v1-022 ("How many words … 'snow turtle glass'?") flips to right.
  const flipped = page.getByRole('region', { name: 'Flipped wrong → right (1)' });
  const item = flipped.getByRole('article', { name: 'Item eval_v1-022' });
  await expect(item).toContainText('snow turtle glass');
  await expect(item).toContainText('tiny run · step 10, extracted answer: 3');
  await expect(page.getByRole('region', { name: 'Flipped right → wrong (0)' })).toContainText('None.');
  await page.screenshot({ path: test.info().outputPath('delta.png'), fullPage: true });

  const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download delta_report.md' }).click()]);
  expect(markdown.suggestedFilename()).toBe('delta_report.md');
  const text = readFileSync(await markdown.path(), 'utf8');
  expect(text).toContain('# Delta report: tiny run · untrained start → tiny run · step 10');
  expect(text).toContain('| All items | 25 / 25 | 0.0% [0.0, 13.3] | 4.0% [0.7, 19.5] | +4.0 pts |');
  expect(text).toContain('## Flipped wrong → right (1)');
  const [summary] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download eval_summary.json' }).click()]);
  expect(summary.suggestedFilename()).toBe('eval_summary.json');
  const json = JSON.parse(readFileSync(await summary.path(), 'utf8')) as { judge: string; before: { label: string; manifest: { run: { run_id: string } } }; overall: { n_before: number } };
  expect(json).toMatchObject({ judge: 'normalized', before: { label: 'tiny run · untrained start', manifest: { run: { run_id: 'run-tiny' } } }, overall: { n_before: 25 } });
  expect(dialogs).toEqual([]);
});
