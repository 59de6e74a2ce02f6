// Cross-context change notices: a write in a worker or another tab tells every page to refresh.
// BroadcastChannel does not echo to its sender, so each realm also notifies its own listeners.

export type ChangedTable = 'traces' | 'imports' | 'generated_sets' | 'datasets' | 'evalsets' | 'runs' | 'evaluations' | 'models' | 'sweeps';

/** Every kind of change (a Record, so adding a ChangedTable without listing it here fails to compile). */
const EVERY_CHANGED_TABLE: Record<ChangedTable, true> = { traces: true, imports: true, generated_sets: true, datasets: true, evalsets: true, runs: true, evaluations: true, models: true, sweeps: true };

const CHANNEL_NAME = 'tunix-rt-web:db-changes';
/** `remote` is true when the change was made in another context (worker or tab). */
type Listener = (table: ChangedTable, remote: boolean) => void;
const localListeners = new Set<Listener>();
let channel: BroadcastChannel | null = null;

function openChannel(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<{ table: ChangedTable }>) => {
    for (const listener of localListeners) listener(event.data.table, true);
  };
  return channel;
}

export function announceChange(table: ChangedTable): void {
  openChannel()?.postMessage({ table });
  for (const listener of localListeners) listener(table, false);
}

/** Calls `listener` on every change made in this or any other context; returns unsubscribe. */
export function onDatabaseChange(listener: Listener): () => void {
  openChannel();
  localListeners.add(listener);
  return () => localListeners.delete(listener);
}

/** After a change to the whole store (a restore): every listener of every table reloads. */
export function announceEverythingChanged(): void {
  for (const table of Object.keys(EVERY_CHANGED_TABLE) as ChangedTable[]) announceChange(table);
}
