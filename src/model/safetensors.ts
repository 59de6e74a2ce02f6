// The safetensors file format (https://huggingface.co/docs/safetensors), float32 only: an 8-byte
// little-endian header length, a JSON header {name: {dtype, shape, data_offsets}, __metadata__},
// padded with spaces to a multiple of 8 bytes, then the raw little-endian tensor bytes in header
// order. Pure bytes in, bytes out; never guesses a dtype it does not support.
import type { ValidationIssue, ValidationResult } from '../traces/types';

export interface Float32Tensor {
  shape: number[];
  data: Float32Array;
}

export interface SafetensorsFile {
  /** Tensors in file order. */
  tensors: Map<string, Float32Tensor>;
  metadata: Record<string, string>;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const MAX_HEADER_BYTES = 100_000_000;

function float32Bytes(data: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const bytes = new Uint8Array(data.length * 4);
  const view = new DataView(bytes.buffer);
  data.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

/** Encodes tensors (in the given order) and string metadata; the same input gives the same bytes. */
export function encodeSafetensors(tensors: Iterable<[string, Float32Tensor]>, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, tensor] of tensors) {
    const size = tensor.shape.reduce((a, b) => a * b, 1);
    if (size !== tensor.data.length) throw new RangeError(`${name}: shape ${JSON.stringify(tensor.shape)} does not hold ${tensor.data.length} values`);
    header[name] = { dtype: 'F32', shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    parts.push(float32Bytes(tensor.data));
    offset += tensor.data.byteLength;
  }
  let json = JSON.stringify(header);
  const encoder = new TextEncoder();
  while (encoder.encode(json).length % 8 !== 0) json += ' ';
  const headerBytes = encoder.encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let position = 8 + headerBytes.length;
  for (const part of parts) {
    out.set(part, position);
    position += part.length;
  }
  return out;
}

function readHeader(bytes: Uint8Array): ValidationResult<{ entries: [string, HeaderEntry][]; metadata: Record<string, string>; dataStart: number }> {
  const fail = (path: string, message: string) => ({ ok: false as const, errors: [{ path, message }] });
  if (bytes.length < 8) return fail('', 'shorter than the 8-byte header length');
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > bytes.length) return fail('', `header length ${headerLength} does not fit the file`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch {
    return fail('', 'header is not UTF-8 JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return fail('', 'header is not a JSON object');
  const { __metadata__: metadata = {}, ...rest } = header as Record<string, unknown>;
  return { ok: true, value: { entries: Object.entries(rest) as [string, HeaderEntry][], metadata: metadata as Record<string, string>, dataStart: 8 + headerLength } };
}

function checkEntry(name: string, entry: HeaderEntry, dataLength: number): ValidationIssue | null {
  if (typeof entry !== 'object' || entry === null) return { path: name, message: 'must be an object' };
  if (entry.dtype !== 'F32') return { path: `${name}.dtype`, message: `only F32 is supported, got ${String(entry.dtype)}` };
  if (!Array.isArray(entry.shape) || !entry.shape.every((d) => Number.isInteger(d) && d >= 0)) return { path: `${name}.shape`, message: 'must be a list of non-negative integers' };
  const [begin, end] = Array.isArray(entry.data_offsets) ? entry.data_offsets : [NaN, NaN];
  if (!Number.isInteger(begin) || !Number.isInteger(end) || begin < 0 || end < begin || end > dataLength) {
    return { path: `${name}.data_offsets`, message: 'must be [begin, end] within the data' };
  }
  if (end - begin !== 4 * entry.shape.reduce((a, b) => a * b, 1)) return { path: `${name}.data_offsets`, message: 'do not match the shape' };
  return null;
}

/** Decodes a float32 safetensors file; every problem comes back with the tensor's name as path. */
export function decodeSafetensors(bytes: Uint8Array): ValidationResult<SafetensorsFile> {
  const header = readHeader(bytes);
  if (!header.ok) return header;
  const { entries, metadata, dataStart } = header.value;
  const dataLength = bytes.length - dataStart;
  const errors = entries.map(([name, entry]) => checkEntry(name, entry, dataLength)).filter((e): e is ValidationIssue => e !== null);
  if (errors.length > 0) return { ok: false, errors };
  const tensors = new Map<string, Float32Tensor>();
  for (const [name, entry] of entries) {
    const [begin, end] = entry.data_offsets;
    const raw = bytes.slice(dataStart + begin, dataStart + end); // a copy, 4-byte aligned
    const data = new Float32Array((end - begin) / 4);
    if (LITTLE_ENDIAN) data.set(new Float32Array(raw.buffer));
    else data.forEach((_, i) => (data[i] = new DataView(raw.buffer).getFloat32(i * 4, true)));
    tensors.set(name, { shape: entry.shape.slice(), data });
  }
  return { ok: true, value: { tensors, metadata } };
}
