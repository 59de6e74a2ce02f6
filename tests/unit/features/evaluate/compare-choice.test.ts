import { describe, expect, it } from 'vitest';
import { beforeAndAfter, comparisonProblem } from '../../../../src/features/evaluate/compare-choice';
import type { EvaluationRecord } from '../../../../src/evaluate/records';

function record(id: string, createdAt: string, patch: Partial<EvaluationRecord> = {}): EvaluationRecord {
  return {
    id,
    created_at: createdAt,
    finished_at: createdAt,
    status: 'completed',
    model: { kind: 'run', run_id: 'r1', step: 10 },
    evalset_id: 'eval_v2',
    evalset_sha256: 'aa',
    judge: 'normalized',
    generation: { max_new_tokens: 8, temperature: 0, top_k: 0, seed: 0 },
    backend: 'wasm',
    scorecard: null,
    format_compliance: null,
    error: null,
    ...patch,
  };
}

describe('choosing two evaluations to compare', () => {
  it('needs the same eval set (content too), the same judge and two completed evaluations', () => {
    const a = record('a', '2026-01-01');
    expect(comparisonProblem(a, record('b', '2026-01-02'))).toBeNull();
    expect(comparisonProblem(a, record('b', '2026-01-02', { evalset_sha256: 'bb' }))).toMatch(/same eval set/);
    expect(comparisonProblem(a, record('b', '2026-01-02', { evalset_id: 'eval_v1' }))).toMatch(/same eval set/);
    expect(comparisonProblem(a, record('b', '2026-01-02', { judge: 'exact' }))).toMatch(/same judge/);
    expect(comparisonProblem(a, record('b', '2026-01-02', { status: 'cancelled' }))).toMatch(/completed/);
  });

  it('puts an untrained start before, otherwise the older evaluation', () => {
    const older = record('older', '2026-01-01');
    const newer = record('newer', '2026-01-02');
    const start = record('start', '2026-01-03', { model: { kind: 'untrained', run_id: 'r1' } });
    expect(beforeAndAfter(newer, older).map((e) => e.id)).toEqual(['older', 'newer']);
    expect(beforeAndAfter(older, newer).map((e) => e.id)).toEqual(['older', 'newer']);
    expect(beforeAndAfter(newer, start).map((e) => e.id)).toEqual(['start', 'newer']);
    expect(beforeAndAfter(start, older).map((e) => e.id)).toEqual(['start', 'older']);
  });
});
