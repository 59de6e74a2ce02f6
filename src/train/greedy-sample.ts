// A short greedy sample from a fixed prompt, so the Train screen shows the model learning. Full
// recomputation per token (no key/value cache: src/model/generate.ts owns fast generation); fine
// for a few dozen tokens every N steps. Stops at <end_of_turn>, <eos>, max tokens or the context.
// Never disposes or changes the model; reads back one token id per step.
import * as tf from '@tensorflow/tfjs';
import type { Gpt } from '../model/gpt';
import { BOS_ID, END_OF_TURN_ID, EOS_ID } from '../model/tokenizer';
import type { CharTokenizer } from '../model/tokenizer';

export async function greedySample(model: Gpt, tokenizer: CharTokenizer, prompt: string, maxNewTokens: number): Promise<string> {
  const ids = [BOS_ID, ...tokenizer.encode(prompt)];
  const generated: number[] = [];
  const context = model.config.context;
  while (generated.length < maxNewTokens && ids.length < context) {
    const next = tf.tidy(() => {
      const logits = model.logits({ batch: 1, length: ids.length, ids: Int32Array.from(ids) });
      return tf.argMax(tf.slice(logits, [ids.length - 1, 0], [1, -1]), 1);
    });
    const token = (await next.data())[0] as number;
    next.dispose();
    if (token === END_OF_TURN_ID || token === EOS_ID) break;
    ids.push(token);
    generated.push(token);
  }
  return tokenizer.decode(generated);
}
