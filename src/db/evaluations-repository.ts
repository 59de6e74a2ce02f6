// The evaluations and eval_results tables: an evaluation record per (model, eval set, judge) run
// and one result per item, written batch by batch as the eval worker goes (results and the
// record's counts in one transaction, so a cancelled or interrupted evaluation keeps exactly the
// items it finished), listed newest first, read, and deleted with their results. Change notices
// go out on the 'evaluations' channel. Must never judge, generate or aggregate (src/evaluate/).
import type { EvalResultRecord, EvaluationRecord, EvaluationStatus } from '../evaluate/records';
import type { EvalItemResult } from '../evaluate/scorecard';
import { announceChange } from './changes';
import type { TunixDatabase } from './database';
import { isQuotaError, StorageFullError } from './errors';

/** A running evaluation that has not been written to for this long was interrupted (page closed). */
export const STALE_AFTER_MS = 120_000;

async function writing<T>(what: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isQuotaError(error)) throw new StorageFullError(`Storage is full: the browser refused to store ${what}. Free space (delete old evaluations, runs or traces), then evaluate again.`);
    throw error;
  }
}

/** Stores a new evaluation record (normally status 'running', no results yet). */
export async function createEvaluation(db: TunixDatabase, record: EvaluationRecord): Promise<void> {
  await writing('the evaluation', () => db.evaluations.add({ ...record, updated_at: record.updated_at ?? record.created_at }));
  announceChange('evaluations');
}

/**
 * Adds item results (new items) and counts them into the record (items_done, tokens), with the
 * time spent so far, in one transaction.
 */
export async function appendEvalResults(db: TunixDatabase, evaluationId: string, results: readonly EvalItemResult[], elapsedMs: number): Promise<void> {
  await writing('evaluation results', () =>
    db.transaction('rw', db.evaluations, db.eval_results, async () => {
      const record = await db.evaluations.get(evaluationId);
      if (!record) throw new Error(`evaluation ${evaluationId} does not exist (deleted while it ran?)`);
      await db.eval_results.bulkAdd(results.map((result) => ({ ...result, evaluation_id: evaluationId })));
      await db.evaluations.update(evaluationId, {
        items_done: (record.items_done ?? 0) + results.length,
        tokens: (record.tokens ?? 0) + results.reduce((sum, result) => sum + result.tokens, 0),
        elapsed_ms: elapsedMs,
        updated_at: new Date().toISOString(),
      });
    }),
  );
  announceChange('evaluations');
}

export type EvaluationUpdate = Partial<Omit<EvaluationRecord, 'id' | 'created_at'>>;

/** Changes fields of an evaluation (status, scorecard, backend, model config…). */
export async function updateEvaluation(db: TunixDatabase, id: string, update: EvaluationUpdate): Promise<void> {
  const changed = await writing('the evaluation', () => db.evaluations.update(id, { ...update, updated_at: new Date().toISOString() }));
  if (changed === 0 && !(await db.evaluations.get(id))) throw new Error(`evaluation ${id} does not exist`);
  announceChange('evaluations');
}

/** Ends an evaluation that is still running with `status`; one that already ended is left alone. */
export async function endEvaluation(db: TunixDatabase, id: string, status: Exclude<EvaluationStatus, 'running' | 'completed'>, error: string | null): Promise<void> {
  const ended = await db.transaction('rw', db.evaluations, async () => {
    const record = await db.evaluations.get(id);
    if (!record || record.status !== 'running') return false;
    const now = new Date().toISOString();
    await db.evaluations.update(id, { status, error, finished_at: now, updated_at: now });
    return true;
  });
  if (ended) announceChange('evaluations');
}

/** Every evaluation, newest first. */
export async function listEvaluations(db: TunixDatabase): Promise<EvaluationRecord[]> {
  return db.evaluations.orderBy('created_at').reverse().toArray();
}

export async function getEvaluation(db: TunixDatabase, id: string): Promise<EvaluationRecord | null> {
  return (await db.evaluations.get(id)) ?? null;
}

/** The item results of an evaluation (in item-id order; pair them with the eval set's order). */
export async function getEvalResults(db: TunixDatabase, evaluationId: string): Promise<EvalResultRecord[]> {
  return db.eval_results.where('evaluation_id').equals(evaluationId).toArray();
}

/** Deletes an evaluation and all its results, in one transaction. */
export async function deleteEvaluation(db: TunixDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.evaluations, db.eval_results, async () => {
    await db.eval_results.where('evaluation_id').equals(id).delete();
    await db.evaluations.delete(id);
  });
  announceChange('evaluations');
}

/**
 * Marks running evaluations that stopped updating (their page closed) as cancelled, keeping
 * their finished items; returns how many. `except` is the one this page is running now.
 */
export async function endStaleEvaluations(db: TunixDatabase, now: number = Date.now(), except: string | null = null): Promise<number> {
  const stale = (await db.evaluations.where('status').equals('running').toArray()).filter(
    (record) => record.id !== except && now - Date.parse(record.updated_at ?? record.created_at) > STALE_AFTER_MS,
  );
  for (const record of stale) await endEvaluation(db, record.id, 'cancelled', 'interrupted: the page that ran it was closed');
  return stale.length;
}
