// The evalsets table: eval sets the user imports (validated JSONL, stored whole with the sha-256
// of the text), listed newest first, read one at a time, deleted. Bundled sets are files in
// evalsets/ and never pass through here. Must never store a set with an invalid line: the
// validator's per-line errors come back as a value instead.
import { parseEvalSetJsonl } from '../evaluate/evalset';
import { sha256Hex } from '../generators/sha256';
import type { ValidationResult } from '../traces/types';
import { announceChange } from './changes';
import type { StoredEvalSet, TunixDatabase } from './database';
import { isQuotaError, StorageFullError } from './errors';

export type { StoredEvalSet } from './database';

/** An eval set as the list shows it: without its items. */
export interface EvalSetListItem {
  id: string;
  name: string;
  created_at: string;
  item_count: number;
  sha256: string;
}

export interface EvalSetImport {
  name: string;
  text: string;
  /** Defaults: crypto.randomUUID() and the current time. */
  id?: string;
  createdAt?: string;
}

/** Validates `text` (JSONL, one item per line) and stores it; per-line errors store nothing. */
export async function importEvalSet(db: TunixDatabase, request: EvalSetImport): Promise<ValidationResult<StoredEvalSet>> {
  const name = request.name.trim();
  if (name === '') return { ok: false, errors: [{ path: 'name', message: 'the eval set needs a name' }] };
  const parsed = parseEvalSetJsonl(request.text);
  if (!parsed.ok) return parsed;
  const stored: StoredEvalSet = {
    id: request.id ?? crypto.randomUUID(),
    name,
    created_at: request.createdAt ?? new Date().toISOString(),
    items: parsed.value,
    sha256: sha256Hex(request.text),
  };
  try {
    await db.evalsets.add(stored);
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError('Storage is full: the browser refused to store the eval set. Free space, then try again.');
    throw error;
  }
  announceChange('evalsets');
  return { ok: true, value: stored };
}

/** Every imported eval set, newest first, without items. */
export async function listEvalSets(db: TunixDatabase): Promise<EvalSetListItem[]> {
  const sets = await db.evalsets.orderBy('created_at').reverse().toArray();
  return sets.map(({ id, name, created_at, items, sha256 }) => ({ id, name, created_at, item_count: items.length, sha256 }));
}

export async function getEvalSet(db: TunixDatabase, id: string): Promise<StoredEvalSet | null> {
  return (await db.evalsets.get(id)) ?? null;
}

export async function deleteEvalSet(db: TunixDatabase, id: string): Promise<void> {
  await db.evalsets.delete(id);
  announceChange('evalsets');
}
