// Greedy decoding for the learnability experiments (bench/learn.ts), two ways: `uncachedGreedy`
// runs Gpt.logits over the whole prefix for every new token (the reference), and `cachedGreedy`
// re-implements the same forward pass with forward-only tf ops and a key/value cache per layer,
// so each new token costs one position. Rows of a cached batch share one prompt length (the
// caller groups them). A bench helper, not the app's generator (src/model/generate.ts owns that);
// learn.ts checks the two give identical tokens before trusting the cached one.
import * as tf from '@tensorflow/tfjs';
import type { Gpt } from '../src/model/gpt';
import { END_OF_TURN_ID, EOS_ID } from '../src/model/tokenizer';

export interface Decoded {
  ids: number[];
}

function stops(token: number): boolean {
  return token === END_OF_TURN_ID || token === EOS_ID;
}

/** The reference: every step re-runs the whole (right-padded) prefix through Gpt.logits. */
export async function uncachedGreedy(model: Gpt, prompts: number[][], maxNew: number): Promise<Decoded[]> {
  const context = model.config.context;
  const rows = prompts.map((row) => row.slice());
  const generated: number[][] = prompts.map(() => []);
  const active = new Set(rows.map((row, i) => (row.length < context ? i : -1)).filter((i) => i >= 0));
  for (let t = 0; t < maxNew && active.size > 0; t++) {
    const ids = [...active];
    const length = Math.max(...ids.map((i) => (rows[i] as number[]).length));
    const flat = new Int32Array(ids.length * length);
    ids.forEach((i, r) => flat.set(rows[i] as number[], r * length));
    const next = tf.tidy(() => {
      const logits = model.logits({ batch: ids.length, length, ids: flat });
      const last = tf.tensor1d(ids.map((i, r) => r * length + (rows[i] as number[]).length - 1), 'int32');
      return tf.argMax(tf.gather(logits, last), 1);
    });
    const chosen = (await next.data()) as Int32Array;
    next.dispose();
    ids.forEach((i, r) => {
      const token = chosen[r] as number;
      if (stops(token)) return void active.delete(i);
      (rows[i] as number[]).push(token);
      (generated[i] as number[]).push(token);
      if ((rows[i] as number[]).length >= context) active.delete(i);
    });
  }
  return generated.map((ids) => ({ ids }));
}

const GELU_SCALE = 2 * Math.sqrt(2 / Math.PI);

function layerNorm(x: tf.Tensor2D, gain: tf.Tensor, bias: tf.Tensor): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-5))), gain), bias) as tf.Tensor2D;
}

/**
 * Greedy decoding with a key/value cache for rows of equal prompt length: a prefill over the
 * prompts, then one position per new token. Same arithmetic as Gpt.logits (gpt.ts).
 */
export async function cachedGreedy(model: Gpt, prompts: number[][], maxNew: number): Promise<Decoded[]> {
  const { context, heads: H, dim: C, layers } = model.config;
  const hd = C / H;
  const B = prompts.length;
  const P = (prompts[0] as number[]).length;
  if (prompts.some((row) => row.length !== P)) throw new Error('cachedGreedy: rows must share one prompt length');
  const w = new Map(model.specs.map((spec, k) => [spec.name, model.variables[k] as tf.Tensor]));
  const p = (name: string) => w.get(name) as tf.Tensor;
  const linear = (x: tf.Tensor2D, name: string) => tf.add(tf.matMul(x, p(`${name}.weight`) as tf.Tensor2D), p(`${name}.bias`)) as tf.Tensor2D;
  // (B·T, C) -> (B, H, T, hd)
  const heads = (x: tf.Tensor2D, T: number) => tf.transpose(tf.reshape(x, [B, T, H, hd]), [0, 2, 1, 3]);
  let cache: { k: tf.Tensor4D; v: tf.Tensor4D }[] = [];
  /** Logits (B, V) of the last of T new positions starting at `start`; extends the cache. */
  const step = (ids: number[], start: number, T: number): tf.Tensor2D => tf.tidy(() => {
    const idTensor = tf.tensor1d(ids, 'int32');
    const positions = tf.tensor1d(Array.from({ length: B * T }, (_, k) => start + (k % T)), 'int32');
    let x = tf.add(tf.gather(p('wte.weight'), idTensor), tf.gather(p('wpe.weight'), positions)) as tf.Tensor2D; // (B·T, C)
    const next: { k: tf.Tensor4D; v: tf.Tensor4D }[] = [];
    for (let l = 0; l < layers; l++) {
      const qkv = linear(layerNorm(x, p(`h.${l}.ln_1.weight`), p(`h.${l}.ln_1.bias`)), `h.${l}.attn.c_attn`);
      const [q, k, v] = tf.split(qkv, 3, 1).map((part) => heads(part as tf.Tensor2D, T)) as tf.Tensor4D[];
      const keys = (l < cache.length ? tf.concat([cache[l]!.k, k!], 2) : k!) as tf.Tensor4D; // (B, H, S, hd)
      const values = (l < cache.length ? tf.concat([cache[l]!.v, v!], 2) : v!) as tf.Tensor4D;
      next.push({ k: tf.keep(keys), v: tf.keep(values) });
      const S = start + T;
      const mask = new Float32Array(T * S);
      for (let i = 0; i < T; i++) mask.fill(-1e9, i * S + start + i + 1, (i + 1) * S);
      const scores = tf.add(tf.mul(tf.matMul(q!, keys, false, true), 1 / Math.sqrt(hd)), tf.tensor2d(mask, [T, S]));
      const y = tf.matMul(tf.softmax(scores), values); // (B, H, T, hd)
      const merged = tf.reshape(tf.transpose(y, [0, 2, 1, 3]), [B * T, C]) as tf.Tensor2D;
      x = tf.add(x, linear(merged, `h.${l}.attn.c_proj`)) as tf.Tensor2D;
      const hidden = linear(layerNorm(x, p(`h.${l}.ln_2.weight`), p(`h.${l}.ln_2.bias`)), `h.${l}.mlp.c_fc`);
      const gate = tf.sigmoid(tf.mul(tf.mul(hidden, tf.add(tf.mul(tf.square(hidden), 0.044715), 1)), GELU_SCALE));
      x = tf.add(x, linear(tf.mul(hidden, gate) as tf.Tensor2D, `h.${l}.mlp.c_proj`)) as tf.Tensor2D;
    }
    tf.dispose(cache.flatMap((c) => [c.k, c.v]));
    cache = next;
    const last = tf.gather(x, tf.tensor1d(Array.from({ length: B }, (_, b) => b * T + T - 1), 'int32')) as tf.Tensor2D;
    return linear(layerNorm(last, p('ln_f.weight'), p('ln_f.bias')), 'lm_head');
  });
  const generated: number[][] = prompts.map(() => []);
  const done = new Array<boolean>(B).fill(P >= context);
  let logits: tf.Tensor2D | null = null;
  try {
    if (P >= context) return generated.map((ids) => ({ ids }));
    logits = step(prompts.flat(), 0, P);
    for (let t = 0; t < maxNew && P + t < context; t++) {
      const best = tf.argMax(logits, 1);
      logits.dispose();
      logits = null;
      const chosen = Array.from((await best.data()) as Int32Array);
      best.dispose();
      chosen.forEach((token, b) => {
        if (done[b]) return;
        if (stops(token)) done[b] = true;
        else (generated[b] as number[]).push(token);
        if (P + t + 1 >= context) done[b] = true;
      });
      if (done.every(Boolean) || P + t + 1 >= context) break;
      logits = step(chosen, P + t, 1);
    }
  } finally {
    logits?.dispose();
    tf.dispose(cache.flatMap((c) => [c.k, c.v]));
  }
  return generated.map((ids) => ({ ids }));
}
