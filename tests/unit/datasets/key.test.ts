import { describe, expect, it } from 'vitest';
import { datasetKey, MAX_KEY_LENGTH, nextVersion, sanitizeKeyPart } from '../../../src/datasets/key';

describe('datasetKey', () => {
  it('joins name and version with a hyphen after reducing them to [a-z0-9._-]', () => {
    expect(datasetKey('UNGAR HCD Baseline', 'v1')).toEqual({ ok: true, value: 'ungar-hcd-baseline-v1' });
    expect(datasetKey('ungar_hcd_baseline', 'v1')).toEqual({ ok: true, value: 'ungar_hcd_baseline-v1' });
    expect(datasetKey('Café Crème!!', 'V1.0')).toEqual({ ok: true, value: 'cafe-creme-v1.0' });
  });

  it('trims hyphens and dots from the ends, so no key is hidden or climbs folders', () => {
    expect(sanitizeKeyPart('../etc/passwd')).toBe('etc-passwd');
    expect(sanitizeKeyPart('  .hidden.  ')).toBe('hidden');
  });

  it('names the part that has nothing left', () => {
    expect(datasetKey('日本語', 'v1')).toEqual({
      ok: false,
      errors: [{ path: 'name', message: 'name "日本語" has no letters or digits to make a key from' }],
    });
    const both = datasetKey('  ', '..');
    expect(both.ok ? [] : both.errors.map((error) => error.path)).toEqual(['name', 'version']);
  });

  it('refuses keys longer than the limit', () => {
    expect(datasetKey('a'.repeat(MAX_KEY_LENGTH), 'v1').ok).toBe(false);
    expect(datasetKey('a'.repeat(MAX_KEY_LENGTH - 3), 'v1').ok).toBe(true);
  });

  it('only ever makes keys of [a-z0-9._-]', () => {
    const names = ['A B', 'x/y\\z', 'tab\there', 'émoji 🤖 set', 'UPPER_lower-1.2', 'ǅ', 'ﬁle'];
    const keys = names.map((name) => datasetKey(name, 'Version 2'));
    expect(keys.map((key) => (key.ok ? key.value : null))).toEqual([
      'a-b-version-2',
      'x-y-z-version-2',
      'tab-here-version-2',
      'emoji-set-version-2',
      'upper_lower-1.2-version-2',
      'dz-version-2',
      'file-version-2',
    ]);
    for (const key of keys) if (key.ok) expect(key.value).toMatch(/^[a-z0-9._-]+$/);
  });
});

describe('nextVersion', () => {
  it('increments the trailing number and keeps its width', () => {
    expect(nextVersion('v1')).toBe('v2');
    expect(nextVersion('v9')).toBe('v10');
    expect(nextVersion('1.09')).toBe('1.10');
    expect(nextVersion('v99999999999999999999')).toBe('v100000000000000000000');
  });

  it('appends -2 when there is no number, and skips taken versions', () => {
    expect(nextVersion('beta')).toBe('beta-2');
    expect(nextVersion('v1', new Set(['v2', 'v3']))).toBe('v4');
  });
});
