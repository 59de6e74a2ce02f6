// A streaming zip writer with the STORE method (no compression) and CRC-32, for dataset bundles.
// Each entry's local header sets bit 3 (sizes and CRC follow the data in a data descriptor), so
// data is written as it is produced and nothing is held but the central directory. Names are
// UTF-8 (bit 11). Pure: returns the bytes to write and never writes them itself; the time stamp
// is an argument, so the same entries give the same bytes. No ZIP64: more than 4 GiB or 65,535
// entries is an error rather than a broken archive.

import { crc32 } from '../shared/crc32';

export { crc32 };

const MAX_32 = 0xffffffff;
const MAX_ENTRIES = 0xffff;
const VERSION_NEEDED = 20;
const FLAGS = (1 << 3) | (1 << 11);
/** 1980-01-01 00:00, the earliest DOS time: bundles are byte-identical unless told a time. */
const DOS_EPOCH = new Date(1980, 0, 1);

interface CentralEntry {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

function dosTime(date: Date): { time: number; day: number } {
  const year = Math.min(Math.max(date.getFullYear(), 1980), 2107);
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    day: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

export interface ZipWriter {
  /** The local header of a new entry; the previous entry must be ended. */
  beginEntry(name: string): Uint8Array;
  /** Counts `bytes` into the open entry's CRC and size and returns them to be written. */
  entryData(bytes: Uint8Array): Uint8Array;
  /** The open entry's data descriptor. */
  endEntry(): Uint8Array;
  /** The central directory and its end record; no entry may be open. */
  finish(): Uint8Array;
  /** Bytes handed out so far. */
  readonly written: number;
}

/** A writer for one archive; `modified` is every entry's time stamp (local time, 2 s steps). */
export function createZipWriter(modified: Date = DOS_EPOCH): ZipWriter {
  const { time, day } = dosTime(modified);
  const encoder = new TextEncoder();
  const entries: CentralEntry[] = [];
  let open: CentralEntry | null = null;
  let offset = 0;

  const handOut = (bytes: Uint8Array): Uint8Array => {
    offset += bytes.length;
    if (offset > MAX_32) throw new RangeError('zip archive over 4 GiB: ZIP64 is not supported');
    return bytes;
  };

  return {
    beginEntry(name) {
      if (open) throw new Error(`zip entry ${new TextDecoder().decode(open.name)} is still open`);
      if (entries.length >= MAX_ENTRIES) throw new RangeError('more than 65,535 zip entries');
      const encoded = encoder.encode(name);
      open = { name: encoded, crc: 0, size: 0, offset };
      const header = new Uint8Array(30 + encoded.length);
      const view = new DataView(header.buffer);
      view.setUint32(0, 0x04034b50, true);
      view.setUint16(4, VERSION_NEEDED, true);
      view.setUint16(6, FLAGS, true);
      view.setUint16(8, 0, true); // method: STORE
      view.setUint16(10, time, true);
      view.setUint16(12, day, true);
      // CRC and sizes (14-25) stay 0: the data descriptor carries them.
      view.setUint16(26, encoded.length, true);
      header.set(encoded, 30);
      return handOut(header);
    },
    entryData(bytes) {
      if (!open) throw new Error('no zip entry is open');
      open.crc = crc32(bytes, open.crc);
      open.size += bytes.length;
      return handOut(bytes);
    },
    endEntry() {
      if (!open) throw new Error('no zip entry is open');
      const descriptor = new Uint8Array(16);
      const view = new DataView(descriptor.buffer);
      view.setUint32(0, 0x08074b50, true);
      view.setUint32(4, open.crc, true);
      view.setUint32(8, open.size, true);
      view.setUint32(12, open.size, true);
      entries.push(open);
      open = null;
      return handOut(descriptor);
    },
    finish() {
      if (open) throw new Error('a zip entry is still open');
      const directorySize = entries.reduce((sum, entry) => sum + 46 + entry.name.length, 0);
      const out = new Uint8Array(directorySize + 22);
      const view = new DataView(out.buffer);
      let at = 0;
      for (const entry of entries) {
        view.setUint32(at, 0x02014b50, true);
        view.setUint16(at + 4, VERSION_NEEDED, true); // made by: MS-DOS, spec 2.0
        view.setUint16(at + 6, VERSION_NEEDED, true);
        view.setUint16(at + 8, FLAGS, true);
        view.setUint16(at + 10, 0, true);
        view.setUint16(at + 12, time, true);
        view.setUint16(at + 14, day, true);
        view.setUint32(at + 16, entry.crc, true);
        view.setUint32(at + 20, entry.size, true);
        view.setUint32(at + 24, entry.size, true);
        view.setUint16(at + 28, entry.name.length, true);
        // extra, comment, disk, internal and external attributes (30-41) stay 0.
        view.setUint32(at + 42, entry.offset, true);
        out.set(entry.name, at + 46);
        at += 46 + entry.name.length;
      }
      view.setUint32(at, 0x06054b50, true);
      view.setUint16(at + 8, entries.length, true);
      view.setUint16(at + 10, entries.length, true);
      view.setUint32(at + 12, directorySize, true);
      view.setUint32(at + 16, offset, true);
      return handOut(out);
    },
    get written() {
      return offset;
    },
  };
}
