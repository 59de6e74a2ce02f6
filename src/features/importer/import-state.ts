// Import screen state that outlives the screen: files dropped elsewhere and the last result.
import { signal } from '@preact/signals';
import type { ImportProgress, ImportSummary } from '../../importer/types';

/** Files dropped anywhere on the page, waiting for the import screen to pick them up. */
export const queuedImportFiles = signal<File[]>([]);
export const importProgress = signal<ImportProgress | null>(null);
export const lastImportSummary = signal<ImportSummary | null>(null);
export const importRunning = signal(false);
