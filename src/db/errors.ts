// Storage errors turned into values a person can act on. Never swallows an error: an unknown
// failure is re-thrown unchanged.

export class StorageFullError extends Error {
  override name = 'StorageFullError';
}

/** True for IndexedDB's quota error, however Dexie wraps it. */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const name = (current as { name?: unknown }).name;
    if (name === 'QuotaExceededError') return true;
    current = (current as { inner?: unknown }).inner;
  }
  return false;
}

export function describeQuotaError(keptCount: number, what: string): StorageFullError {
  return new StorageFullError(
    `Storage is full: the browser refused to store ${what}. ` +
      `${keptCount.toLocaleString('en-US')} traces stored before this are kept. ` +
      'Free space (delete traces or datasets) or grant persistent storage, then import the rest again: duplicates are skipped.',
  );
}
