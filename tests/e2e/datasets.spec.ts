// Datasets end to end: generated traces → "build a dataset from this filter" → a stratified build
// with a split → its statistics → manifest.json and a tunix_sft export downloaded and checked
// byte for byte → the same key refused → rebuild as a new version (same ids) → delete.
import { test, expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { generateJsonl } from '../../src/generators/manifest';
import { renderGemmaConversation } from '../../src/export/gemma';
import { renderLine } from '../../src/export/renderers';
import { canonicalJson } from '../../src/traces/canonical';
import type { ReasoningTrace } from '../../src/traces/types';

async function downloadedText(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

async function downloadManifest(page: Page): Promise<{ trace_ids: string[]; split: { train_ids: string[]; eval_ids: string[] }; parent_dataset_id: string | null }> {
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download manifest.json' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('manifest.json');
  return JSON.parse(await downloadedText(download));
}

test('stratified split dataset: stats, manifest, tunix_sft export, same key refused, rebuild, delete', async ({ page }) => {
  await page.goto('./#/generate');
  await page.getByLabel(/^Count/).fill('550');
  await page.getByLabel('Seed').fill('42');
  await page.getByRole('button', { name: 'Generate reasoning corpus' }).click();
  await expect(page.getByRole('status').first()).toContainText(/Stored [\d,]+ traces/);
  const status = (await page.getByRole('status').first().textContent())!;
  const stored = Number(status.match(/Stored ([\d,]+)/)![1]!.replace(/,/g, ''));
  const shown = stored.toLocaleString('en-US');
  expect(stored).toBeGreaterThan(400);

  await page.getByRole('link', { name: 'Traces', exact: true }).click();
  await page.getByLabel('Meta filter (key=value)').fill('seed=42');
  await page.keyboard.press('Enter');
  await expect(page.getByText(`${shown} of ${shown} traces`)).toBeVisible();
  await page.getByRole('button', { name: 'Build a dataset from this filter' }).click();

  await expect(page.getByRole('heading', { name: 'Build a dataset' })).toBeVisible();
  await expect(page.getByLabel('Meta filters (key=value, one per line)')).toHaveValue('seed=42');
  await expect(page.getByText(`${shown} traces match`)).toBeVisible();
  await page.getByLabel('Min steps').fill('2');
  await expect(page.getByText(/^[\d,]+ traces match$/)).not.toHaveText(`${shown} traces match`);
  await page.getByLabel('Min steps').fill('');
  await page.getByLabel('Name', { exact: true }).fill('Demo');
  await page.getByLabel('Version', { exact: true }).fill('v1');
  await page.getByLabel('Selection strategy').selectOption('stratified');
  await page.getByLabel('Stratify by (meta key)').fill('category');
  await page.getByLabel('Stratify mode').selectOption('balanced');
  await page.getByLabel('Seed', { exact: true }).fill('7');
  await page.getByLabel('Limit', { exact: true }).fill('200');
  await page.getByLabel('Train/eval split').check();
  await page.getByLabel('Eval fraction').fill('0.25');
  await page.getByRole('button', { name: 'Build dataset' }).click();

  await expect(page.getByRole('heading', { name: 'Dataset demo-v1' })).toBeVisible();
  await expect(page.getByText('200 (train 150, eval 50)')).toBeVisible();
  const categoryBars = page.getByRole('list', { name: 'Category chart' }).getByRole('listitem');
  expect(await categoryBars.count()).toBeGreaterThan(1);
  await expect(page.getByRole('list', { name: 'Step count chart' }).getByRole('listitem').first()).toBeVisible();

  const first = await downloadManifest(page);
  expect(first.trace_ids).toHaveLength(200);
  expect([...first.split.train_ids, ...first.split.eval_ids].sort()).toEqual([...first.trace_ids].sort());

  // Export tunix_sft as train.jsonl + eval.jsonl through downloads.
  await page.getByLabel('Format').selectOption('tunix_sft');
  // Headless Chromium has the File System Access pickers, but no one to answer them: use downloads.
  const picker = page.getByRole('checkbox', { name: /Choose where to save/ });
  if ((await picker.count()) > 0) await picker.uncheck();
  await expect(picker).not.toBeChecked();
  const downloads: Download[] = [];
  page.on('download', (download) => downloads.push(download));
  await page.getByRole('button', { name: 'Export train.jsonl + eval.jsonl' }).click();
  await expect(page.getByText(/^Exported 200 traces to train.jsonl, eval.jsonl/)).toBeVisible();
  await expect.poll(() => downloads.length).toBe(2);
  const train = await downloadedText(downloads.find((d) => d.suggestedFilename() === 'train.jsonl')!);
  const lines = train.trimEnd().split('\n');
  expect(lines).toHaveLength(150);
  const record = JSON.parse(lines[0]!) as { id: string; prompts: string; final_answer: string };
  expect(record.id).toBe(first.split.train_ids[0]);
  const generated = generateJsonl({ generator: 'reasoning_corpus', count: 550, seed: 42 })
    .jsonl.trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as ReasoningTrace);
  const source = generated.find((trace) => renderGemmaConversation(trace).startsWith(`<start_of_turn>user\n${trace.prompt}<end_of_turn>`) && record.prompts.includes(`user\n${trace.prompt}<end_of_turn>`))!;
  const expectedPrompts = renderGemmaConversation(source);
  expect(expectedPrompts.startsWith('<start_of_turn>user\n')).toBe(true);
  expect(train.startsWith(`{"id":"${record.id}","prompts":${JSON.stringify(expectedPrompts)},"final_answer":${JSON.stringify(source.final_answer)},`)).toBe(true);
  // Every line of both files, byte for byte, is Node's renderLine of the stored trace (the
  // store gives a trace back as its canonical JSON parsed); meta.index names the generated trace.
  const evalText = await downloadedText(downloads.find((d) => d.suggestedFilename() === 'eval.jsonl')!);
  for (const [text, ids] of [[train, first.split.train_ids], [evalText, first.split.eval_ids]] as const) {
    const exported = text.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; metadata: { created_at: string; index: number } });
    expect(exported.map((line) => line.id)).toEqual(ids);
    const expected = exported.map(({ id, metadata }) =>
      renderLine('tunix_sft', { ...(JSON.parse(canonicalJson(generated[metadata.index]!)) as ReasoningTrace), id, created_at: metadata.created_at }),
    );
    expect(text).toBe(expected.join(''));
  }

  // The same key again is refused, naming the existing build.
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Demo');
  await page.getByLabel('Version', { exact: true }).fill('v1');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByRole('alert')).toContainText('dataset demo-v1 already exists');

  // Rebuild as a new version: same request and seed, same ids.
  await page.getByRole('link', { name: 'demo-v1' }).click();
  await page.getByRole('button', { name: 'Rebuild as new version' }).click();
  await expect(page.getByLabel('Version', { exact: true })).toHaveValue('v2');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Dataset demo-v2' })).toBeVisible();
  const second = await downloadManifest(page);
  expect(second.trace_ids).toEqual(first.trace_ids);
  expect(second.split).toEqual(first.split);
  expect(second.parent_dataset_id).toBe('demo-v1');

  // Delete v2: the list keeps v1 only.
  await page.getByRole('button', { name: 'Delete dataset' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('heading', { name: 'Datasets', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'demo-v1' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'demo-v2' })).toHaveCount(0);
});
