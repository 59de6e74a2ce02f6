// The learnability bars (issues 7 and 10) measured through the app itself, in headless Chromium
// on WASM: generate the curriculum corpus, build a dataset, train from scratch or from a shipped
// base with the Train screen's "evaluate before and after on eval_v2", and keep the delta report
// the app writes (bench/results/learn-app-<label>.md), its overall scores and the run's held-out
// completion loss (…-<label>.json), and every item's prediction after training (…-<label>-items.json).
// Each label runs in its own browser context (its own IndexedDB), all labels at once.
//   npx vite build && node bench/learn-app.mjs scratch:lr=0.002 base-small-v1:lr=0.001 [--steps 730]
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium.mjs';
import { serveStatic } from '../scripts/static-server.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : fallback;
};
const steps = Number(option('steps', '730'));
const traces = Number(option('traces', '20000'));
const starts = args.map((spec) => {
  const [start, ...settings] = spec.split(':');
  return { start, ...Object.fromEntries(settings.map((s) => s.split('='))) };
});
if (starts.length === 0) throw new Error('usage: node bench/learn-app.mjs <scratch|base id>[:lr=X] ... [--steps N] [--traces N]');

async function runOne(browser, url, { start, lr }) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (error) => console.error(`${start}: page error: ${error.message}`));
  await page.goto(`${url}index.html#/generate`);
  await page.getByLabel(/Curriculum for small models/).check();
  await page.getByLabel(/^Count/).fill(String(traces));
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('button', { name: 'Generate curriculum for small models' }).click();
  await page.getByRole('status').first().filter({ hasText: /Stored/ }).waitFor();
  await page.getByRole('link', { name: 'Datasets', exact: true }).click();
  await page.getByLabel('Name', { exact: true }).fill('Curriculum');
  await page.getByLabel('Selection strategy').selectOption('all');
  await page.getByLabel('Train/eval split').check();
  await page.getByLabel('Eval fraction').fill('0.02');
  await page.getByRole('button', { name: 'Build dataset' }).click();
  await page.getByRole('heading', { name: 'Dataset curriculum-v1' }).waitFor();
  await page.getByRole('link', { name: 'Train', exact: true }).click();
  const startFrom = page.getByRole('group', { name: 'Start from' });
  if (start === 'scratch') {
    await startFrom.getByRole('radio', { name: 'From scratch' }).check();
    await page.getByLabel('Model preset').selectOption('small');
    await page.getByLabel('Context (tokens)').fill('256');
    await page.getByLabel('Init seed').fill('1'); // a base's shape and weights are its own
  } else {
    await startFrom.getByRole('radio', { name: start, exact: true }).check();
    await startFrom.getByRole('status').filter({ hasText: `Fine-tuning from ${start}` }).waitFor();
  }
  await page.getByLabel('Dataset').selectOption('curriculum-v1');
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await page.getByLabel('Data seed').fill('1');
  await page.getByLabel('Steps', { exact: true }).fill(String(steps));
  await page.getByLabel('Batch size').fill('8');
  await page.getByLabel('Warmup steps').fill('30');
  if (lr) await page.getByLabel('Learning rate').fill(lr);
  await page.getByLabel('Checkpoint every (steps)').fill(String(Math.ceil(steps / 4)));
  await page.getByLabel('When the run completes, evaluate before and after on').selectOption('eval_v2');
  const began = Date.now();
  await page.getByRole('button', { name: 'Start training' }).click();
  await page.getByRole('heading', { name: /^Delta report/ }).waitFor({ timeout: 3_600_000 });
  const minutes = (Date.now() - began) / 60_000;
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download delta_report.md' }).click();
  const markdown = await (await pending).createReadStream().then(async (stream) => {
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  });
  const { trainingMinutes, items: predictions } = await afterPredictions(page);
  // The run's held-out completion loss (the dataset's eval split), from its live panel.
  await page.goto(`${url}index.html#/train`);
  const heldOutLoss = (await page.locator('dt', { hasText: 'Held-out loss' }).locator('xpath=following-sibling::dd[1]').textContent())?.trim() ?? null;
  await context.close();
  return { start, lr: lr ?? 'default', steps, minutes, trainingMinutes, markdown, heldOutLoss, predictions };
}

/** The run's training time and every item's prediction after training, read from the app's IndexedDB. */
function afterPredictions(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('tunix-rt-web');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const transaction = open.result.transaction(['evaluations', 'eval_results', 'runs'], 'readonly');
      const evaluations = transaction.objectStore('evaluations').getAll();
      const results = transaction.objectStore('eval_results').getAll();
      const runs = transaction.objectStore('runs').getAll();
      transaction.onerror = () => reject(transaction.error);
      transaction.oncomplete = () => {
        const after = evaluations.result.find((evaluation) => evaluation.model?.kind === 'run');
        resolve({
          trainingMinutes: Math.round((Date.parse(runs.result[0]?.finished_at) - Date.parse(runs.result[0]?.started_at)) / 6_000) / 10,
          items: results.result.filter((r) => r.evaluation_id === after?.id).map(({ item_id, expected_answer, correct, extracted_answer, stop_reason, prediction }) => ({ item_id, expected_answer, correct, extracted_answer, stop_reason, prediction })),
        });
        open.result.close();
      };
    };
  }));
}

/** BENCH.md's eval ids from the app's delta report and the run's held-out loss text. */
function benchMetrics(markdown, heldOutLoss) {
  const overall = /\| All items \| [^|]+ \| ([0-9.]+)% \[[^\]]+\] \| ([0-9.]+)% \[/.exec(markdown);
  const format = /Format compliance: [0-9.]+% → ([0-9.]+)%/.exec(markdown);
  const loss = / → ([0-9.]+)/.exec(heldOutLoss ?? '');
  return [
    { id: 'eval.eval_v2.base_score', value: Number(overall?.[1]), unit: '%' },
    { id: 'eval.eval_v2.trained_score', value: Number(overall?.[2]), unit: '%', bar: '>= base + 20, 95% intervals apart' },
    { id: 'eval.eval_v2.format_compliance', value: Number(format?.[1]) / 100, unit: 'ratio' },
    { id: 'eval.eval_v2.completion_loss', value: Number(loss?.[1]), unit: 'nats/token' },
  ];
}

const server = await serveStatic('dist');
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const results = await Promise.all(starts.map((spec) => runOne(browser, server.url, spec)));
  for (const result of results) {
    // Two runs of one start differ in their learning rate: it names them apart.
    const label = `${result.start}${starts.filter((s) => s.start === result.start).length > 1 ? `-lr${result.lr}` : ''}-${result.steps}`;
    writeFileSync(`bench/results/learn-app-${label}.md`, result.markdown);
    writeFileSync(`bench/results/learn-app-${label}-items.json`, `${JSON.stringify(result.predictions, null, 1)}\n`);
    const overall = result.markdown.split('## Overall')[1]?.split('##')[0]?.trim() ?? '';
    writeFileSync(`bench/results/learn-app-${label}.json`, `${JSON.stringify({ name: `learn-app-${label}`, date: new Date().toISOString(), browser: `Chromium ${browser.version()}`, backend: 'wasm', start: result.start, learning_rate: result.lr, steps: result.steps, traces, held_out_completion_loss: result.heldOutLoss, training_minutes: result.trainingMinutes, wall_minutes_training_and_both_evaluations: Math.round(result.minutes * 10) / 10, overall, machine: { cores: 2, browser: `Chromium ${browser.version()}`, backend: 'wasm' }, metrics: benchMetrics(result.markdown, result.heldOutLoss) }, null, 2)}\n`);
    console.log(`${label}: ${result.minutes.toFixed(1)} min (training ${result.trainingMinutes} min), held-out completion loss ${result.heldOutLoss}\n${overall}\n`);
  }
} finally {
  await browser.close();
  await server.close();
}
