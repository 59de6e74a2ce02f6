// parseUntrustedJson / findJsonHazard: size is checked before parsing, nesting depth and the
// prototype keys are found wherever they are and reported with their path; nothing throws and
// Object.prototype stays clean.
import { describe, expect, it } from 'vitest';
import { findJsonHazard, parseUntrustedJson } from '../../../src/shared/safe-json';

describe('parseUntrustedJson', () => {
  it('accepts ordinary JSON and returns the value', () => {
    expect(parseUntrustedJson('{"a":[1,{"b":"c"}],"$ok":null}')).toEqual({ ok: true, value: { a: [1, { b: 'c' }], $ok: null } });
  });

  it('rejects text over the size limit without parsing it', () => {
    const result = parseUntrustedJson(`"${'x'.repeat(100)}"`, { maxChars: 50, maxDepth: 8 });
    expect(result).toEqual({ ok: false, issue: { path: '', message: 'is 102 characters long; the limit is 50' } });
  });

  it('names the path of prototype keys at any depth', () => {
    const cases: [string, string][] = [
      ['{"__proto__":{"polluted":1}}', '__proto__'],
      ['{"a":{"b":[0,{"constructor":{"prototype":{}}}]}}', 'a.b[1].constructor'],
      ['[{"odd key":{"prototype":1}}]', '[0]["odd key"].prototype'],
    ];
    for (const [text, path] of cases) {
      const result = parseUntrustedJson(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issue).toEqual({ path, message: expect.stringMatching(/^forbidden key "(__proto__|constructor|prototype)"$/) });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects nesting deeper than the limit, even a 100,000-level array, without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const result = parseUntrustedJson(deep, { maxChars: 1_000_000, maxDepth: 64 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issue.message).toBe('nested deeper than 64 levels');
    expect(findJsonHazard([[[1]]], 3)).toBeNull();
    expect(findJsonHazard([[[[1]]]], 3)).toEqual({ path: '[0][0][0]', message: 'nested deeper than 3 levels' });
  });

  it('reports invalid JSON as an issue, never a throw', () => {
    const result = parseUntrustedJson('{"a":');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issue.message).toMatch(/^invalid JSON: /);
  });
});
