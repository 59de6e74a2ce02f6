// Primary keys of stored records, without IndexedDB: the key path of each table as the schema
// declares it, the key a record has at that path, whether it is a valid IndexedDB key, and key
// order as IndexedDB sorts keys (number < Date < string < binary < array). A backup lists each
// table in ascending key order, so a repeated or missing key is found with one comparison per
// record. Pure; must never touch storage.
import { DERIVED_TABLES, SCHEMA_VERSIONS } from '../db/schema';

/** A single property path (`id`, `a.b`) or a compound key's paths (`[run_id+step]`). */
export type KeyPath = string | string[];

export interface TableSchema {
  name: string;
  keyPath: KeyPath;
}

/** The primary-key path of a Dexie store definition (`'id, name'`, `'[a+b], a'`, `'++id'`). */
export function keyPathOfStore(definition: string): KeyPath {
  const primary = definition.split(',')[0]!.trim().replace(/^(\+\+|&)/, '');
  if (primary === '') throw new Error('tables without an inline primary key cannot be backed up');
  if (primary.startsWith('[') && primary.endsWith(']')) return primary.slice(1, -1).split('+').map((part) => part.trim());
  return primary;
}

/**
 * Every table of the schema after all its versions, in the order the versions added them, but
 * the derived ones (DERIVED_TABLES: a backup leaves them out, a restore rebuilds them).
 */
export function latestTables(versions = SCHEMA_VERSIONS): TableSchema[] {
  const stores = new Map<string, string>();
  for (const version of versions) {
    for (const [name, definition] of Object.entries(version.stores)) {
      if (definition === null) stores.delete(name);
      else stores.set(name, definition);
    }
  }
  return [...stores].filter(([name]) => !DERIVED_TABLES.has(name)).map(([name, definition]) => ({ name, keyPath: keyPathOfStore(definition) }));
}

export function sameKeyPath(a: KeyPath, b: KeyPath): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function describeKeyPath(keyPath: KeyPath): string {
  return Array.isArray(keyPath) ? `[${keyPath.join('+')}]` : keyPath;
}

function valueAt(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The record's key at `keyPath` (an array for a compound key); undefined parts stay undefined. */
export function primaryKeyOf(record: unknown, keyPath: KeyPath): unknown {
  return Array.isArray(keyPath) ? keyPath.map((path) => valueAt(record, path)) : valueAt(record, keyPath);
}

/** Whether IndexedDB accepts `key` as a key: a number (not NaN), valid Date, string, binary, or array of keys. */
export function isValidKey(key: unknown, depth = 0): boolean {
  if (typeof key === 'number') return !Number.isNaN(key);
  if (typeof key === 'string') return true;
  if (key instanceof Date) return !Number.isNaN(key.getTime());
  if (key instanceof ArrayBuffer || ArrayBuffer.isView(key)) return true;
  if (Array.isArray(key)) return depth < 16 && key.every((part) => isValidKey(part, depth + 1));
  return false;
}

function keyRank(key: unknown): number {
  if (typeof key === 'number') return 0;
  if (key instanceof Date) return 1;
  if (typeof key === 'string') return 2;
  if (Array.isArray(key)) return 4;
  return 3; // binary
}

function bytesOf(key: ArrayBuffer | ArrayBufferView): Uint8Array {
  return key instanceof ArrayBuffer ? new Uint8Array(key) : new Uint8Array(key.buffer, key.byteOffset, key.byteLength);
}

/** IndexedDB's key order (indexedDB.cmp) for valid keys: negative, 0 or positive. */
export function compareKeys(a: unknown, b: unknown): number {
  const rank = keyRank(a) - keyRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number') return a === (b as number) ? 0 : a < (b as number) ? -1 : 1;
  if (a instanceof Date) return compareKeys(a.getTime(), (b as Date).getTime());
  if (typeof a === 'string') return a === b ? 0 : a < (b as string) ? -1 : 1;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    for (let k = 0; k < Math.min(a.length, other.length); k++) {
      const order = compareKeys(a[k], other[k]);
      if (order !== 0) return order;
    }
    return a.length - other.length;
  }
  const x = bytesOf(a as ArrayBufferView);
  const y = bytesOf(b as ArrayBufferView);
  for (let k = 0; k < Math.min(x.length, y.length); k++) if (x[k] !== y[k]) return x[k]! - y[k]!;
  return x.length - y.length;
}
