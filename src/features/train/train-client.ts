// Page side of the train worker. Owns this tab's training worker (one run at a time), the Web
// Lock that makes sure only one tab trains (LOCK_NAME), resuming runs a closed tab left behind
// (at start and whenever the runs change while no tab trains),
// cancel (through the store, so any tab can cancel any run, and through the worker for speed),
// and the cross-backend check in a worker of its own. Progress arrives through a comlink proxy
// into the `trainingInTab` signal; everything else the screens read from the store.
import { proxy, wrap, type Remote } from 'comlink';
import { signal } from '@preact/signals';
import type { StartRunRequest, TrainWorkerApi } from '../../../workers/train.worker';
import { appDatabase } from '../../db/database';
import { requestCancel, transitionRun, unfinishedRuns } from '../../db/runs-repository';
import type { RunProgress } from '../../runs/executor';
import type { RunManifest } from '../../runs/types';
import type { BackendCheckResult } from '../../train/backend-check';
import type { BackendName } from '../../train/backend';
import { uuidv7 } from '../../shared/ids';
import { APP_VERSION } from '../datasets/build-draft';

export const LOCK_NAME = 'tunix-rt-web:train';

/** The run this tab's worker is training, with its latest progress; null when idle. */
export const trainingInTab = signal<{ runId: string; progress: RunProgress | null } | null>(null);
/** An error of this tab's last start or resume that left no run record to show it. */
export const trainingError = signal<string | null>(null);

let active: { runId: string; api: Remote<TrainWorkerApi> } | null = null;
/** True while this tab waits for the lock to resume runs, or resumes them. */
let resuming = false;

function newWorker(name: string): Worker {
  return new Worker(new URL('../../../workers/train.worker.ts', import.meta.url), { type: 'module', name });
}

/** Runs `call` in a fresh train worker and ends the worker after; a crashed worker rejects. */
async function inWorker<T>(runId: string, call: (api: Remote<TrainWorkerApi>, onProgress: (p: RunProgress) => void) => Promise<T>): Promise<T> {
  const worker = newWorker('train');
  const api = wrap<TrainWorkerApi>(worker);
  active = { runId, api };
  trainingInTab.value = { runId, progress: null };
  const crashed = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => reject(new Error(`the train worker crashed: ${event.message || 'out of memory?'}`)), { once: true });
  });
  const onProgress = (progress: RunProgress) => {
    if (active?.runId === runId) trainingInTab.value = { runId, progress };
  };
  try {
    return await Promise.race([call(api, proxy(onProgress)), crashed]);
  } finally {
    worker.terminate();
    active = null;
    trainingInTab.value = null;
  }
}

function locksAvailable(): boolean {
  return typeof navigator !== 'undefined' && 'locks' in navigator;
}

export type StartOutcome = { ok: true; runId: string; done: Promise<RunManifest> } | { ok: false; error: string };

/** Starts a new run when no tab is training; `done` settles when the run ends. */
export function startTraining(request: Omit<StartRunRequest, 'runId' | 'appVersion'>): Promise<StartOutcome> {
  if (!locksAvailable()) return Promise.resolve({ ok: false, error: 'This browser has no Web Locks: training needs them to keep to one tab.' });
  const runId = uuidv7();
  trainingError.value = null;
  return new Promise<StartOutcome>((resolve) => {
    navigator.locks
      .request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
        if (!lock) {
          resolve({ ok: false, error: 'Another tab is training: one run trains at a time. Watch or cancel it under Runs.' });
          return;
        }
        const done = inWorker(runId, (api, onProgress) => api.startRun({ ...request, runId, appVersion: APP_VERSION }, onProgress));
        resolve({ ok: true, runId, done });
        await done.catch((error: unknown) => {
          trainingError.value = error instanceof Error ? error.message : String(error);
        });
      })
      .catch((error: unknown) => resolve({ ok: false, error: String(error) }));
  });
}

/**
 * Resumes runs left unfinished by a tab that closed: waits for the training lock (a tab that is
 * still training keeps it), then continues each run still pending or running from its newest
 * checkpoint, one after another; a run whose cancel was requested becomes cancelled.
 */
export async function resumeInterruptedRuns(): Promise<void> {
  if (resuming || !locksAvailable()) return;
  resuming = true;
  try {
    await resumeUnderLock();
  } finally {
    resuming = false;
  }
}

async function resumeUnderLock(): Promise<void> {
  const db = appDatabase();
  if ((await unfinishedRuns(db)).length === 0) return;
  await navigator.locks.request(LOCK_NAME, async () => {
    const tried = new Set<string>();
    for (;;) {
      const run = (await unfinishedRuns(db)).find((r) => !tried.has(r.run_id));
      if (!run) return;
      tried.add(run.run_id);
      if (run.status === 'cancel_requested') {
        await transitionRun(db, run.run_id, 'cancelled', { finished_at: new Date().toISOString() });
        continue;
      }
      try {
        await inWorker(run.run_id, (api, onProgress) => api.resumeRun(run.run_id, onProgress));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await transitionRun(db, run.run_id, 'failed', { finished_at: new Date().toISOString(), error: message });
      }
    }
  });
}

/**
 * Resumes unfinished runs when no tab holds or awaits the training lock. Called on every remote
 * change to the runs table: a train worker can outlive its closing tab by a moment and write its
 * run after the reopened tab's first look, which would otherwise leave that run pending forever.
 */
export async function resumeOrphanedRuns(): Promise<void> {
  if (resuming || active || !locksAvailable()) return;
  const locks = await navigator.locks.query();
  if ([...(locks.held ?? []), ...(locks.pending ?? [])].some((lock) => lock.name === LOCK_NAME)) return;
  await resumeInterruptedRuns();
}

/** Asks whichever tab trains `runId` to stop it at its next step. */
export async function cancelRun(runId: string): Promise<void> {
  const result = await requestCancel(appDatabase(), runId);
  if (active?.runId === runId) await active.api.cancel();
  if (!result.ok) throw new Error(result.errors[0]?.message);
}

/** The cross-backend check in a worker of its own (it switches backends), ended after. */
export async function checkBackends(backends: BackendName[], onResult: (result: BackendCheckResult) => void): Promise<BackendCheckResult[]> {
  const worker = newWorker('backend-check');
  const api = wrap<TrainWorkerApi>(worker);
  try {
    return await api.checkBackends(backends, proxy(onResult));
  } finally {
    worker.terminate();
  }
}
