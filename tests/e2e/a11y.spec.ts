// Accessibility: axe-core on every screen of the production build, with data in the store (and on
// the empty states), must report no serious or critical violation. To cover a new screen, add an
// entry to SCREENS: how to open it (from the seeded data) and what shows when it is ready.
import { test, expect, type Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { buildDataset, generateTraces, useDownloads } from './helpers';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** What the seeding step leaves behind for the screens to open. */
interface Seed {
  traceIds: string[];
  datasetKey: string;
}

interface Screen {
  name: string;
  open: (page: Page, seed: Seed) => Promise<void>;
}

const byHash = (hash: string) => async (page: Page) => {
  await page.goto(`./${hash}`);
};

/** Screens checked on an empty store, before seeding. */
const EMPTY_STATE_SCREENS: Screen[] = [
  { name: 'traces (empty)', open: async (page) => (await byHash('#/traces')(page), await expect(page.getByRole('heading', { name: 'No traces yet' })).toBeVisible()) },
  { name: 'train (empty)', open: async (page) => (await byHash('#/train')(page), await expect(page.getByText('There is no dataset to train on yet.')).toBeVisible()) },
  { name: 'runs (empty)', open: async (page) => (await byHash('#/runs')(page), await expect(page.getByText(/No training runs yet/)).toBeVisible()) },
  { name: 'leaderboard (empty)', open: async (page) => (await byHash('#/leaderboard')(page), await expect(page.getByText(/No completed evaluations yet/)).toBeVisible()) },
  { name: 'models (empty)', open: async (page) => (await byHash('#/models')(page), await expect(page.getByText(/No models yet/)).toBeVisible()) },
  { name: 'storage (empty)', open: async (page) => (await byHash('#/storage')(page), await expect(page.getByText('Nothing is stored yet.')).toBeVisible()) },
];

/** Screens checked with the seeded data. */
const SCREENS: Screen[] = [
  { name: 'traces', open: async (page) => (await byHash('#/traces')(page), await expect(page.locator('.trace-row a').first()).toBeVisible()) },
  { name: 'trace detail', open: async (page, seed) => (await byHash(`#/traces/${seed.traceIds[0]}`)(page), await expect(page.getByRole('heading', { name: /^Steps/ })).toBeVisible()) },
  {
    name: 'compare',
    open: async (page, seed) => (await byHash(`#/compare/${seed.traceIds[0]}/${seed.traceIds[1]}`)(page), await expect(page.getByRole('heading', { name: /^Steps/ }).first()).toBeVisible()),
  },
  { name: 'import', open: async (page) => (await byHash('#/import')(page), await expect(page.getByRole('heading', { name: 'Import traces' })).toBeVisible()) },
  { name: 'generate', open: async (page) => (await byHash('#/generate')(page), await expect(page.getByRole('heading', { name: 'Generate demo data' })).toBeVisible()) },
  { name: 'datasets', open: async (page) => (await byHash('#/datasets')(page), await expect(page.getByRole('heading', { name: 'Build a dataset' })).toBeVisible()) },
  {
    name: 'dataset detail',
    open: async (page, seed) => (await byHash(`#/datasets/${seed.datasetKey}`)(page), await expect(page.getByRole('heading', { name: `Dataset ${seed.datasetKey}` })).toBeVisible()),
  },
  { name: 'eval sets', open: async (page) => (await byHash('#/evalsets')(page), await expect(page.getByRole('heading', { name: 'Eval sets', level: 1 })).toBeVisible()) },
  {
    name: 'eval set detail',
    open: async (page) => {
      await byHash('#/evalsets')(page);
      await page.getByRole('link', { name: 'eval_v2' }).first().click();
      await expect(page.getByRole('heading', { name: /eval_v2/, level: 1 })).toBeVisible();
    },
  },
  { name: 'train', open: async (page) => (await byHash('#/train')(page), await expect(page.getByRole('button', { name: 'Start training' })).toBeVisible(), await expect(page.getByRole('group', { name: 'Start from' }).getByRole('radio').nth(1)).toBeVisible()) },
  { name: 'evaluate', open: async (page) => (await byHash('#/evaluate')(page), await expect(page.getByRole('heading', { name: 'Evaluate', level: 1 })).toBeVisible()) },
  { name: 'sweeps', open: async (page) => (await byHash('#/sweeps')(page), await expect(page.getByRole('button', { name: 'Start sweep' })).toBeVisible()) },
  { name: 'storage', open: async (page) => (await byHash('#/storage')(page), await expect(page.getByRole('heading', { name: 'What to delete to free space' })).toBeVisible()) },
  { name: 'not found', open: async (page) => (await byHash('#/no/such/screen')(page), await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()) },
  {
    name: 'import report with errors',
    open: async (page) => {
      await byHash('#/import')(page);
      const text = '{"prompt":"only a prompt"}\nnot json\n';
      await page.getByLabel('Choose files, or drop them anywhere on the page').setInputFiles({ name: 'bad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
      await page.getByRole('button', { name: /^Import/ }).click();
      await expect(page.getByText('not json').or(page.getByText(/invalid JSON/)).first()).toBeVisible();
    },
  },
  {
    name: 'storage: backup made, restore checked, replace confirmation open',
    open: async (page) => {
      await byHash('#/storage')(page);
      await useDownloads(page);
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download backup', exact: true }).click();
      const path = await (await download).path();
      await page.getByLabel(/^Backup file to restore/).setInputFiles(path!);
      await expect(page.getByText(/every count and hash checked/)).toBeVisible();
      await page.getByLabel(/Replace: delete everything/).check();
      await page.getByRole('button', { name: 'Restore backup' }).click();
      await expect(page.getByRole('dialog', { name: 'Replace everything stored?' })).toBeVisible();
    },
  },
];

/** Generated traces and a dataset, through the screens, as a person would make them. */
async function seed(page: Page): Promise<Seed> {
  await generateTraces(page, 120);
  const datasetKey = await buildDataset(page, 'A11y', 'v1');
  await page.goto('./#/traces');
  const links = page.locator('.trace-row a');
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((anchors) => anchors.slice(0, 2).map((anchor) => anchor.getAttribute('href')!));
  return { traceIds: hrefs.map((href) => decodeURIComponent(href.split('/').pop()!)), datasetKey };
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

// axe is injected as a script tag: allowed past the app's CSP for this test only.
test.use({ bypassCSP: true });

test('no serious or critical axe violation on any screen', async ({ page }) => {
  const report: Record<string, string[]> = {};
  const unseeded: Seed = { traceIds: [], datasetKey: '' };
  for (const screen of EMPTY_STATE_SCREENS) {
    await screen.open(page, unseeded);
    report[screen.name] = await seriousViolations(page);
  }
  const seeded = await seed(page);
  for (const screen of SCREENS) {
    await screen.open(page, seeded);
    report[screen.name] = await seriousViolations(page);
  }
  expect(Object.keys(report)).toHaveLength(EMPTY_STATE_SCREENS.length + SCREENS.length);
  expect(report).toEqual(Object.fromEntries(Object.keys(report).map((name) => [name, []])));
});
