import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors } from '../../../src/model/safetensors';

function headerOf(bytes: Uint8Array): string {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return new TextDecoder().decode(bytes.subarray(8, 8 + length));
}

describe('safetensors', () => {
  it('writes the exact documented layout: u64 header length, space-padded JSON, little-endian floats', () => {
    const bytes = encodeSafetensors([['a', { shape: [2], data: new Float32Array([1, -2]) }]], { format: 'x' });
    const header = '{"__metadata__":{"format":"x"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
    expect(headerOf(bytes)).toBe(padded);
    expect(padded.length % 8).toBe(0);
    expect(Array.from(bytes.subarray(0, 8))).toEqual([padded.length, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(bytes.subarray(8 + padded.length))).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]);
  });

  it('round-trips tensors in order with their shapes and metadata', () => {
    const tensors: [string, { shape: number[]; data: Float32Array }][] = [
      ['w', { shape: [2, 3], data: Float32Array.from([0.5, 1, 2, 3, 4, 5e-8]) }],
      ['b', { shape: [3], data: Float32Array.from([-1, 0, 1]) }],
      ['empty', { shape: [0], data: new Float32Array(0) }],
    ];
    const decoded = decodeSafetensors(encodeSafetensors(tensors, { note: 'hi' }));
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
    expect([...decoded.value.tensors.keys()]).toEqual(['w', 'b', 'empty']);
    expect(decoded.value.tensors.get('w')).toEqual(tensors[0]?.[1]);
    expect(decoded.value.tensors.get('b')).toEqual(tensors[1]?.[1]);
    expect(decoded.value.metadata).toEqual({ note: 'hi' });
  });

  it('gives byte-identical files for identical input', () => {
    const make = () => encodeSafetensors([['x', { shape: [1], data: new Float32Array([3]) }]]);
    expect(make()).toEqual(make());
  });

  it('rejects unsupported dtypes, offsets that do not match the shape, and truncated files', () => {
    const good = encodeSafetensors([['x', { shape: [2], data: new Float32Array([1, 2]) }]]);
    const rewrite = (header: string, dataBytes = 8): Uint8Array => {
      const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
      const out = new Uint8Array(8 + padded.length + dataBytes);
      new DataView(out.buffer).setBigUint64(0, BigInt(padded.length), true);
      out.set(new TextEncoder().encode(padded), 8);
      return out;
    };
    const f16 = decodeSafetensors(rewrite('{"x":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}'));
    expect(f16.ok ? [] : f16.errors.map((e) => e.path)).toEqual(['x.dtype']);
    const mismatch = decodeSafetensors(rewrite('{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}'));
    expect(mismatch.ok ? [] : mismatch.errors.map((e) => e.path)).toEqual(['x.data_offsets']);
    const truncated = decodeSafetensors(good.subarray(0, good.length - 4));
    expect(truncated.ok).toBe(false);
    expect(decodeSafetensors(new Uint8Array(4)).ok).toBe(false);
  });
});
