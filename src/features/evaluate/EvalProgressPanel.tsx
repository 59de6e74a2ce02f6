// Progress of the evaluations this page runs: the current one's items with counts, tokens and
// time, a Cancel button, and how each queued evaluation ended with a link to it.
import { hrefFor } from '../../app/router';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatCount } from '../../ui/format';
import { cancelEvaluations, evalQueue } from './eval-queue';
import { seconds } from './format';

const ENDED_TEXT = { completed: 'completed', cancelled: 'cancelled (finished items kept)', failed: 'failed' } as const;

export function EvalProgressPanel() {
  const queue = evalQueue.value;
  if (!queue) return null;
  const progress = queue.progress;
  return (
    <section class="notice eval-progress" aria-label="Evaluation progress">
      <h2>{queue.finished ? 'Evaluations finished' : `Evaluating ${queue.label}`}</h2>
      {!queue.finished && (
        <>
          {queue.total > 1 && (
            <p>
              Model {queue.index + 1} of {queue.total}
            </p>
          )}
          <ProgressBar
            label="Items evaluated"
            value={progress?.done ?? 0}
            max={progress?.total ?? 1}
            detail={
              progress
                ? `${formatCount(progress.done)} of ${formatCount(progress.total)} items · ${formatCount(progress.correct)} correct · ${formatCount(progress.tokens)} tokens · ${seconds(progress.elapsed_ms)}`
                : 'loading the model'
            }
          />
          <div class="actions">
            <button type="button" onClick={cancelEvaluations}>
              Cancel
            </button>
          </div>
        </>
      )}
      {queue.ended.length > 0 && (
        <ul aria-label="Finished evaluations">
          {queue.ended.map((end) => (
            <li key={end.id}>
              <a href={hrefFor({ name: 'evaluation', id: end.id })}>{end.label}</a> {ENDED_TEXT[end.status]}
              {end.error && <span class="field-error"> — {end.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
