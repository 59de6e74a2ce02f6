// AdamW (decoupled weight decay, Loshchilov & Hutter) with clipping by global gradient norm, for
// the GPT's variables. The moments live in two flat float32 tensors (one slot per parameter
// value, in parameterSpecs order), so an update is a handful of large ops and the clipping
// scale never leaves the device. Weight decay applies to weight matrices and embeddings
// (wte, wpe, attention, MLP and LM-head weights), never to biases or LayerNorm gains/biases.
// Never reads back anything but the gradient norm the caller asks for.
import * as tf from '@tensorflow/tfjs';
import type { NamedWeights, ParameterSpec } from '../model/gpt';
import type { TrainConfig } from './config';

export type AdamWConfig = Pick<TrainConfig, 'beta1' | 'beta2' | 'epsilon' | 'weight_decay' | 'grad_clip'>;

/** The optimizer's state as plain arrays, by parameter name (storable in IndexedDB). */
export interface AdamWMoments {
  m: NamedWeights;
  v: NamedWeights;
}

/** A non-trainable variable holding `values`; tf.variable shares its initial tensor's buffer, so the handle is disposed. */
function flatVariable(values: Float32Array): tf.Variable {
  const initial = tf.tensor1d(values);
  const variable = tf.variable(initial, false);
  initial.dispose();
  return variable;
}

export class AdamW {
  private readonly m: tf.Variable;
  private readonly v: tf.Variable;
  private readonly decayMask: tf.Tensor1D;
  private readonly sizes: number[];

  constructor(private readonly specs: ParameterSpec[], private readonly variables: tf.Variable[], private readonly config: AdamWConfig, moments?: AdamWMoments) {
    this.sizes = specs.map((spec) => spec.shape.reduce((a, b) => a * b, 1));
    const total = this.sizes.reduce((a, b) => a + b, 0);
    const mask = new Float32Array(total);
    let offset = 0;
    specs.forEach((spec, k) => {
      if (spec.decay) mask.fill(1, offset, offset + (this.sizes[k] as number));
      offset += this.sizes[k] as number;
    });
    this.decayMask = tf.tensor1d(mask);
    this.m = flatVariable(moments ? this.flatten(moments.m, 'm') : new Float32Array(total));
    this.v = flatVariable(moments ? this.flatten(moments.v, 'v') : new Float32Array(total));
  }

  private flatten(named: NamedWeights, label: string): Float32Array {
    const flat = new Float32Array(this.sizes.reduce((a, b) => a + b, 0));
    let offset = 0;
    this.specs.forEach((spec, k) => {
      const values = named[spec.name];
      if (values === undefined || values.length !== this.sizes[k]) throw new Error(`optimizer state ${label}.${spec.name} is missing or has the wrong size`);
      flat.set(values, offset);
      offset += values.length;
    });
    return flat;
  }

  /**
   * One update from `gradients` (one per variable, same order, or already flat in
   * parameterSpecs order), as optimizer step `step`
   * (1-based, for bias correction) at rate `learningRate`. Returns the global gradient norm
   * before clipping, as a scalar the caller must dispose.
   */
  apply(gradients: tf.Tensor[] | tf.Tensor1D, learningRate: number, step: number): tf.Scalar {
    const { beta1, beta2, epsilon, weight_decay: decay, grad_clip: clip } = this.config;
    return tf.tidy(() => {
      const gradient = Array.isArray(gradients) ? tf.concat(gradients.map((g) => tf.reshape(g, [-1]))) : gradients;
      const norm = tf.sqrt(tf.sum(tf.square(gradient)));
      const clipped = clip > 0 ? tf.mul(gradient, tf.minimum(1, tf.div(clip, tf.add(norm, 1e-6)))) : gradient;
      const m = tf.add(tf.mul(this.m, beta1), tf.mul(clipped, 1 - beta1));
      const v = tf.add(tf.mul(this.v, beta2), tf.mul(tf.square(clipped), 1 - beta2));
      // θ ← θ − lr·(m̂ / (√v̂ + ε) + λ·mask·θ),  m̂ = m / (1 − β1ᵗ),  v̂ = v / (1 − β2ᵗ)
      const stepSize = learningRate / (1 - beta1 ** step);
      const denominator = tf.add(tf.sqrt(tf.div(v, 1 - beta2 ** step)), epsilon);
      const params = tf.concat(this.variables.map((p) => tf.reshape(p, [-1])));
      const decayed = tf.sub(params, tf.mul(this.decayMask, params).mul(learningRate * decay));
      const updated = tf.sub(decayed, tf.mul(tf.div(m, denominator), stepSize));
      let offset = 0;
      this.variables.forEach((variable, k) => {
        const size = this.sizes[k] as number;
        variable.assign(tf.reshape(tf.slice(updated, [offset], [size]), variable.shape));
        offset += size;
      });
      this.m.assign(m);
      this.v.assign(v);
      return norm as tf.Scalar;
    });
  }

  async readMoments(): Promise<AdamWMoments> {
    const [m, v] = await Promise.all([this.m.data(), this.v.data()]);
    return { m: this.unflatten(m as Float32Array), v: this.unflatten(v as Float32Array) };
  }

  private unflatten(flat: Float32Array): NamedWeights {
    const named: NamedWeights = {};
    let offset = 0;
    this.specs.forEach((spec, k) => {
      named[spec.name] = flat.slice(offset, offset + (this.sizes[k] as number));
      offset += this.sizes[k] as number;
    });
    return named;
  }

  dispose(): void {
    tf.dispose([this.m, this.v, this.decayMask]);
  }
}
