// One optimizer step: forward and backward over each micro-batch (optionally shared with peer
// workers, see gradients.ts), gradients summed, one AdamW update. Everything synchronous runs inside tf.tidy, so a failure anywhere leaves no tensor
// behind; only the loss and gradient norm are read back, once per step.
import * as tf from '@tensorflow/tfjs';
import type { ForwardOptions, Gpt, LossRows } from '../model/gpt';
import type { AdamW } from './adamw';
import { accumulateGradients, flatWeights, splitBatchRows, totalWeight } from './gradients';
import type { GradientPeer, GradientResult } from './gradients';

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
  /** Other workers that compute part of each micro-batch's rows (see gradients.ts). */
  peers?: readonly GradientPeer[];
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
  const peers = input.peers ?? [];
  const training = (k: number, part = 0): ForwardOptions => ({ training: true, dropoutSeed: (input.dropoutSeed ?? 0) * 1_000_003 + step * 1_009 + k * 31 + part });
  if (peers.length === 0) {
    return readOutcome(tf.tidy(() => {
      const { loss, gradients } = accumulateGradients(model, microBatches, training);
      return [loss, optimizer.apply(gradients, learningRate, step)];
    }));
  }
  return trainStepWithPeers(input, peers, training);
}

/**
 * The step split across this worker and its peers: part 0 of every micro-batch's rows here, part
 * j + 1 on peer j, all started before this worker computes its own part.
 */
async function trainStepWithPeers(input: StepInput, peers: readonly GradientPeer[], training: (k: number, part: number) => ForwardOptions): Promise<StepOutcome> {
  const { model, optimizer, microBatches, learningRate, step } = input;
  const normalizer = totalWeight(microBatches);
  if (normalizer <= 0) throw new Error('a step needs at least one position with a loss weight');
  const parts = microBatches.map((rows) => splitBatchRows(rows, peers.length + 1));
  const blocksOf = (part: number) => parts.map((split, k) => ({ rows: split[part] as LossRows, options: training(k, part) })).filter((b) => b.rows.batch > 0);
  const weights = flatWeights(model);
  const flat = (await weights.data()) as Float32Array;
  weights.dispose();
  const requests = peers.map((peer, j) => {
    const blocks = blocksOf(j + 1);
    if (blocks.length === 0) return Promise.resolve<GradientResult | null>(null);
    return peer.computeGradients({ config: model.config, weights: flat, rows: blocks.map((b) => b.rows), normalizer, options: blocks.map((b) => b.options) });
  });
  const own = blocksOf(0);
  const [ownLoss, ownGradient] = tf.tidy(() => {
    const { loss, gradients } = accumulateGradients(model, own.map((b) => b.rows), (k) => own[k]?.options ?? {}, normalizer);
    return [loss, tf.concat(gradients.map((g) => tf.reshape(g, [-1])))];
  });
  try {
    const results = (await Promise.all(requests)).filter((r): r is GradientResult => r !== null);
    return await readOutcome(tf.tidy(() => {
      const loss = results.reduce<tf.Tensor>((sum, r) => tf.add(sum, r.loss), ownLoss as tf.Tensor);
      const gradient = results.reduce<tf.Tensor>((sum, r) => tf.add(sum, tf.tensor1d(r.gradients)), ownGradient as tf.Tensor);
      return [loss as tf.Scalar, optimizer.apply(gradient as tf.Tensor1D, learningRate, step)];
    }));
  } finally {
    tf.dispose([ownLoss as tf.Tensor, ownGradient as tf.Tensor]);
  }
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
