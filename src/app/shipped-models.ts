// The page's access to the shipped base models: the app's root URL (where index.html lies, so
// any sub-path works; workers are told it), the index read once per page and kept in a signal,
// and a base's checked model fetched from our own origin (the service worker answers offline).
import { signal } from '@preact/signals';
import type { ValidationResult } from '../traces/types';
import type { ModelBundle } from '../runs/model-bundle';
import type { ShippedIndex, ShippedModelEntry } from '../runs/shipped-models';
import { loadShippedIndex, loadShippedModel } from '../runs/shipped-models-loader';

/** The app's root URL, ending in '/'. */
export function appRoot(): string {
  return new URL('./', document.baseURI).href;
}

/** The shipped index: undefined while loading, else its result (an error names models/index.json). */
export const shippedIndex = signal<ValidationResult<ShippedIndex> | undefined>(undefined);
let loading: Promise<void> | null = null;

/** Reads models/index.json the first time it is asked for (again after a failure). */
export function loadShippedIndexOnce(): Promise<void> {
  loading ??= loadShippedIndex((url) => fetch(url), appRoot()).then((result) => {
    shippedIndex.value = result;
    if (!result.ok) loading = null;
  });
  return loading;
}

/** The listed bases (none while loading or when the index could not be read). */
export function shippedEntries(): ShippedModelEntry[] {
  const index = shippedIndex.value;
  return index?.ok ? index.value.models : [];
}

/** A base's model, fetched and checked against its entry. */
export function fetchShippedModel(entry: ShippedModelEntry): Promise<ValidationResult<ModelBundle & { sha256: string }>> {
  return loadShippedModel((url) => fetch(url), appRoot(), entry);
}
