// safeUnzip on honest and hostile archives: files come back exactly (stored and deflated); path
// traversal, absolute paths, drive letters, backslashes, duplicates, too many entries, declared
// sizes over the limits, an entry that inflates past its declared size (a bomb), encryption,
// corruption and truncation are refused with the entry named, before or while inflating.
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { DEFAULT_UNZIP_LIMITS, safeUnzip, unsafeEntryName } from '../../../src/shared/safe-unzip';
import { createZipWriter } from '../../../src/export/zip';

/** Offsets of each central directory entry of a zip without comment. */
function centralEntries(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.length - 22;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const offsets: number[] = [];
  for (let k = 0; k < count; k++) {
    offsets.push(at);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return offsets;
}

function patch(zip: Uint8Array, edit: (view: DataView, entries: number[]) => void): Uint8Array {
  const copy = zip.slice();
  edit(new DataView(copy.buffer), centralEntries(copy));
  return copy;
}

const refusal = (zip: Uint8Array, limits = DEFAULT_UNZIP_LIMITS) => {
  const result = safeUnzip(zip, limits);
  if (result.ok) throw new Error('expected the archive to be refused');
  return result.error;
};

const text = 'config and weights '.repeat(200);

describe('safeUnzip', () => {
  it('returns every file exactly, deflated or stored, folders left out', () => {
    const zip = zipSync({ 'model/config.json': strToU8('{"dim":64}'), 'model/weights.bin': [new Uint8Array([0, 1, 2, 255]), { level: 0 }], 'README.md': strToU8(text), 'empty/': new Uint8Array(0) });
    const result = safeUnzip(zip);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.files.map((file) => file.name).sort()).toEqual(['README.md', 'model/config.json', 'model/weights.bin']);
    expect(new TextDecoder().decode(result.files.find((file) => file.name === 'README.md')!.data)).toBe(text);
    expect([...result.files.find((file) => file.name === 'model/weights.bin')!.data]).toEqual([0, 1, 2, 255]);
  });

  it("reads this app's own bundles (stored entries with data descriptors)", () => {
    const writer = createZipWriter();
    const parts = [writer.beginEntry('manifest.json'), writer.entryData(strToU8('{"a":1}')), writer.endEntry(), writer.finish()];
    const zip = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) zip.set(part, (at += part.length) - part.length);
    const result = safeUnzip(zip);
    expect(result).toEqual({ ok: true, files: [{ name: 'manifest.json', data: strToU8('{"a":1}') }] });
  });

  it('refuses names that would escape or point anywhere absolute', () => {
    for (const name of ['../evil.sh', 'a/../../evil', '/etc/passwd', 'C:/Windows/x', 'a\\..\\b', './x', 'a//b', 'x\0.txt']) {
      expect(unsafeEntryName(name), name).not.toBeNull();
      const error = refusal(zipSync({ [name]: strToU8('x') }));
      expect(error.entry).toBe(name);
    }
    expect(refusal(zipSync({ '../evil.sh': strToU8('x') })).message).toMatch(/path traversal/);
    expect(unsafeEntryName('model/weights.safetensors')).toBeNull();
  });

  it('refuses too many entries before reading any', () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, k) => [`f${k}.txt`, strToU8('x')]));
    expect(refusal(zipSync(files), { ...DEFAULT_UNZIP_LIMITS, maxEntries: 4 })).toEqual({ entry: null, message: 'has 5 entries; at most 4 are allowed' });
  });

  it('refuses declared sizes over the per-entry and total limits', () => {
    const zip = zipSync({ 'a.bin': new Uint8Array(3_000), 'b.bin': new Uint8Array(3_000) });
    expect(refusal(zip, { ...DEFAULT_UNZIP_LIMITS, maxEntryBytes: 2_000 })).toEqual({ entry: 'a.bin', message: 'declares 3,000 bytes; one entry may hold at most 2,000 bytes' });
    expect(refusal(zip, { ...DEFAULT_UNZIP_LIMITS, maxTotalBytes: 5_000 }).message).toMatch(/brings the declared total to 6,000 bytes/);
  });

  it('stops a bomb that declares a small size at the first byte past it', () => {
    const zip = zipSync({ 'bomb.bin': new Uint8Array(20_000_000) });
    expect(zip.length).toBeLessThan(100_000);
    const lying = patch(zip, (view, [entry]) => view.setUint32(entry! + 24, 1_000, true));
    expect(refusal(lying)).toEqual({ entry: 'bomb.bin', message: 'inflates to more than the 1,000 bytes it declares (a zip bomb?)' });
    const short = patch(zip, (view, [entry]) => view.setUint32(entry! + 24, 30_000_000, true));
    expect(refusal(short).message).toBe('inflates to 20,000,000 bytes, not the 30,000,000 bytes it declares');
  });

  it('refuses duplicates, encryption, unknown methods, corruption and truncation', () => {
    const zip = zipSync({ 'aa.txt': strToU8('one'), 'ab.txt': strToU8('two') }, { level: 0 });
    const duplicate = patch(zip, (view, entries) => view.setUint8(entries[1]! + 46 + 1, 'a'.charCodeAt(0)));
    expect(refusal(duplicate)).toEqual({ entry: 'aa.txt', message: 'appears twice in the archive' });
    expect(refusal(patch(zip, (view, [entry]) => view.setUint16(entry! + 8, 1, true))).message).toBe('is encrypted');
    expect(refusal(patch(zip, (view, [entry]) => view.setUint16(entry! + 10, 12, true))).message).toMatch(/compression method 12/);
    const flipped = zip.slice();
    flipped[zip.indexOf('o'.charCodeAt(0), 30)] = 'x'.charCodeAt(0);
    expect(refusal(flipped).message).toBe('is corrupted (its CRC-32 does not match)');
    expect(refusal(zip.subarray(0, zip.length - 10)).message).toMatch(/not a zip archive/);
    expect(refusal(new Uint8Array(0)).message).toMatch(/not a zip archive/);
  });
});
