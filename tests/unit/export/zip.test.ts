// The STORE zip writer: CRC-32 against node:zlib, incremental CRC, and archives read back through
// their central directory with every header field checked against the data.
import { describe, expect, it } from 'vitest';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32, createZipWriter } from '../../../src/export/zip';
import { readZip } from './zip-reader';

const encoder = new TextEncoder();

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('crc32', () => {
  it('matches node:zlib on text, binary and empty input', () => {
    const binary = Uint8Array.from({ length: 1000 }, (_, n) => (n * 31 + 7) & 0xff);
    for (const bytes of [encoder.encode('123456789'), encoder.encode('héllo ✓ 🚀'), binary, new Uint8Array(0)]) {
      expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    }
  });

  it('continues across pieces to the CRC of the whole', () => {
    const whole = encoder.encode('the quick brown fox jumps over the lazy dog'.repeat(20));
    let crc = 0;
    for (let start = 0; start < whole.length; start += 37) crc = crc32(whole.subarray(start, start + 37), crc);
    expect(crc).toBe(zlibCrc32(whole));
  });
});

describe('createZipWriter', () => {
  function archive(files: [string, string[]][], modified?: Date): Uint8Array {
    const zip = createZipWriter(modified);
    const parts: Uint8Array[] = [];
    for (const [name, pieces] of files) {
      parts.push(zip.beginEntry(name));
      for (const piece of pieces) parts.push(zip.entryData(encoder.encode(piece)));
      parts.push(zip.endEntry());
    }
    parts.push(zip.finish());
    const bytes = concat(parts);
    expect(zip.written).toBe(bytes.length);
    return bytes;
  }

  it('writes entries streamed in pieces that read back with their data and CRC', () => {
    const files: [string, string[]][] = [
      ['manifest.json', ['{"a":', '1}\n']],
      ['train.jsonl', ['{"x":"ü"}\n', '', '{"x":"🚀"}\n']],
      ['README.md', ['# Dataset\n']],
    ];
    const entries = readZip(archive(files));
    expect(entries.map((entry) => entry.name)).toEqual(['manifest.json', 'train.jsonl', 'README.md']);
    entries.forEach((entry, k) => {
      const text = files[k]![1].join('');
      expect(new TextDecoder().decode(entry.data)).toBe(text);
      expect(entry.crc).toBe(zlibCrc32(encoder.encode(text)));
      expect(entry.method).toBe(0);
      expect(entry.flags).toBe(0x0808);
    });
  });

  it('keeps UTF-8 names and empty entries', () => {
    const entries = readZip(archive([['données/é.txt', []]]));
    expect(entries[0]!.name).toBe('données/é.txt');
    expect(entries[0]!.data.length).toBe(0);
  });

  it('gives identical bytes for the same entries and time, different ones for another time', () => {
    const files: [string, string[]][] = [['a.txt', ['one']]];
    expect(archive(files)).toEqual(archive(files));
    expect(archive(files, new Date(2026, 4, 17, 13, 45, 20))).not.toEqual(archive(files));
  });

  it('refuses to nest entries or finish with one open', () => {
    const zip = createZipWriter();
    zip.beginEntry('a');
    expect(() => zip.beginEntry('b')).toThrow(/still open/);
    expect(() => zip.finish()).toThrow(/still open/);
    zip.endEntry();
    expect(() => zip.endEntry()).toThrow(/no zip entry/);
  });
});
