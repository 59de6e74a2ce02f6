// Writes the bundled eval sets (evalsets/<name>/data.jsonl and README.md) from the pure
// renderer in src/generators/evalset-files.ts. Run from the repository root:
//   npx tsx scripts/make-evalsets.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderAllEvalSetFiles } from '../src/generators/evalset-files';

for (const file of renderAllEvalSetFiles()) {
  const target = resolve(process.cwd(), file.path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.content, 'utf8');
  console.log(`wrote ${file.path} (${Buffer.byteLength(file.content, 'utf8')} bytes)`);
}
