// The evaluations this page is running: a queue of requests (one per chosen model) run one after
// another in the eval worker, with the current progress in a signal so the Evaluate screen can
// be left and reopened while they run. Cancel stops the current one and drops the rest.
import { signal } from '@preact/signals';
import type { EvalProgress } from '../../evaluate/runner';
import { runEvaluationInWorker } from './eval-client';
import type { EvaluationEnd, EvaluationRequest } from './eval-client';

export interface EvalQueueState {
  /** 0-based index of the request running now. */
  index: number;
  total: number;
  label: string;
  evaluationId: string | null;
  progress: EvalProgress | null;
  ended: EvaluationEnd[];
  finished: boolean;
}

export const evalQueue = signal<EvalQueueState | null>(null);
let controller: AbortController | null = null;

export function isEvaluating(): boolean {
  return evalQueue.value !== null && !evalQueue.value.finished;
}

/** Id of the evaluation this page is running now, if any. */
export function runningEvaluationId(): string | null {
  return isEvaluating() ? (evalQueue.value?.evaluationId ?? null) : null;
}

/**
 * Runs `requests` one after another; resolves with how each ended (in order), or null when
 * evaluations are already running. A run's before/after report is two requests (its untrained
 * start, then its checkpoint) followed by the route { name: 'evaluation_compare', before, after }.
 */
export async function startEvaluations(requests: readonly EvaluationRequest[]): Promise<EvaluationEnd[] | null> {
  if (isEvaluating() || requests.length === 0) return null;
  const abort = (controller = new AbortController());
  const update = (patch: Partial<EvalQueueState>) => (evalQueue.value = { ...(evalQueue.value as EvalQueueState), ...patch });
  evalQueue.value = { index: 0, total: requests.length, label: '', evaluationId: null, progress: null, ended: [], finished: false };
  for (const [index, request] of requests.entries()) {
    if (abort.signal.aborted) break;
    update({ index, label: `${request.model_label} on ${request.evalset.name}`, evaluationId: null, progress: null });
    const end = await runEvaluationInWorker(
      abort.signal,
      request,
      (progress) => update({ progress }),
      (id) => update({ evaluationId: id }),
    );
    update({ ended: [...(evalQueue.value?.ended ?? []), end] });
  }
  update({ finished: true });
  controller = null;
  return evalQueue.value?.ended ?? [];
}

export function cancelEvaluations(): void {
  controller?.abort();
}
