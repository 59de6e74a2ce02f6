// Data-parallel gradients across workers: a GradientPeer computes the gradients of some rows of
// a step on its own tfjs backend (another worker, so another core: the WASM backend runs one
// thread), from the weights the trainer sends with every request. The trainer splits each
// micro-batch's rows between itself and its peers and sums what comes back, so a step with peers
// equals the same step computed alone up to float summation order. This module owns the request
// and result shapes, the row split, flat weights, and the peer side (GradientWorker); the worker
// or thread that hosts a GradientWorker, and the messaging, belong to the caller.
import * as tf from '@tensorflow/tfjs';
import type { GptConfig } from '../model/config';
import { Gpt, parameterSpecs } from '../model/gpt';
import type { ForwardOptions, LossRows, NamedWeights } from '../model/gpt';

export interface GradientRequest {
  config: GptConfig;
  /** Every parameter, flat in parameterSpecs order. */
  weights: Float32Array;
  /** Row blocks (one per micro-batch) with at least one row each. */
  rows: LossRows[];
  /** The loss weight of the whole step: every part divides by the same total. */
  normalizer: number;
  /** Forward options (dropout) per row block. */
  options: ForwardOptions[];
}

export interface GradientResult {
  /** Σ over the blocks of Σ weight · CE / normalizer. */
  loss: number;
  /** The gradient, flat in parameterSpecs order. */
  gradients: Float32Array;
}

export interface GradientPeer {
  computeGradients(request: GradientRequest): Promise<GradientResult>;
}

/** Sum of the loss weights of all micro-batches: the step's loss is a mean over those positions. */
export function totalWeight(microBatches: readonly LossRows[]): number {
  let total = 0;
  for (const rows of microBatches) for (const w of rows.weights) total += w;
  return total;
}

/**
 * Inside a tidy: Σ of the micro-batches' losses (each divided by `normalizer`, by default their
 * total weight) and their summed gradients, one per model variable. Options per micro-batch k
 * come from `options`.
 */
export function accumulateGradients(model: Gpt, microBatches: readonly LossRows[], options: (k: number) => ForwardOptions = () => ({}), normalizer = totalWeight(microBatches)): { loss: tf.Scalar; gradients: tf.Tensor[] } {
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

/** Splits rows (B, T) into `parts` blocks of consecutive rows, as equal as can be; empty blocks are dropped. */
export function splitBatchRows(rows: LossRows, parts: number): LossRows[] {
  const blocks: LossRows[] = [];
  let start = 0;
  for (let part = 0; part < parts; part++) {
    const count = Math.floor(rows.batch / parts) + (part < rows.batch % parts ? 1 : 0);
    const [from, to] = [start * rows.length, (start + count) * rows.length];
    blocks.push({ batch: count, length: rows.length, ids: rows.ids.slice(from, to), targets: rows.targets.slice(from, to), weights: rows.weights.slice(from, to) });
    start += count;
  }
  return blocks;
}

/** All of a model's weights as one flat tensor, parameterSpecs order (caller disposes). */
export function flatWeights(model: Gpt): tf.Tensor1D {
  return tf.tidy(() => tf.concat(model.variables.map((v) => tf.reshape(v, [-1]))) as tf.Tensor1D);
}

/** The peer side: one model, reloaded from each request's weights. Host it in a worker. */
export class GradientWorker {
  private model: Gpt | null = null;
  private configKey = '';

  async computeGradients(request: GradientRequest): Promise<GradientResult> {
    const model = this.modelFor(request.config);
    const total = model.variables.reduce((sum, v) => sum + v.size, 0);
    if (total !== request.weights.length) throw new RangeError(`expected ${total} weights, got ${request.weights.length}`);
    tf.tidy(() => {
      let offset = 0;
      for (const variable of model.variables) {
        variable.assign(tf.tensor(request.weights.subarray(offset, offset + variable.size), variable.shape, 'float32'));
        offset += variable.size;
      }
    });
    const [loss, flat] = tf.tidy(() => {
      const { loss, gradients } = accumulateGradients(model, request.rows, (k) => request.options[k] ?? {}, request.normalizer);
      return [loss, tf.concat(gradients.map((g) => tf.reshape(g, [-1])))];
    });
    try {
      const [lossValue, gradients] = await Promise.all([(loss as tf.Tensor).data(), (flat as tf.Tensor).data()]);
      return { loss: lossValue[0] as number, gradients: gradients as Float32Array };
    } finally {
      tf.dispose([loss as tf.Tensor, flat as tf.Tensor]);
    }
  }

  private modelFor(config: GptConfig): Gpt {
    const key = JSON.stringify(config);
    if (this.model === null || key !== this.configKey) {
      this.model?.dispose();
      const placeholders = parameterSpecs(config).map((spec) => [spec.name, new Float32Array(spec.shape.reduce((a, b) => a * b, 1))]);
      this.model = Gpt.fromWeights(config, Object.fromEntries(placeholders) as NamedWeights);
      this.configKey = key;
    }
    return this.model;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}
