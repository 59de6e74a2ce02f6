// The Storage screen (#/storage): usage and quota, what to delete to free space, backup and restore.
import { FreeSpaceList } from './FreeSpaceList';
import { StoragePanel } from './StoragePanel';
import { BackupPanel } from './BackupPanel';
import { RestorePanel } from './RestorePanel';
import { useStorageUsage } from './use-storage-usage';

export function StorageScreen() {
  const { usage, error } = useStorageUsage();
  return (
    <section class="screen storage-screen" aria-labelledby="storage-title">
      <h1 id="storage-title">Storage</h1>
      <p class="lede">Everything lives in this browser only. Keep a backup: clearing site data or a full disk can remove it.</p>
      {error && (
        <p class="notice notice--error" role="alert">
          Could not read the storage figures: {error}
        </p>
      )}
      <div class="storage-grid">
        <div class="storage-column">
          <StoragePanel tables={usage?.tables ?? null} />
          {usage && <FreeSpaceList usage={usage} />}
        </div>
        <div class="storage-column">
          <BackupPanel />
          <RestorePanel />
        </div>
      </div>
    </section>
  );
}
