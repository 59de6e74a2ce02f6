// The GPT: a decoder-only transformer in the nanoGPT mould, written with TensorFlow.js core ops
// (never tf.layers). Owns the parameter names and shapes, their deterministic initialization from
// config.seed, the forward pass to logits and the masked next-token loss. Must never read tensors
// back except in readWeights(), and never touch storage: weights leave as named Float32Arrays.
//
// Shapes: B batch rows, T positions (≤ context), C = dim, H heads, V = vocab_size.
//   ids (B, T) ─ one-hot (B·T, V) @ wte (V, C) + wpe[:T] (T, C)        x (B·T, C)
//   × layers:  x += attn.c_proj( attention( attn.c_attn( ln_1(x) ) ) )  (B·T, 3C) -> (B·T, C)
//              x += mlp.c_proj( gelu( mlp.c_fc( ln_2(x) ) ) )           (B·T, 4C) -> (B·T, C)
//   ln_f(x) @ lm_head (C, V) + bias                                      logits (B·T, V)
// Weight matrices are stored (in, out), GPT-2 style; see PARAMETER NAMES in checkpoint.ts.
// Generation (generate.ts) runs prefill() once over the prompts, which is logits() keeping every
// layer's keys and values, then decodeStep() per new token: one position per row against that
// cache, with explicit positions and a key mask so rows of different lengths share a batch.
import * as tf from '@tensorflow/tfjs';
import seedrandom from 'seedrandom';
import type { GptConfig } from './config';
import { addPositions, causalSelfAttention, embed, gelu, layerNorm, linear, weightedCrossEntropy } from './ops';
import { geluForward, layerNormForward, linearForward } from './inference-ops';

export type NamedWeights = Record<string, Float32Array>;

type Initializer = { kind: 'normal'; std: number } | { kind: 'zeros' } | { kind: 'ones' };
export interface ParameterSpec {
  name: string;
  shape: number[];
  init: Initializer;
  /** AdamW decays weight matrices and embeddings, never biases or LayerNorm parameters. */
  decay: boolean;
}

const INIT_STD = 0.02;

/** Every parameter, in a fixed order (the order of checkpoints and of the optimizer's state). */
export function parameterSpecs(config: GptConfig): ParameterSpec[] {
  const { vocab_size: V, context: T, dim: C, layers } = config;
  const residualStd = INIT_STD / Math.sqrt(2 * layers); // GPT-2: scale projections into the residual
  const matrix = (name: string, rows: number, cols: number, std = INIT_STD): ParameterSpec => ({ name, shape: [rows, cols], init: { kind: 'normal', std }, decay: true });
  const bias = (name: string, size: number): ParameterSpec => ({ name, shape: [size], init: { kind: 'zeros' }, decay: false });
  const norm = (name: string): ParameterSpec[] => [
    { name: `${name}.weight`, shape: [C], init: { kind: 'ones' }, decay: false },
    bias(`${name}.bias`, C),
  ];
  const specs: ParameterSpec[] = [matrix('wte.weight', V, C), matrix('wpe.weight', T, C)];
  for (let i = 0; i < layers; i++) {
    specs.push(
      ...norm(`h.${i}.ln_1`),
      matrix(`h.${i}.attn.c_attn.weight`, C, 3 * C), bias(`h.${i}.attn.c_attn.bias`, 3 * C),
      matrix(`h.${i}.attn.c_proj.weight`, C, C, residualStd), bias(`h.${i}.attn.c_proj.bias`, C),
      ...norm(`h.${i}.ln_2`),
      matrix(`h.${i}.mlp.c_fc.weight`, C, 4 * C), bias(`h.${i}.mlp.c_fc.bias`, 4 * C),
      matrix(`h.${i}.mlp.c_proj.weight`, 4 * C, C, residualStd), bias(`h.${i}.mlp.c_proj.bias`, C),
    );
  }
  specs.push(...norm('ln_f'), matrix('lm_head.weight', C, V), bias('lm_head.bias', V));
  return specs;
}

/** Deterministic initial values: each parameter draws from its own stream seeded by seed/name. */
export function initialWeights(config: GptConfig): NamedWeights {
  const weights: NamedWeights = {};
  for (const spec of parameterSpecs(config)) {
    const values = new Float32Array(spec.shape.reduce((a, b) => a * b, 1));
    if (spec.init.kind === 'ones') values.fill(1);
    if (spec.init.kind === 'normal') fillNormal(values, spec.init.std, `${config.seed}/${spec.name}`);
    weights[spec.name] = values;
  }
  return weights;
}

/** Box-Muller normal draws from a seedrandom stream. */
function fillNormal(values: Float32Array, std: number, seed: string): void {
  const uniform = seedrandom(seed);
  for (let i = 0; i < values.length; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - uniform())) * std;
    const angle = 2 * Math.PI * uniform();
    values[i] = radius * Math.cos(angle);
    if (i + 1 < values.length) values[i + 1] = radius * Math.sin(angle);
  }
}

/** One-hot rows (N, V) of token ids, built in JS: tf.oneHot misbehaves on WASM. */
export function oneHotRows(ids: ArrayLike<number>, vocabSize: number, rowValues?: ArrayLike<number>): Float32Array {
  const rows = new Float32Array(ids.length * vocabSize);
  for (let i = 0; i < ids.length; i++) rows[i * vocabSize + (ids[i] as number)] = rowValues ? (rowValues[i] as number) : 1;
  return rows;
}

/** Token ids of B rows of T positions, row-major. */
export interface TokenRows {
  batch: number;
  length: number;
  ids: Int32Array;
}

/** TokenRows plus next-token targets and a loss weight per position. */
export interface LossRows extends TokenRows {
  targets: Int32Array;
  weights: Float32Array;
}

/** One layer's attention keys and values, per row and head: (B·H, L, hd) each. */
export interface LayerKeysValues {
  keys: tf.Tensor3D;
  values: tf.Tensor3D;
}

export interface ForwardOptions {
  /** Dropout on (only when config.dropout > 0); its masks are seeded by dropoutSeed. */
  training?: boolean;
  dropoutSeed?: number;
}

/** The keys and values of packed qkv (B·T, 3C), per row and head: two (B·H, T, hd). */
function headKeysValues(qkv: tf.Tensor2D, batch: number, length: number, heads: number): LayerKeysValues {
  const headDim = qkv.shape[1] / 3 / heads;
  const headMajor = tf.transpose(tf.reshape(qkv, [batch, length, 3 * heads, headDim]), [0, 2, 1, 3]); // (B, 3H, T, hd)
  const [keys, values] = [1, 2].map((j) => tf.reshape(tf.slice(headMajor, [0, j * heads, 0, 0], [batch, heads, length, headDim]), [batch * heads, length, headDim]) as tf.Tensor3D);
  return { keys: keys as tf.Tensor3D, values: values as tf.Tensor3D };
}

export class Gpt {
  readonly variables: tf.Variable[];
  private readonly byName = new Map<string, tf.Variable>();

  private constructor(readonly config: GptConfig, readonly specs: ParameterSpec[], weights: NamedWeights) {
    this.variables = specs.map((spec) => {
      const values = weights[spec.name];
      if (values === undefined) throw new Error(`missing weight ${spec.name}`);
      const initial = tf.tensor(values, spec.shape, 'float32');
      const variable = tf.variable(initial, true); // shares the buffer: the handle must go
      initial.dispose();
      this.byName.set(spec.name, variable);
      return variable;
    });
  }

  /** A freshly initialized model (deterministic in config.seed). */
  static create(config: GptConfig): Gpt {
    return new Gpt(config, parameterSpecs(config), initialWeights(config));
  }

  /** A model holding `weights` (checked with validateWeights in checkpoint.ts beforehand). */
  static fromWeights(config: GptConfig, weights: NamedWeights): Gpt {
    return new Gpt(config, parameterSpecs(config), weights);
  }

  private p(name: string): tf.Variable {
    const variable = this.byName.get(name);
    if (variable === undefined) throw new Error(`no parameter ${name}`);
    return variable;
  }

  /** Logits (B·T, V) of the next token at every position. */
  logits(rows: TokenRows, options: ForwardOptions = {}): tf.Tensor2D {
    return this.forward(rows, options, null);
  }

  /**
   * The prompt pass of cached generation: the logits (B·T, V) that logits() gives, and every
   * layer's keys and values (B·H, T, hd) to decode from. Rows are right-padded, so a row's real
   * positions never attend to its padding (the causal mask), and decodeStep masks the padding out.
   */
  prefill(rows: TokenRows): { logits: tf.Tensor2D; cache: LayerKeysValues[] } {
    const cache: LayerKeysValues[] = [];
    const logits = this.forward(rows, {}, cache);
    return { logits, cache };
  }

  private forward(rows: TokenRows, options: ForwardOptions, cache: LayerKeysValues[] | null): tf.Tensor2D {
    const { batch: B, length: T } = rows;
    const { vocab_size: V, dim: C, layers, heads, context } = this.config;
    if (T > context) throw new RangeError(`sequence length ${T} exceeds the context ${context}`);
    let dropoutSite = 0;
    const dropout = (x: tf.Tensor2D): tf.Tensor2D => {
      dropoutSite += 1;
      if (!options.training || this.config.dropout === 0) return x;
      return tf.dropout(x, this.config.dropout, undefined, `${options.dropoutSeed ?? 0}/${dropoutSite}`) as tf.Tensor2D;
    };
    const oneHot = tf.tensor2d(oneHotRows(rows.ids, V), [B * T, V]);
    const tokens = embed(oneHot, this.p('wte.weight') as tf.Tensor2D); //                         (B·T, C)
    const table = T === context ? this.p('wpe.weight') : tf.slice(this.p('wpe.weight'), [0, 0], [T, C]);
    const positions = tf.reshape(table, [T * C]) as tf.Tensor1D; //                                   (T·C)
    let x = dropout(tf.reshape(addPositions(tf.reshape(tokens, [B, T * C]), positions), [B * T, C]));
    for (let i = 0; i < layers; i++) {
      const block = `h.${i}`;
      const qkv = this.linear(this.norm(x, `${block}.ln_1`), `${block}.attn.c_attn`); //            (B·T, 3C)
      if (cache) cache.push(headKeysValues(qkv, B, T, heads));
      const attended = causalSelfAttention(qkv, B, T, heads);
      x = tf.add(x, dropout(this.linear(attended, `${block}.attn.c_proj`))); //                    (B·T, C)
      const hidden = gelu(this.linear(this.norm(x, `${block}.ln_2`), `${block}.mlp.c_fc`)) as tf.Tensor2D; // (B·T, 4C)
      x = tf.add(x, dropout(this.linear(hidden, `${block}.mlp.c_proj`))); //                       (B·T, C)
    }
    return this.linear(this.norm(x, 'ln_f'), 'lm_head'); //                                         (B·T, V)
  }

  /**
   * One new token per row on top of `cache` (L positions per row): token ids and their positions
   * (B), and an additive key mask (B, L + 1) over the cached positions then the new one: 0 to
   * attend, -1e9 for padding. Returns the next-token logits (B, V) and the cache grown to L + 1
   * (new tensors; `cache` is left alone). Every product is a plain 2-D matMul or an elementwise
   * product and a sum over the last axes, so no batched or transposed products are needed.
   */
  decodeStep(ids: Int32Array, positions: Int32Array, keyMask: Float32Array, cache: readonly LayerKeysValues[]): { logits: tf.Tensor2D; cache: LayerKeysValues[] } {
    const B = ids.length;
    const { vocab_size: V, dim: C, layers, heads: H, context } = this.config;
    const headDim = C / H;
    const L = (cache[0] as LayerKeysValues).keys.shape[1] + 1;
    if (positions.some((p) => p >= context)) throw new RangeError(`a position exceeds the context ${context}`);
    const tokens = tf.matMul(tf.tensor2d(oneHotRows(ids, V), [B, V]), this.p('wte.weight')); //          (B, C)
    let x = tf.add(tokens, tf.matMul(tf.tensor2d(oneHotRows(positions, context), [B, context]), this.p('wpe.weight'))) as tf.Tensor2D;
    const mask = tf.tensor3d(keyMask, [B, 1, L]);
    const grown: LayerKeysValues[] = [];
    for (let i = 0; i < layers; i++) {
      const block = `h.${i}`;
      const qkv = this.affine(this.normalize(x, `${block}.ln_1`), `${block}.attn.c_attn`); //        (B, 3C)
      const [q, k, v] = [0, 1, 2].map((j) => tf.reshape(tf.slice(qkv, [0, j * C], [B, C]), [B * H, 1, headDim]));
      const past = cache[i] as LayerKeysValues;
      const keys = tf.concat([past.keys, k as tf.Tensor3D], 1); //                                 (B·H, L, hd)
      const values = tf.concat([past.values, v as tf.Tensor3D], 1); //                             (B·H, L, hd)
      const scores = tf.sum(tf.mul(tf.mul(q as tf.Tensor3D, 1 / Math.sqrt(headDim)), keys), 2); //  (B·H, L)
      const probabilities = tf.softmax(tf.add(tf.reshape(scores, [B, H, L]), mask)); //           (B, H, L)
      const y = tf.sum(tf.mul(tf.reshape(probabilities, [B * H, L, 1]), values), 1); //          (B·H, hd)
      x = tf.add(x, this.affine(tf.reshape(y, [B, C]), `${block}.attn.c_proj`)); //               (B, C)
      const hidden = geluForward(this.affine(this.normalize(x, `${block}.ln_2`), `${block}.mlp.c_fc`)); // (B, 4C)
      x = tf.add(x, this.affine(hidden, `${block}.mlp.c_proj`));
      grown.push({ keys, values });
    }
    return { logits: this.affine(this.normalize(x, 'ln_f'), 'lm_head'), cache: grown }; //              (B, V)
  }

  /**
   * Σ weight · cross-entropy of the targets, divided by `normalizer` (by default the sum of the
   * weights, i.e. the mean over weighted positions). Positions of weight 0 do not count at all.
   */
  loss(rows: LossRows, normalizer?: number, options: ForwardOptions = {}): tf.Scalar {
    const { batch: B, length: T, targets, weights } = rows;
    const V = this.config.vocab_size;
    const total = normalizer ?? weights.reduce((sum, w) => sum + w, 0);
    const scaled = weights.map((w) => (total > 0 ? w / total : 0));
    const weightedTargets = tf.tensor2d(oneHotRows(targets, V, scaled), [B * T, V]);
    const rowWeights = tf.tensor2d(scaled, [B * T, 1]);
    return weightedCrossEntropy(this.logits(rows, options), weightedTargets, rowWeights);
  }

  private linear(x: tf.Tensor2D, name: string): tf.Tensor2D {
    return linear(x, this.p(`${name}.weight`) as tf.Tensor2D, this.p(`${name}.bias`) as tf.Tensor1D);
  }

  private norm(x: tf.Tensor2D, name: string): tf.Tensor2D {
    return layerNorm(x, this.p(`${name}.weight`) as tf.Tensor1D, this.p(`${name}.bias`) as tf.Tensor1D);
  }

  /** linear() without a custom gradient, for decoding. */
  private affine(x: tf.Tensor2D, name: string): tf.Tensor2D {
    return linearForward(x, this.p(`${name}.weight`) as tf.Tensor2D, this.p(`${name}.bias`) as tf.Tensor1D);
  }

  /** norm() without a custom gradient, for decoding. */
  private normalize(x: tf.Tensor2D, name: string): tf.Tensor2D {
    return layerNormForward(x, this.p(`${name}.weight`) as tf.Tensor1D, this.p(`${name}.bias`) as tf.Tensor1D);
  }

  /** A copy of every weight, by name, in parameterSpecs order. */
  async readWeights(): Promise<NamedWeights> {
    const weights: NamedWeights = {};
    for (const [k, spec] of this.specs.entries()) weights[spec.name] = ((await (this.variables[k] as tf.Variable).data()) as Float32Array).slice();
    return weights;
  }

  dispose(): void {
    for (const variable of this.variables) variable.dispose();
  }
}
