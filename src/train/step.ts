// One optimizer step: forward and backward over each micro-batch, gradients summed, one AdamW
// update. Everything synchronous runs inside tf.tidy, so a failure anywhere leaves no tensor
// behind; only the loss and gradient norm are read back, once per step.
import * as tf from '@tensorflow/tfjs';
import type { Gpt, LossRows } from '../model/gpt';
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

export async function trainStep(input: StepInput): Promise<StepOutcome> {
  const { model, optimizer, microBatches, learningRate, step } = input;
  const normalizer = totalWeight(microBatches);
  if (normalizer <= 0) throw new Error('a step needs at least one position with a loss weight');
  const [loss, norm] = tf.tidy(() => {
    let lossSum: tf.Scalar = tf.scalar(0);
    let gradients: tf.Tensor[] | null = null;
    microBatches.forEach((rows, k) => {
      const options = { training: true, dropoutSeed: (input.dropoutSeed ?? 0) * 1_000_003 + step * 1_009 + k };
      const { value, grads } = tf.variableGrads(() => model.loss(rows, normalizer, options), model.variables);
      const ordered = model.variables.map((variable) => grads[variable.name] as tf.Tensor);
      gradients = gradients === null ? ordered : gradients.map((sum, i) => tf.add(sum, ordered[i] as tf.Tensor));
      lossSum = tf.add(lossSum, value);
    });
    const gradNorm = optimizer.apply(gradients as unknown as tf.Tensor[], learningRate, step);
    return [lossSum, gradNorm];
  });
  try {
    const [lossValue, normValue] = await Promise.all([loss.data(), norm.data()]);
    return { loss: lossValue[0] as number, gradNorm: normValue[0] as number };
  } finally {
    tf.dispose([loss, norm]);
  }
}

/** Loss and global gradient norm for `microBatches`, without updating anything (for checks). */
export async function lossAndGradientNorm(model: Gpt, microBatches: readonly LossRows[]): Promise<StepOutcome> {
  const normalizer = totalWeight(microBatches);
  const [loss, norm] = tf.tidy(() => {
    let lossSum: tf.Scalar = tf.scalar(0);
    let squares: tf.Scalar = tf.scalar(0);
    const sums = model.variables.map((v) => tf.zerosLike(v));
    for (const rows of microBatches) {
      const { value, grads } = tf.variableGrads(() => model.loss(rows, normalizer), model.variables);
      model.variables.forEach((v, i) => (sums[i] = tf.add(sums[i] as tf.Tensor, grads[v.name] as tf.Tensor)));
      lossSum = tf.add(lossSum, value);
    }
    for (const sum of sums) squares = tf.add(squares, tf.sum(tf.square(sum)));
    return [lossSum, tf.sqrt(squares)];
  });
  try {
    const [lossValue, normValue] = await Promise.all([loss.data(), norm.data()]);
    return { loss: lossValue[0] as number, gradNorm: normValue[0] as number };
  } finally {
    tf.dispose([loss, norm]);
  }
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
