// Regression baselines against fake-indexeddb: one baseline per set and judge, a worse later
// evaluation flagged, an equal one not, earlier evaluations never judged against a later baseline.
import { describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { regressionBaseline, regressionVerdict, setRegressionBaseline } from '../../../src/db/regression-repository';
import { evaluation } from '../runs/fixtures';

let counter = 0;
const freshDatabase = () => new TunixDatabase(`regression-test-${++counter}`);
const ALL = ['a1', 'a2', 'a3', 'a4', 'r1', 'r2', 'r3', 'r4'];

describe('regression baselines', () => {
  it('keeps one baseline per eval set and judge', async () => {
    const db = freshDatabase();
    await db.evaluations.bulkAdd([evaluation('e1', ALL), evaluation('e2', ALL), evaluation('other', ALL, { evalset_id: 'eval_v2' })]);
    await setRegressionBaseline(db, 'e1');
    await setRegressionBaseline(db, 'other');
    await setRegressionBaseline(db, 'e2');
    expect((await regressionBaseline(db, 'eval_v1', 'normalized'))?.id).toBe('e2');
    expect((await db.evaluations.get('e1'))?.baseline).toBe(false);
    expect((await regressionBaseline(db, 'eval_v2', 'normalized'))?.id).toBe('other');
  });

  it('flags a worse model evaluated after the baseline and not an equal one', async () => {
    const db = freshDatabase();
    const base = evaluation('base', ALL, { created_at: '2026-11-02T00:00:00.000Z' });
    const equal = evaluation('equal', ALL, { created_at: '2026-11-03T00:00:00.000Z' });
    const worse = evaluation('worse', ['a1', 'a2', 'a3', 'a4'], { created_at: '2026-11-04T00:00:00.000Z' });
    const earlier = evaluation('earlier', ['a1'], { created_at: '2026-11-01T00:00:00.000Z' });
    await db.evaluations.bulkAdd([base, equal, worse, earlier]);
    await setRegressionBaseline(db, 'base');
    const baseline = await regressionBaseline(db, 'eval_v1', 'normalized');
    expect(regressionVerdict(equal, baseline)?.regression).toBe(false);
    const verdict = regressionVerdict(worse, baseline);
    expect(verdict?.regression).toBe(true);
    expect(verdict?.categories.map((c) => c.group)).toEqual(['reverse']);
    expect(regressionVerdict(earlier, baseline)).toBeNull();
    expect(regressionVerdict(base, baseline)).toBeNull();
  });

  it('refuses an evaluation that did not complete as a baseline', async () => {
    const db = freshDatabase();
    await db.evaluations.add(evaluation('failed', [], { status: 'failed', scorecard: null }));
    await expect(setRegressionBaseline(db, 'failed')).rejects.toThrow(/only a completed evaluation/);
  });
});
