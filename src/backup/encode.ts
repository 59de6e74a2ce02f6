// Stored values ↔ JSON-safe values, losslessly, for backups. IndexedDB keeps more than JSON can
// say; each such value becomes a small tagged object whose keys start with "$":
//   typed arrays and ArrayBuffers  {"$typed": "Float32Array", "$base64": "<little-endian bytes>"}
//   NaN, ±Infinity, -0             {"$number": "NaN" | "Infinity" | "-Infinity" | "-0"}
//   undefined (in arrays, fields)  {"$undefined": 1}
//   Date                           {"$date": <time value, itself encoded>}
//   an object with a "$" key       {"$object": {…its entries, values encoded…}}
// so a plain object without "$" keys is written as it is, and the decoder knows every "$" object
// is a tag. Values JSON and these tags cannot carry (Map, Set, Blob, BigInt, class instances)
// are an error naming their path, never silently dropped. Decoding treats its input as hostile:
// unknown tags, bad base64, forbidden keys (`__proto__`, `constructor`, `prototype`) and nesting
// deeper than MAX_DEPTH are errors naming the path. Pure: no DOM, no storage.
import { base64ToBytes, bytesToBase64 } from '../shared/base64';
import { FORBIDDEN_KEYS, jsonChildPath } from '../shared/safe-json';

/** Deepest nesting of a stored record; far above any record of this app. */
export const MAX_DEPTH = 100;

export class BackupValueError extends Error {
  override name = 'BackupValueError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path === '' ? 'the record' : path}: ${message}`);
  }
}

const TYPED_ARRAYS = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type AnyTypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

function typedArrayName(value: ArrayBufferView): TypedArrayName | null {
  for (const name of Object.keys(TYPED_ARRAYS) as TypedArrayName[]) if (value instanceof TYPED_ARRAYS[name]) return name;
  return null;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `values` with `transform` applied to each item: the same array when no item changes. */
function mapLazily(values: readonly unknown[], transform: (item: unknown, index: number) => unknown): unknown {
  let out: unknown[] | null = null;
  for (let k = 0; k < values.length; k++) {
    const item = values[k];
    const next = transform(item, k);
    if (next !== item && out === null) out = values.slice(0, k);
    if (out !== null) out.push(next);
  }
  return out ?? values;
}

function encodeNumber(value: number): unknown {
  if (Number.isFinite(value) && !Object.is(value, -0)) return value;
  return { $number: Object.is(value, -0) ? '-0' : String(value) };
}

function encodeObject(value: object, path: string, depth: number): unknown {
  if (ArrayBuffer.isView(value)) {
    const name = typedArrayName(value);
    if (!name) throw new BackupValueError(path, `${value.constructor.name} is not supported in backups`);
    return { $typed: name, $base64: bytesToBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (value instanceof ArrayBuffer) return { $typed: 'ArrayBuffer', $base64: bytesToBase64(new Uint8Array(value)) };
  if (value instanceof Date) return { $date: encodeNumber(value.getTime()) };
  if (Array.isArray(value)) return mapLazily(value, (item, k) => encodeAt(item, `${path}[${k}]`, depth + 1));
  if (!isPlainObject(value)) throw new BackupValueError(path, `${value.constructor?.name ?? 'this object'} is not supported in backups`);
  const record = value as Record<string, unknown>;
  let out: Record<string, unknown> | null = null;
  let hasTagKey = false;
  const keys = Object.keys(record);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const childPath = jsonChildPath(path, key);
    if (FORBIDDEN_KEYS.has(key)) throw new BackupValueError(childPath, `the key "${key}" is not allowed in backups`);
    if (key.charCodeAt(0) === 36 /* $ */) hasTagKey = true;
    const item = record[key];
    const encoded = encodeAt(item, childPath, depth + 1);
    if (encoded !== item && out === null) {
      out = {};
      for (let j = 0; j < k; j++) out[keys[j]!] = record[keys[j]!];
    }
    if (out !== null) out[key] = encoded;
  }
  const plain = out ?? record;
  return hasTagKey ? { $object: plain } : plain;
}

function encodeAt(value: unknown, path: string, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return encodeNumber(value);
    case 'undefined':
      return { $undefined: 1 };
    case 'object':
      if (value === null) return null;
      if (depth > MAX_DEPTH) throw new BackupValueError(path, `nested deeper than ${MAX_DEPTH} levels`);
      return encodeObject(value, path, depth);
    default:
      throw new BackupValueError(path, `a ${typeof value} is not supported in backups`);
  }
}

/**
 * A JSON-safe form of a stored value (JSON.stringify of it is lossless). Parts that need no
 * change are returned as they are, not copied.
 */
export function encodeValue(value: unknown): unknown {
  return encodeAt(value, '', 1);
}

const NUMBERS: Record<string, number> = { NaN: Number.NaN, Infinity: Number.POSITIVE_INFINITY, '-Infinity': Number.NEGATIVE_INFINITY, '-0': -0 };

function onlyKeys(record: Record<string, unknown>, keys: string[]): boolean {
  const own = Object.keys(record);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(record, key));
}

function decodeTyped(record: Record<string, unknown>, path: string): unknown {
  const name = record.$typed;
  const base64 = record.$base64;
  if (!onlyKeys(record, ['$typed', '$base64']) || typeof name !== 'string' || typeof base64 !== 'string') {
    throw new BackupValueError(path, 'a "$typed" value needs exactly a "$typed" name and "$base64" bytes');
  }
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(base64);
  } catch {
    throw new BackupValueError(path, `the bytes of this ${name} are not valid base64`);
  }
  if (name === 'ArrayBuffer') return bytes.buffer;
  if (!Object.hasOwn(TYPED_ARRAYS, name)) throw new BackupValueError(path, `unknown typed array "${name}"`);
  const Type = TYPED_ARRAYS[name as TypedArrayName];
  if (bytes.byteLength % Type.BYTES_PER_ELEMENT !== 0) {
    throw new BackupValueError(path, `${bytes.byteLength} bytes do not fill whole ${name} elements`);
  }
  return new Type(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Type.BYTES_PER_ELEMENT) as AnyTypedArray;
}

function decodeTag(record: Record<string, unknown>, path: string, depth: number): unknown {
  if (Object.hasOwn(record, '$typed')) return decodeTyped(record, path);
  if (Object.hasOwn(record, '$number')) {
    const text = record.$number;
    if (!onlyKeys(record, ['$number']) || typeof text !== 'string' || !Object.hasOwn(NUMBERS, text)) {
      throw new BackupValueError(path, 'a "$number" value must be "NaN", "Infinity", "-Infinity" or "-0"');
    }
    return NUMBERS[text];
  }
  if (Object.hasOwn(record, '$undefined')) {
    if (!onlyKeys(record, ['$undefined']) || record.$undefined !== 1) throw new BackupValueError(path, 'an "$undefined" value must be exactly {"$undefined": 1}');
    return undefined;
  }
  if (Object.hasOwn(record, '$date')) {
    const time = onlyKeys(record, ['$date']) ? decodeAt(record.$date, `${path}.$date`, depth + 1) : undefined;
    if (typeof time !== 'number') throw new BackupValueError(path, 'a "$date" value must be exactly {"$date": <time value>}');
    return new Date(time);
  }
  if (Object.hasOwn(record, '$object')) {
    const inner = record.$object;
    if (!onlyKeys(record, ['$object']) || typeof inner !== 'object' || inner === null || Array.isArray(inner)) {
      throw new BackupValueError(path, 'an "$object" value must be exactly {"$object": {…}}');
    }
    return decodeEntries(inner as Record<string, unknown>, path, depth);
  }
  throw new BackupValueError(path, `unknown tag "${Object.keys(record).find((key) => key.startsWith('$'))}"`);
}

function decodeEntries(record: Record<string, unknown>, path: string, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const childPath = jsonChildPath(path, key);
    if (FORBIDDEN_KEYS.has(key)) throw new BackupValueError(childPath, `the key "${key}" is not allowed in backups`);
    out[key] = decodeAt(record[key], childPath, depth + 1);
  }
  return out;
}

function decodeAt(value: unknown, path: string, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) throw new BackupValueError(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return mapLazily(value, (item, k) => decodeAt(item, `${path}[${k}]`, depth + 1));
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (const key of keys) if (key.charCodeAt(0) === 36 /* $ */) return decodeTag(record, path, depth);
  return decodeEntries(record, path, depth);
}

/** The stored value a JSON.parse result of encodeValue stands for; throws BackupValueError. */
export function decodeValue(value: unknown): unknown {
  return decodeAt(value, '', 1);
}
