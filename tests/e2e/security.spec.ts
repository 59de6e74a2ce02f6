// Security end to end on the production build: a corpus of XSS payloads (in prompts, steps, step
// types, answers, meta keys and values, a file name and an error path) imported through the Import
// screen shows literally in the report, the trace browser and the detail view, and nothing runs:
// no dialog, no injected element, no CSP violation, no global set by a payload. A full workflow
// (generate, build, export, browse, back up) makes requests to this origin only. The shipped CSP
// forbids inline scripts, limits connections and workers to this origin, and forbids plugins.
import { test, expect, type Page } from '@playwright/test';
import { buildDataset, failOnDialogs, generateTraces, useDownloads } from './helpers';

const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '"><svg onload=window.__pwned=\'svg\'>',
  "'><iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
  '<a href="javascript:window.__pwned=\'link\'">click me</a>',
  '{{constructor.constructor("window.__pwned=\'template\'")()}}',
  '</textarea><style>body{display:none}</style><b>bold?</b>',
  '[click](javascript:window.__pwned=1) &lt;escaped&gt; &amp;',
];
const FILE_NAME = '<img src=x onerror=alert(1)>.jsonl';
const BAD_KEY = '<script>alert("key")</script>';

function corpus(): string {
  const lines = PAYLOADS.map((payload, k) =>
    JSON.stringify({
      trace_version: '1.0',
      prompt: `Prompt ${k}: ${payload}`,
      steps: [
        { i: 0, type: `<b>t${k}</b>`, content: `Step of ${k}: ${payload}` },
        { i: 1, type: 'conclusion', content: payload },
      ],
      final_answer: `Answer ${k}: ${payload}`,
      meta: { source: 'xss', [`<i>key${k}</i>`]: payload, note: `meta ${k}: ${payload}` },
    }),
  );
  lines.push(JSON.stringify({ trace_version: '1.0', prompt: 'x', steps: [{ i: 0, type: 'a', content: 'b' }], final_answer: 'y', [BAD_KEY]: 1 }));
  return `${lines.join('\n')}\n`;
}

/** Records CSP violations from the first script on, so a blocked injection still fails the test. */
async function watchForInjection(page: Page): Promise<() => Promise<{ violations: string[]; pwned: unknown; injected: number }>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => w.__violations.push(`${event.violatedDirective}: ${event.blockedURI}`));
  });
  return () =>
    page.evaluate(() => ({
      violations: (window as unknown as { __violations: string[] }).__violations,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned,
      injected:
        document.querySelectorAll('#app script, #app iframe, #app style, img[src="x"], a[href^="javascript:"], [onload], [onerror]').length +
        [...document.querySelectorAll('#app b, #app i')].filter((element) => /^(t\d|key\d|bold\?)$/.test(element.textContent ?? '')).length,
    }));
}

test('an XSS corpus imported through the Import screen shows literally everywhere and never runs', async ({ page }) => {
  const dialogs = failOnDialogs(page);
  const check = await watchForInjection(page);
  await page.goto('./#/import');
  await page.getByLabel('Choose files, or drop them anywhere on the page').setInputFiles({ name: FILE_NAME, mimeType: 'application/x-ndjson', buffer: Buffer.from(corpus(), 'utf8') });
  await expect(page.getByText(FILE_NAME).first()).toBeVisible();
  await page.getByRole('button', { name: /^Import/ }).click();
  await expect(page.getByRole('status').first()).toContainText(`Stored ${PAYLOADS.length} traces`);
  // The refused record's error names the hostile key as text.
  await expect(page.getByText(`[${JSON.stringify(BAD_KEY)}]`).first()).toBeVisible();

  await page.getByRole('link', { name: 'Traces', exact: true }).click();
  await expect(page.getByText(`${PAYLOADS.length} of ${PAYLOADS.length} traces`)).toBeVisible();
  for (const [k, payload] of PAYLOADS.entries()) await expect(page.getByText(`Prompt ${k}: ${payload}`, { exact: true })).toBeVisible();

  for (const k of [0, 1, 3, 4]) {
    await page.getByRole('link', { name: `Prompt ${k}: ${PAYLOADS[k]}`, exact: true }).click();
    const payload = PAYLOADS[k]!;
    await expect(page.getByText(`Step of ${k}: ${payload}`, { exact: true })).toBeVisible();
    await expect(page.getByText(payload, { exact: true }).first()).toBeVisible();
    await expect(page.getByText(`Answer ${k}: ${payload}`, { exact: true })).toBeVisible();
    await expect(page.getByText(`<b>t${k}</b>`, { exact: true })).toBeVisible();
    await expect(page.getByText(`<i>key${k}</i>`).first()).toBeVisible();
    await page.goBack();
  }
  const seen = await check();
  expect(seen.pwned).toBeUndefined();
  expect(seen.violations).toEqual([]);
  expect(seen.injected).toBe(0);
  expect(dialogs).toEqual([]);
});

test('a full workflow requests nothing outside its own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.context().on('request', (request) => requests.push(request.url()));
  page.on('websocket', (socket) => requests.push(socket.url()));
  await page.goto('./#/traces');
  await generateTraces(page, 300);
  await buildDataset(page, 'Origin check', 'v1');
  await useDownloads(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export / }).click();
  await download;

  await page.getByRole('link', { name: 'Traces', exact: true }).click();
  await page.locator('.trace-row a').first().click();
  await expect(page.getByRole('heading', { name: /^Steps/ })).toBeVisible();
  await page.getByRole('link', { name: 'Eval sets', exact: true }).click();
  await page.getByRole('link', { name: 'Storage', exact: true }).click();
  const backup = page.waitForEvent('download');
  await useDownloads(page);
  await page.getByRole('button', { name: 'Download backup', exact: true }).click();
  await backup;

  expect(requests.length).toBeGreaterThan(3);
  const foreign = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'));
  expect(foreign).toEqual([]);
});

test('the Content-Security-Policy forbids inline scripts and limits connections, workers and plugins', async ({ page, request }) => {
  const html = await (await request.get('./')).text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  expect(scripts.length).toBeGreaterThan(0);
  for (const [, attributes, body] of scripts) {
    expect(attributes).toMatch(/\bsrc=/);
    expect(body!.trim()).toBe('');
  }
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);

  await page.goto('./');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const directives = new Map(policy!.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toMatch(/'unsafe-eval'/);
  // The policy is in force: an inline script added now is refused.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});
