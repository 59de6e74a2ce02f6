// `node scripts/profile-export.mjs [traces]`: the export benchmark's tunix_sft export once more,
// under a Chromium trace with V8's sampling profiler on, then the self time per function and
// per thread (page, export workers) from the trace's ProfileChunk events. For finding where an
// export's time goes; prints a table, writes nothing but the trace file in the system's tmp.
// Reuses dist-bench (run `npm run bench -- export` or `npx vite build --config
// bench/vite.config.ts` first).
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { serveStatic } from './static-server.mjs';

const COUNT = Number(process.argv[2] ?? 100_000);
const TRACE_FILE = join(tmpdir(), `export-profile-${process.pid}.json`);

const server = await serveStatic('dist-bench');
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`${server.url}bench/pages/datasets.html`);
  await page.evaluate(([count, size]) => window.prepareDatasetsBench(count, size), [COUNT, 1_000]);
  const dataset = await page.evaluate((count) => window.buildWholeDataset(count), COUNT);
  await browser.startTracing(page, { path: TRACE_FILE, categories: ['disabled-by-default-v8.cpu_profiler', 'v8', 'devtools.timeline', '__metadata'] });
  const exported = await page.evaluate((key) => window.runTunixSftExport(key), dataset.key);
  await browser.stopTracing();
  console.log(`export: ${exported.written} traces in ${Math.round(exported.ms)} ms (${Math.round(exported.written / (exported.ms / 1000))} traces/s, profiled)`);
} finally {
  await browser.close();
  await server.close();
}

const { traceEvents } = JSON.parse(readFileSync(TRACE_FILE, 'utf8'));
const threadName = new Map();
for (const event of traceEvents) if (event.name === 'thread_name') threadName.set(`${event.pid}:${event.tid}`, event.args.name);
// One profile per (pid, id): nodes arrive in chunks, samples with time deltas (µs).
const profiles = new Map();
for (const event of traceEvents) {
  if (event.name !== 'Profile' && event.name !== 'ProfileChunk') continue;
  const key = `${event.pid}:${event.id}`;
  const profile = profiles.get(key) ?? { thread: threadName.get(`${event.pid}:${event.tid}`) ?? `${event.pid}:${event.tid}`, nodes: new Map(), samples: [], deltas: [] };
  profiles.set(key, profile);
  const data = event.args.data;
  for (const node of data.cpuProfile?.nodes ?? []) profile.nodes.set(node.id, node);
  profile.samples.push(...(data.cpuProfile?.samples ?? []));
  profile.deltas.push(...(data.timeDeltas ?? []));
}
for (const profile of profiles.values()) {
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, k) => {
    const frame = profile.nodes.get(id)?.callFrame;
    const where = frame ? `${frame.functionName || '(anonymous)'} ${(frame.url ?? '').split('/').pop()}:${(frame.lineNumber ?? -1) + 1}:${(frame.columnNumber ?? -1) + 1}` : `#${id}`;
    const ms = (profile.deltas[k + 1] ?? 0) / 1000;
    self.set(where, (self.get(where) ?? 0) + ms);
    total += ms;
  });
  if (total < 50) continue;
  const idle = self.get('(idle) :0:0') ?? 0;
  console.log(`\n${profile.thread}: ${Math.round(total)} ms sampled, ${Math.round(total - idle)} ms busy`);
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [where, ms] of rows) console.log(`${ms.toFixed(0).padStart(7)} ms  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${where}`);
}
