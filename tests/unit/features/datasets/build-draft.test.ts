import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, requestFromDraft, withStrategy } from '../../../../src/features/datasets/build-draft';

describe('switching the selection strategy', () => {
  it('"all" drops the default limit, so it selects every match', () => {
    const all = withStrategy(EMPTY_DRAFT, 'all');
    expect(all.limit).toBe('');
    expect(requestFromDraft(all).limit).toBeNull();
  });

  it('keeps a limit the user typed, and restores the default when leaving "all" without one', () => {
    expect(withStrategy({ ...EMPTY_DRAFT, limit: '250' }, 'all').limit).toBe('250');
    const back = withStrategy(withStrategy(EMPTY_DRAFT, 'all'), 'random');
    expect(back).toMatchObject({ strategy: 'random', limit: EMPTY_DRAFT.limit });
    expect(withStrategy({ ...EMPTY_DRAFT, limit: '70' }, 'latest').limit).toBe('70');
  });
});
