// One optimizer step: forward and backward over each micro-batch, gradients summed, one AdamW
// update. Everything synchronous runs inside tf.tidy, so a failure anywhere leaves no tensor
// behind; only the loss and gradient norm are read back, once per step.
import * as tf from '@tensorflow/tfjs';
import type { ForwardOptions, Gpt, LossRows } from '../model/gpt';
import type { AdamW } from './adamw';

export interface StepOutcome {
  /** Mean cross-entropy over the weighted positions of all micro-batches. */
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

export interface StepInput {
  model: Gpt;
  optimizer: AdamW;
  microBatches: readonly LossRows[];
  learningRate: number;
  /** 1-based optimizer step (bias correction), also the dropout seed's step. */
  step: number;
  dropoutSeed?: number;
}

/** Sum of the loss weights of all micro-batches: the step's loss is a mean over those positions. */
export function totalWeight(microBatches: readonly LossRows[]): number {
  let total = 0;
  for (const rows of microBatches) for (const w of rows.weights) total += w;
  return total;
}

/**
 * Inside a tidy: Σ of the micro-batches' losses (each divided by the whole step's weight) and
 * their summed gradients, one per model variable. Options per micro-batch k come from `options`.
 */
function accumulateGradients(model: Gpt, microBatches: readonly LossRows[], options: (k: number) => ForwardOptions = () => ({})): { loss: tf.Scalar; gradients: tf.Tensor[] } {
  const normalizer = totalWeight(microBatches);
  if (normalizer <= 0) throw new Error('a step needs at least one position with a loss weight');
  let loss: tf.Scalar = tf.scalar(0);
  let gradients: tf.Tensor[] = [];
  microBatches.forEach((rows, k) => {
    const { value, grads } = tf.variableGrads(() => model.loss(rows, normalizer, options(k)), model.variables);
    const ordered = model.variables.map((variable) => grads[variable.name] as tf.Tensor);
    gradients = k === 0 ? ordered : gradients.map((sum, i) => tf.add(sum, ordered[i] as tf.Tensor));
    loss = tf.add(loss, value);
  });
  return { loss, gradients };
}

/** Reads a [loss, gradient norm] pair back and disposes it. */
async function readOutcome([loss, norm]: tf.Scalar[]): Promise<StepOutcome> {
  try {
    const [lossValue, normValue] = await Promise.all([(loss as tf.Scalar).data(), (norm as tf.Scalar).data()]);
    return { loss: lossValue[0] as number, gradNorm: normValue[0] as number };
  } finally {
    tf.dispose([loss as tf.Scalar, norm as tf.Scalar]);
  }
}

export async function trainStep(input: StepInput): Promise<StepOutcome> {
  const { model, optimizer, microBatches, learningRate, step } = input;
  const dropoutSeed = (k: number): ForwardOptions => ({ training: true, dropoutSeed: (input.dropoutSeed ?? 0) * 1_000_003 + step * 1_009 + k });
  return readOutcome(tf.tidy(() => {
    const { loss, gradients } = accumulateGradients(model, microBatches, dropoutSeed);
    return [loss, optimizer.apply(gradients, learningRate, step)];
  }));
}

/** Loss and global gradient norm for `microBatches`, without updating anything (for checks). */
export async function lossAndGradientNorm(model: Gpt, microBatches: readonly LossRows[]): Promise<StepOutcome> {
  return readOutcome(tf.tidy(() => {
    const { loss, gradients } = accumulateGradients(model, microBatches);
    const squares = gradients.reduce<tf.Scalar>((sum, g) => tf.add(sum, tf.sum(tf.square(g))), tf.scalar(0));
    return [loss, tf.sqrt(squares)];
  }));
}

/** Mean weighted loss over `microBatches` (forward only), e.g. a held-out loss. */
export async function meanLoss(model: Gpt, microBatches: readonly LossRows[]): Promise<number> {
  const normalizer = totalWeight(microBatches);
  const loss = tf.tidy(() => microBatches.reduce<tf.Scalar>((sum, rows) => tf.add(sum, model.loss(rows, normalizer)), tf.scalar(0)));
  try {
    return (await loss.data())[0] as number;
  } finally {
    loss.dispose();
  }
}
