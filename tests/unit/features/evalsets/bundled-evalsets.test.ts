// The bundled eval sets as the app sees them: every folder in evalsets/, valid, with the hash and
// provenance its README states.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledEvalSets, categoryCounts, provenanceOf } from '../../../../src/features/evalsets/bundled-evalsets';

const ROOT = resolve(__dirname, '../../../../evalsets');

describe('bundled eval sets', () => {
  it('lists every evalsets folder, each valid, with the hash its README records', () => {
    const sets = bundledEvalSets();
    expect(sets.map((s) => s.name)).toEqual(readdirSync(ROOT).sort());
    for (const set of sets) {
      expect(set.errors).toEqual([]);
      expect(set.items.length).toBe(readFileSync(resolve(ROOT, set.name, 'data.jsonl'), 'utf8').trim().split('\n').length);
      expect(set.readme).toContain(set.sha256);
      expect(set.provenance.length).toBeGreaterThan(0);
    }
    expect(sets.find((s) => s.name === 'eval_v2')?.items).toHaveLength(100);
  });

  it('reads the provenance bullets, joining wrapped lines and stopping at the next section', () => {
    const readme = '# x\n\n## Provenance\n\n- one\n  continued\n- two\n\n## Schema\n- not this';
    expect(provenanceOf(readme)).toEqual(['one continued', 'two']);
    expect(provenanceOf('# nothing')).toEqual([]);
  });

  it('counts categories, most common first', () => {
    let n = 0;
    const item = (category: string) => ({ id: `${category}-${++n}`, prompt: 'p', expected_answer: 'a', category, difficulty: 'easy' });
    expect(categoryCounts([item('b'), item('a'), item('b')])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
  });
});
