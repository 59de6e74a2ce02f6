// Shared benchmark plumbing: result files as ../shared/BENCH.md defines them, tables, and
// JS-heap sampling of a page and its workers over the Chrome DevTools Protocol.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { execFileSync } from 'node:child_process';

export function commitId() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function writeResult(name, machine, metrics) {
  mkdirSync('bench/results', { recursive: true });
  const result = { name, date: new Date().toISOString(), commit: commitId(), machine: { cores: cpus().length, ...machine }, metrics };
  writeFileSync(`bench/results/${name}.json`, JSON.stringify(result, null, 2) + '\n');
  console.log(`\n${name} (${result.machine.browser ?? 'node'}, ${result.machine.cores} cores)`);
  console.table(metrics.map((m) => ({ metric: m.id, value: m.value, unit: m.unit, ...(m.bar ? { bar: m.bar } : {}) })));
  return result;
}

/** Samples the summed used JS heap of every page and worker target until stopped. */
export async function startHeapSampler(browser, intervalMs = 100) {
  const session = await browser.newBrowserCDPSession();
  const sessions = new Map();
  const pending = new Map();
  let nextId = 1;
  session.on('Target.receivedMessageFromTarget', (event) => {
    const message = JSON.parse(event.message);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  const call = (sessionId, method) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch(() => resolve(null));
      setTimeout(() => resolve(null), 2_000);
    });
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      try {
        const { targetInfos } = await session.send('Target.getTargets');
        let total = 0;
        for (const target of targetInfos.filter((t) => (t.type === 'page' || t.type === 'worker') && t.url.startsWith('http'))) {
          if (!sessions.has(target.targetId)) {
            const { sessionId } = await session.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
            sessions.set(target.targetId, sessionId);
          }
          const reply = await call(sessions.get(target.targetId), 'Runtime.getHeapUsage');
          total += reply?.result?.usedSize ?? 0;
        }
        peak = Math.max(peak, total);
      } catch {
        // A target that went away between listing and asking: skip this sample.
      }
      await new Promise((done) => setTimeout(done, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await session.detach().catch(() => undefined);
      return peak;
    },
  };
}
