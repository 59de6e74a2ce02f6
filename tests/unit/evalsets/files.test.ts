import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAllEvalSetFiles } from '../../../src/generators/evalset-files';
import { parseEvalSetJsonl } from '../../../src/evaluate/evalset';

const ROOT = resolve(__dirname, '../../..');

describe('bundled eval set files', () => {
  const files = renderAllEvalSetFiles();

  it('are exactly what scripts/make-evalsets.ts writes', () => {
    expect(files.map((f) => f.path)).toEqual([
      'evalsets/eval_v1/data.jsonl',
      'evalsets/eval_v1/README.md',
      'evalsets/eval_v2/data.jsonl',
      'evalsets/eval_v2/README.md',
    ]);
    for (const file of files) expect(readFileSync(resolve(ROOT, file.path), 'utf8'), file.path).toBe(file.content);
  });

  it('state the sha-256 of their data.jsonl in the README', () => {
    for (const name of ['eval_v1', 'eval_v2']) {
      const data = readFileSync(resolve(ROOT, `evalsets/${name}/data.jsonl`));
      const readme = readFileSync(resolve(ROOT, `evalsets/${name}/README.md`), 'utf8');
      expect(readme).toContain(`sha-256 of \`data.jsonl\`: \`${createHash('sha256').update(data).digest('hex')}\``);
      expect(readme).toContain('npx tsx scripts/make-evalsets.ts');
    }
  });

  it('validate against the eval item schema', () => {
    for (const name of ['eval_v1', 'eval_v2']) {
      const result = parseEvalSetJsonl(readFileSync(resolve(ROOT, `evalsets/${name}/data.jsonl`), 'utf8'));
      expect(result.ok, name).toBe(true);
    }
  });
});
