// A rough in-storage size of a value, for the storage panel's per-table estimates: strings by
// their length, numbers 8 bytes, binary by its byte length, keys by their length. Pure; bounded
// by the value's own size (no cycles in stored values).

export function approximateBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined) return 1;
  switch (typeof value) {
    case 'string':
      return value.length + 4;
    case 'number':
      return 8;
    case 'boolean':
      return 1;
    case 'object': {
      if (ArrayBuffer.isView(value)) return value.byteLength + 16;
      if (value instanceof ArrayBuffer) return value.byteLength + 16;
      if (value instanceof Date || depth > 64) return 8;
      let bytes = 8;
      if (Array.isArray(value)) for (const item of value) bytes += approximateBytes(item, depth + 1);
      else for (const [key, item] of Object.entries(value)) bytes += key.length + approximateBytes(item, depth + 1);
      return bytes;
    }
    default:
      return 8;
  }
}
