// The banner for multi-tab database trouble (see src/db/connection.ts): an upgrade of this tab
// waiting for an older tab to close, or this tab left behind by a newer version in another tab.
import { signal } from '@preact/signals';
import { appDatabase } from '../db/database';
import { watchConnection, type ConnectionState } from '../db/connection';

export const connectionState = signal<ConnectionState>('open');

/** Starts listening; call before the first database use so an early 'blocked' is heard. */
export function watchAppDatabase(): void {
  watchConnection(appDatabase(), (state) => (connectionState.value = state));
}

export function DatabaseNotice() {
  switch (connectionState.value) {
    case 'open':
      return null;
    case 'blocked':
      return (
        <div class="update-banner update-banner--alert" role="alert">
          tunix-rt web needs to upgrade its database, but an older version of the app is open in another tab and keeps it in use. Close that tab (or
          reload it) to continue; nothing is lost.
        </div>
      );
    case 'outdated':
      return (
        <div class="update-banner update-banner--alert" role="alert">
          A newer version of tunix-rt web was opened in another tab and upgraded the database, so this tab has stopped using it.{' '}
          <button type="button" onClick={() => location.reload()}>
            Reload this tab
          </button>
        </div>
      );
    case 'deleted':
      return (
        <div class="update-banner update-banner--alert" role="alert">
          The app's database was deleted from another tab or by the browser.{' '}
          <button type="button" onClick={() => location.reload()}>
            Reload this tab
          </button>
        </div>
      );
  }
}
