// Reads a STORE zip the way unzip does (end record → central directory → local headers → data
// descriptors), asserting that every copy of a field agrees. For the zip and bundle tests.
import { expect } from 'vitest';

export interface ReadEntry {
  name: string;
  data: Uint8Array;
  crc: number;
  flags: number;
  method: number;
}

/** Reads an archive the way unzip does: end record → central directory → local headers. */
export function readZip(zip: Uint8Array): ReadEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  expect(at + directorySize).toBe(end);
  const entries: ReadEntry[] = [];
  for (let k = 0; k < count; k++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const crc = view.getUint32(at + 16, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    expect(new TextDecoder().decode(zip.subarray(local + 30, local + 30 + view.getUint16(local + 26, true)))).toBe(name);
    const dataStart = local + 30 + nameLength;
    const data = zip.subarray(dataStart, dataStart + size);
    const descriptor = dataStart + size;
    expect(view.getUint32(descriptor, true)).toBe(0x08074b50);
    expect(view.getUint32(descriptor + 4, true)).toBe(crc);
    expect(view.getUint32(descriptor + 8, true)).toBe(size);
    entries.push({ name, data, crc, flags: view.getUint16(local + 6, true), method: view.getUint16(local + 8, true) });
    at += 46 + nameLength;
  }
  return entries;
}
