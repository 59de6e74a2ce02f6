// Header badge: storage used of quota, and whether the browser granted persistent storage.
import { formatBytes, requestPersistentStorage, storageStatus } from './storage';

export function StorageIndicator() {
  const { persisted, usageBytes, quotaBytes } = storageStatus.value;
  const usage = usageBytes !== null && quotaBytes ? `${formatBytes(usageBytes)} of ${formatBytes(quotaBytes)}` : 'usage unknown';
  return (
    <div class="storage-indicator" aria-label="Storage">
      <span title="Storage used by this app, of the quota the browser allows">{usage}</span>
      {persisted ? (
        <span class="badge badge--ok" title="The browser will not evict this app's data under storage pressure">persistent</span>
      ) : (
        <button
          type="button"
          class="badge badge--warn"
          title="The browser may evict data under storage pressure. Click to ask for persistent storage."
          onClick={() => void requestPersistentStorage()}
        >
          not persistent
        </button>
      )}
    </div>
  );
}
