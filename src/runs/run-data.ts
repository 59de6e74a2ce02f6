// A run's data from its dataset build: which trace ids train and which are held out (the build's
// eval split; none without a split), the traces rendered as prompt/completion pairs with the
// prompt_completion renderer (the same text the export writes), and the fixed sample prompt.
// Pure: the caller reads the traces; a trace the store lost is counted, never invented.
import type { DatasetManifest } from '../datasets/types';
import { renderPromptCompletionRecord } from '../export/renderers';
import type { StoredTrace } from '../traces/types';
import type { PromptCompletion } from '../train/data';

export interface RunTraceIds {
  train: string[];
  heldout: string[];
}

/** The build's train and eval split ids, or every id for training when it has no split. */
export function runTraceIds(manifest: Pick<DatasetManifest, 'trace_ids' | 'split'>): RunTraceIds {
  if (manifest.split) return { train: manifest.split.train_ids.slice(), heldout: manifest.split.eval_ids.slice() };
  return { train: manifest.trace_ids.slice(), heldout: [] };
}

export interface RenderedExamples {
  examples: PromptCompletion[];
  /** Ids whose trace the store no longer has. */
  missing: string[];
}

/** Renders `traces` (aligned with `ids`, undefined where missing) in id order. */
export function renderExamples(ids: readonly string[], traces: readonly (StoredTrace | undefined)[], systemInstruction = ''): RenderedExamples {
  const examples: PromptCompletion[] = [];
  const missing: string[] = [];
  ids.forEach((id, k) => {
    const trace = traces[k];
    if (trace === undefined) missing.push(id);
    else examples.push(renderPromptCompletionRecord(trace, { systemInstruction }));
  });
  return { examples, missing };
}

/**
 * The prompt samples are generated from: the first held-out example that `fits` (the model's
 * context), else the first such training example; null when none fits.
 */
export function samplePrompt(heldout: readonly PromptCompletion[], train: readonly PromptCompletion[], fits: (example: PromptCompletion) => boolean = () => true): string | null {
  return (heldout.find(fits) ?? train.find(fits))?.prompt ?? null;
}
