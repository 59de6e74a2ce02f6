// The life of this tab's database connection across tabs. Another tab that opens a newer schema
// asks every open connection to close ('versionchange'): Dexie closes ours (its default), and the
// listener hears 'outdated' so the person can reload into the new version. When this tab is the
// newer one and an older tab does not let go, the upgrade waits ('blocked') until it closes; the
// listener hears 'blocked' so the person can close it, then 'open' once the upgrade went through.
// Never decides anything for the person: no automatic reloads or closes of other tabs.
import type { TunixDatabase } from './database';

export type ConnectionState = 'open' | 'blocked' | 'outdated' | 'deleted';

/** Calls `listener` as the connection's state changes; returns the unsubscribe. */
export function watchConnection(db: TunixDatabase, listener: (state: ConnectionState) => void): () => void {
  const onBlocked = () => listener('blocked');
  const onReady = () => listener('open');
  const onVersionChange = (event: IDBVersionChangeEvent) => {
    // Dexie's own handler closes the connection; this one only tells the person why.
    listener(event.newVersion ? 'outdated' : 'deleted');
  };
  db.on('blocked', onBlocked);
  db.on('ready', onReady);
  db.on('versionchange', onVersionChange);
  if (db.isOpen()) listener('open');
  return () => {
    db.on('blocked').unsubscribe(onBlocked);
    db.on('ready').unsubscribe(onReady);
    db.on('versionchange').unsubscribe(onVersionChange);
  };
}
