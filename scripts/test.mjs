// `npm test`: type check → lint → unit tests → production build → end-to-end tests in Chromium.
// Stops at the first failing stage. Test runners also write JSON reports under .reports/ that
// .ci/run sums into its closing line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const chromium = findChromium();
rmSync('.reports', { recursive: true, force: true });
mkdirSync('.reports', { recursive: true });

const stages = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.reports/vitest.json']],
  ['production build', 'npx', ['vite', 'build']],
  ['end-to-end tests', 'npx', ['playwright', 'test']],
];

for (const [name, command, args] of stages) {
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, CHROME_PATH: chromium } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
