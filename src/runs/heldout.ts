// Held-out loss: the mean next-token loss on the completion tokens of the examples a run does
// not train on (its dataset's eval split), with exactly the masking of training. Examples longer
// than the context are skipped and counted, as in training. Uses tf through the model only; never
// touches storage. Each batch runs in its own tidy, so memory stays one batch deep.
import * as tf from '@tensorflow/tfjs';
import type { Gpt, LossRows } from '../model/gpt';
import type { CharTokenizer } from '../model/tokenizer';
import { encodeExamples, makeLossRows, paddedLength } from '../train/data';
import type { PromptCompletion } from '../train/data';
import { totalWeight } from '../train/gradients';

export interface HeldoutSet {
  batches: LossRows[];
  /** Examples in the batches. */
  examples: number;
  skippedTooLong: number;
}

/** Tokenized, padded batches of the held-out examples (built once per run). */
export function heldoutSet(tokenizer: CharTokenizer, examples: readonly PromptCompletion[], context: number, batchSize = 16, padMultiple = 16): HeldoutSet {
  const encoded = encodeExamples(tokenizer, examples, context);
  const batches: LossRows[] = [];
  for (let start = 0; start < encoded.examples.length; start += batchSize) {
    const chunk = encoded.examples.slice(start, start + batchSize);
    batches.push(makeLossRows(chunk, paddedLength(chunk, padMultiple, context)));
  }
  return { batches, examples: encoded.examples.length, skippedTooLong: encoded.skippedTooLong.length };
}

/** Mean completion loss over every held-out position; null for an empty set. */
export async function heldoutLoss(model: Gpt, set: HeldoutSet): Promise<number | null> {
  const normalizer = totalWeight(set.batches);
  if (normalizer <= 0) return null;
  let total = 0;
  for (const rows of set.batches) {
    const loss = tf.tidy(() => model.loss(rows, normalizer));
    try {
      total += (await loss.data())[0] as number;
    } finally {
      loss.dispose();
    }
  }
  return total;
}
