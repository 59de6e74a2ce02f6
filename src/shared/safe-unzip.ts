// Reading zip archives that come from outside (model and evidence bundles), treating them as
// hostile. The central directory is read and every entry checked before anything is inflated:
// names (no absolute paths, drive letters, backslashes, `.`/`..` segments, NUL, duplicates),
// entry count, declared sizes against the limits, encryption, ZIP64 and methods other than
// STORE and DEFLATE refused. Inflating then caps the actual output at the declared size, so an
// entry that lies about its size (a zip bomb) stops at the first byte too many, and checks the
// length and CRC-32 of what came out. Pure (bytes in, files or an error out); never throws on bad
// input, never writes anything.
import { Inflate } from 'fflate';
import { crc32 } from './crc32';

export interface UnzipLimits {
  maxEntries: number;
  /** Largest uncompressed size of one entry. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries together. */
  maxTotalBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = { maxEntries: 1_000, maxEntryBytes: 256 * 1024 * 1024, maxTotalBytes: 1024 * 1024 * 1024 };

export interface UnzippedFile {
  /** The entry's path inside the archive, `/`-separated and relative. */
  name: string;
  data: Uint8Array;
}

export type SafeUnzipResult = { ok: true; files: UnzippedFile[] } | { ok: false; error: { entry: string | null; message: string } };

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;
const MAX_NAME_CHARS = 512;
/** Compressed bytes per inflate step: deflate expands at most ~1,032×, so one step overshoots by ≤ 17 MB. */
const INFLATE_CHUNK = 16 * 1024;

class ZipRefused extends Error {
  constructor(
    readonly entry: string | null,
    message: string,
  ) {
    super(message);
  }
}

interface Entry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const formatBytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

/** Why `name` may not be written anywhere, or null when it is a safe relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0) return 'has an empty name';
  if (name.length > MAX_NAME_CHARS) return `has a name longer than ${MAX_NAME_CHARS} characters`;
  if (name.includes('\0')) return 'has a NUL character in its name';
  if (name.includes('\\')) return 'uses a backslash in its name (a Windows path)';
  if (name.startsWith('/')) return 'has an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((segment) => segment === '..')) return 'climbs out of the archive with ".." (path traversal)';
  if (segments.some((segment) => segment === '' || segment === '.')) return 'has an empty or "." path segment';
  return null;
}

function findEnd(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_SIZE - 0xffff);
  for (let at = view.byteLength - END_SIZE; at >= lowest; at--) {
    if (view.getUint32(at, true) === END_SIGNATURE && at + END_SIZE + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  throw new ZipRefused(null, 'is not a zip archive (no end of central directory record)');
}

function readEntries(zip: Uint8Array, view: DataView, limits: UnzipLimits): Entry[] {
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) throw new ZipRefused(null, 'is a ZIP64 archive, which is not supported');
  if (count > limits.maxEntries) throw new ZipRefused(null, `has ${count.toLocaleString('en-US')} entries; at most ${limits.maxEntries.toLocaleString('en-US')} are allowed`);
  if (directoryOffset + directorySize > end) throw new ZipRefused(null, 'has a central directory outside the archive');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: Entry[] = [];
  const names = new Set<string>();
  let declaredTotal = 0;
  let at = directoryOffset;
  for (let k = 0; k < count; k++) {
    if (at + CENTRAL_SIZE > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new ZipRefused(null, `has a damaged central directory (entry ${k + 1})`);
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLength = view.getUint16(at + 28, true);
    const next = at + CENTRAL_SIZE + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (next > end) throw new ZipRefused(null, `has a damaged central directory (entry ${k + 1})`);
    let name: string;
    try {
      name = decoder.decode(zip.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength));
    } catch {
      throw new ZipRefused(null, `entry ${k + 1} has a name that is not valid UTF-8`);
    }
    const entry: Entry = {
      name,
      method,
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    at = next;
    const unsafe = unsafeEntryName(name);
    if (unsafe) throw new ZipRefused(name, unsafe);
    if (names.has(name)) throw new ZipRefused(name, 'appears twice in the archive');
    names.add(name);
    if (flags & 1) throw new ZipRefused(name, 'is encrypted');
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) throw new ZipRefused(name, 'needs ZIP64, which is not supported');
    if (method !== 0 && method !== 8) throw new ZipRefused(name, `uses compression method ${method}; only stored (0) and deflate (8) are read`);
    if (method === 0 && entry.compressedSize !== entry.size) throw new ZipRefused(name, 'is stored uncompressed but declares two different sizes');
    if (entry.size > limits.maxEntryBytes) throw new ZipRefused(name, `declares ${formatBytes(entry.size)}; one entry may hold at most ${formatBytes(limits.maxEntryBytes)}`);
    declaredTotal += entry.size;
    if (declaredTotal > limits.maxTotalBytes) throw new ZipRefused(name, `brings the declared total to ${formatBytes(declaredTotal)}; at most ${formatBytes(limits.maxTotalBytes)} are allowed`);
    if (name.endsWith('/') && entry.size !== 0) throw new ZipRefused(name, 'is a folder with data');
    entries.push(entry);
  }
  return entries;
}

function dataOf(zip: Uint8Array, view: DataView, entry: Entry): Uint8Array {
  const at = entry.localOffset;
  if (at + LOCAL_SIZE > zip.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) throw new ZipRefused(entry.name, 'has no local header where the directory says');
  const start = at + LOCAL_SIZE + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > zip.length) throw new ZipRefused(entry.name, 'runs past the end of the archive (truncated?)');
  return zip.subarray(start, start + entry.compressedSize);
}

/** Inflates into a buffer of exactly the declared size: one byte more is refused as a bomb. */
function inflateCapped(entry: Entry, compressed: Uint8Array): Uint8Array {
  if (entry.size === 0 && compressed.length <= 2) return new Uint8Array(0);
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > entry.size) throw new ZipRefused(entry.name, `inflates to more than the ${formatBytes(entry.size)} it declares (a zip bomb?)`);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < compressed.length; at += INFLATE_CHUNK) {
      inflater.push(compressed.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= compressed.length);
    }
  } catch (error) {
    if (error instanceof ZipRefused) throw error;
    throw new ZipRefused(entry.name, `is not valid deflate data (${(error as Error).message})`);
  }
  if (written !== entry.size) throw new ZipRefused(entry.name, `inflates to ${formatBytes(written)}, not the ${formatBytes(entry.size)} it declares`);
  return out;
}

/** The files of `zip` (folders left out), or the first reason it is refused. */
export function safeUnzip(zip: Uint8Array, limits: UnzipLimits = DEFAULT_UNZIP_LIMITS): SafeUnzipResult {
  try {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const files: UnzippedFile[] = [];
    for (const entry of readEntries(zip, view, limits)) {
      if (entry.name.endsWith('/')) continue;
      const compressed = dataOf(zip, view, entry);
      const data = entry.method === 0 ? compressed.slice() : inflateCapped(entry, compressed);
      if (crc32(data) !== entry.crc) throw new ZipRefused(entry.name, 'is corrupted (its CRC-32 does not match)');
      files.push({ name: entry.name, data });
    }
    return { ok: true, files };
  } catch (error) {
    if (error instanceof ZipRefused) return { ok: false, error: { entry: error.entry, message: error.message } };
    if (error instanceof RangeError) return { ok: false, error: { entry: null, message: 'is damaged (a record points outside the archive)' } };
    throw error;
  }
}
