// encodeValue/decodeValue: every value IndexedDB keeps comes back identical through JSON text
// (typed arrays bit for bit, NaN, ±Infinity, -0, undefined, Dates, "$" keys), unsupported values
// are errors naming their path, and hostile input (unknown tags, bad base64, forbidden keys,
// deep nesting) is rejected with its path.
import { describe, expect, it } from 'vitest';
import { BackupValueError, MAX_DEPTH, decodeValue, encodeValue } from '../../../src/backup/encode';

const roundTrip = (value: unknown) => decodeValue(JSON.parse(JSON.stringify(encodeValue(value))));

describe('encodeValue / decodeValue', () => {
  it('round-trips typed arrays bit for bit, including NaN payloads and views into larger buffers', () => {
    const floats = new Float32Array([1.5, -0, Number.NaN, Infinity, -Infinity, 3.4028234663852886e38, 1e-45]);
    const raw = new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const view = new Uint16Array(raw.buffer, 2, 3);
    const back = roundTrip({ floats, view, f64: new Float64Array([Math.PI, -0]), i32: new Int32Array([-1, 2 ** 31 - 1]), buffer: raw.buffer.slice(1, 4) }) as Record<string, unknown>;
    expect(back.floats).toBeInstanceOf(Float32Array);
    expect(new Uint8Array((back.floats as Float32Array).buffer)).toEqual(new Uint8Array(floats.buffer));
    expect(back.view).toEqual(new Uint16Array([view[0]!, view[1]!, view[2]!]));
    expect(Object.is((back.f64 as Float64Array)[1], -0)).toBe(true);
    expect(back.i32).toEqual(new Int32Array([-1, 2 ** 31 - 1]));
    expect(back.buffer).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(back.buffer as ArrayBuffer)]).toEqual([1, 2, 3]);
  });

  it('round-trips numbers JSON cannot write, undefined, Dates and objects with "$" keys', () => {
    const value = { nan: Number.NaN, inf: Infinity, ninf: -Infinity, nzero: -0, undef: undefined, list: [undefined, null, -0, 'x'], when: new Date(1_700_000_000_123), bad: new Date(Number.NaN), $dollar: { $typed: 'not a tag', n: 1 } };
    const back = roundTrip(value) as Record<string, unknown>;
    expect(back).toStrictEqual(value);
    expect(Object.hasOwn(back, 'undef')).toBe(true);
    expect(Object.is((back.list as unknown[])[2], -0)).toBe(true);
  });

  it('returns parts that need no change as they are', () => {
    const record = { id: 'p', records: ['a', 'b'], nested: { n: 1 } };
    expect(encodeValue(record)).toBe(record);
  });

  it('names the path of values backups cannot hold', () => {
    expect(() => encodeValue({ a: { b: [1, new Map()] } })).toThrow(/a\.b\[1\]: Map is not supported/);
    expect(() => encodeValue({ big: 10n })).toThrow(/big: a bigint is not supported/);
    expect(() => encodeValue({ view: new DataView(new ArrayBuffer(2)) })).toThrow(/view: DataView is not supported/);
  });

  it('rejects hostile input with the path of the problem', () => {
    const decode = (value: unknown) => () => decodeValue(value);
    expect(decode({ a: { $script: 1 } })).toThrow(/a: unknown tag "\$script"/);
    expect(decode({ w: { $typed: 'Float32Array', $base64: 'not base64!' } })).toThrow(/w: the bytes of this Float32Array are not valid base64/);
    expect(decode({ w: { $typed: 'Float32Array', $base64: 'AAA=' } })).toThrow(/do not fill whole Float32Array elements/);
    expect(decode({ w: { $typed: 'Function', $base64: '' } })).toThrow(/unknown typed array "Function"/);
    expect(decode({ n: { $number: '1e999' } })).toThrow(/n: a "\$number" value must be/);
    expect(decode(JSON.parse('{"meta":{"__proto__":{"polluted":true}}}'))).toThrow(/meta\.__proto__: the key "__proto__" is not allowed/);
    expect(decode({ $object: { constructor: 1 } })).toThrow(/constructor: the key "constructor" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    let deep: unknown = 1;
    for (let k = 0; k < MAX_DEPTH + 5; k++) deep = [deep];
    expect(decode(deep)).toThrow(BackupValueError);
    expect(decode(deep)).toThrow(/nested deeper than 100 levels/);
  });
});
