// The Evaluate screen: the new-evaluation form (or what is missing for one), the progress of
// running evaluations, and the list of past evaluations with comparison.
import { EvalProgressPanel } from './EvalProgressPanel';
import { EvaluationForm } from './EvaluationForm';
import { EvaluationList } from './EvaluationList';
import { useEvaluableModels, useEvaluations } from './use-evaluations';

export function EvaluateScreen() {
  const models = useEvaluableModels();
  const evaluations = useEvaluations();
  return (
    <section class="screen evaluate-screen" aria-labelledby="evaluate-title">
      <h1 id="evaluate-title">Evaluate</h1>
      <p class="lede">
        Generate an answer to every item of an eval set with a trained model (or its untrained start) or a shipped base model, judge it, and see the score
        with 95% intervals per section and category. Compare two evaluations to see what changed.
      </p>
      {models === null ? (
        <p aria-live="polite">Loading models…</p>
      ) : models.length === 0 ? (
        <div class="notice">
          <h2>Nothing to evaluate yet</h2>
          <p>
            Evaluation needs a training run with at least one checkpoint (it gives the latest checkpoint and the untrained start of
            the same model), a registered model or a shipped base model (none could be listed). Train a model first; it is listed here once it has saved a checkpoint.
          </p>
        </div>
      ) : (
        <EvaluationForm models={models} />
      )}
      <EvalProgressPanel />
      {evaluations === undefined ? <p aria-live="polite">Loading evaluations…</p> : <EvaluationList evaluations={evaluations} />}
    </section>
  );
}
