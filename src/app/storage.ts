// Persistent storage and quota, page-only (navigator.storage.persist() does not exist in workers).
import { signal } from '@preact/signals';

export interface StorageStatus {
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
  /** Usage by kind (indexedDB, caches, serviceWorkerRegistrations) where the browser reports it. */
  details: Record<string, number> | null;
}

export const storageStatus = signal<StorageStatus>({ persisted: null, usageBytes: null, quotaBytes: null, details: null });

export async function refreshStorageStatus(): Promise<void> {
  const storage = navigator.storage;
  if (!storage) return;
  const [persisted, estimate] = await Promise.all([
    storage.persisted ? storage.persisted() : Promise.resolve(null),
    storage.estimate ? storage.estimate() : Promise.resolve({} as StorageEstimate),
  ]);
  const details = (estimate as StorageEstimate & { usageDetails?: Record<string, number> }).usageDetails ?? null;
  storageStatus.value = { persisted, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null, details };
}

/** Asks the browser not to evict our data under storage pressure; the answer is shown, not forced. */
export async function requestPersistentStorage(): Promise<void> {
  if (navigator.storage?.persist) {
    try {
      await navigator.storage.persist();
    } catch {
      // Some browsers reject outside a user gesture; the status line still says "not persistent".
    }
  }
  await refreshStorageStatus();
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}
