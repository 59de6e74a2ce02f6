// Version-7 UUIDs: RFC 9562 layout (48-bit time, version 7, variant 10), strictly increasing in
// one realm, unique across many draws of the random pool.
import { describe, expect, it } from 'vitest';
import { isUuid, uuidv7 } from '../../../src/shared/ids';

describe('uuidv7', () => {
  it('writes the time big-endian in the first 48 bits, then version 7 and variant 10', () => {
    const now = Date.UTC(2100, 0, 1); // later than any id drawn so far, so this one takes it as is
    const id = uuidv7(now);
    expect(isUuid(id)).toBe(true);
    expect(id.slice(0, 13).replace('-', '')).toBe(now.toString(16).padStart(12, '0'));
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  });

  it('stays strictly increasing and unique over many ids in one millisecond and across refills', () => {
    const ids = Array.from({ length: 5_000 }, () => uuidv7());
    expect(ids.every(isUuid)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true);
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
