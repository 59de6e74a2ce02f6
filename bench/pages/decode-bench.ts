// Decode and evaluation benchmark page (driven by scripts/bench.mjs), on the WASM backend:
// greedy decoding of 128 new tokens on the `small` preset with and without the key/value cache,
// alternating the two in one run; and the evaluation runner on the 100 items of eval_v2 with an
// untrained `small` model (which never writes <end_of_turn>, so every item decodes until its
// budget or the context is spent: the slowest case).
import * as tf from '@tensorflow/tfjs';
import evalV2Text from '../../evalsets/eval_v2/data.jsonl?raw';
import { startBackend } from '../../workers/tf-backends';
import { presetConfig } from '../../src/model/config';
import { Gpt } from '../../src/model/gpt';
import { generateTokens, renderGenerationPrompt } from '../../src/model/generate';
import { BOS_ID, CharTokenizer } from '../../src/model/tokenizer';
import { parseEvalSetJsonl } from '../../src/evaluate/evalset';
import { DEFAULT_GENERATION, runEvaluation } from '../../src/evaluate/runner';

const status = document.getElementById('status')!;
const NEW_TOKENS = 128;

export interface DecodeTiming {
  batch: number;
  cached_ms: number[];
  uncached_ms: number[];
  identical: boolean;
}

export interface EvalSpeed {
  items: number;
  ms: number;
  tokens: number;
  correct: number | null;
  prompt_too_long: number;
}

declare global {
  interface Window {
    startWasm(): Promise<string>;
    runDecodeBench(batch: number, rounds: number): Promise<DecodeTiming>;
    runEvalSpeedBench(batchSize: number): Promise<EvalSpeed>;
  }
}

function evalItems() {
  const parsed = parseEvalSetJsonl(evalV2Text);
  if (!parsed.ok) throw new Error('eval_v2 does not validate');
  return parsed.value;
}

/** A character vocabulary of eval_v2 and the trace template (about what a trained run has). */
function benchTokenizer(): CharTokenizer {
  return CharTokenizer.fromTexts([...evalItems().flatMap((item) => [renderGenerationPrompt(item.prompt), item.expected_answer]), 'Reasoning:\n1. Answer: ']);
}

window.startWasm = async () => {
  const choice = await startBackend('wasm');
  if (!choice.ok) throw new Error(`WASM backend: ${choice.errors.map((e) => e.message).join('; ')}`);
  return tf.getBackend();
};

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

window.runDecodeBench = async (batch, rounds) => {
  status.textContent = `decode batch ${batch}`;
  const tokenizer = benchTokenizer();
  const model = Gpt.create(presetConfig('small', tokenizer.vocabSize));
  // BOS alone, so 128 new tokens fill the context of 128 exactly.
  const prompts = Array.from({ length: batch }, () => Int32Array.from([BOS_ID]));
  const decode = (cache: boolean, maxNewTokens = NEW_TOKENS) => generateTokens(model, prompts, { maxNewTokens, cache, stopIds: [] });
  // Warm-up (JIT, XNNPACK operator caches) at full length, untimed.
  await decode(true);
  await decode(false);
  const timing: DecodeTiming = { batch, cached_ms: [], uncached_ms: [], identical: true };
  for (let round = 0; round < rounds; round++) {
    const cached = await timed(() => decode(true));
    const uncached = await timed(() => decode(false));
    if (cached.value.some((row) => row.tokens.length !== NEW_TOKENS)) throw new Error('the cached decode stopped early');
    timing.cached_ms.push(cached.ms);
    timing.uncached_ms.push(uncached.ms);
    timing.identical &&= JSON.stringify(cached.value) === JSON.stringify(uncached.value);
  }
  model.dispose();
  status.textContent = 'done';
  return timing;
};

window.runEvalSpeedBench = async (batchSize) => {
  status.textContent = 'eval';
  const items = evalItems();
  const tokenizer = benchTokenizer();
  const model = Gpt.create(presetConfig('small', tokenizer.vocabSize));
  const { ms, value } = await timed(() => runEvaluation(model, tokenizer, items, { judge: 'normalized', generation: DEFAULT_GENERATION, batchSize }));
  model.dispose();
  status.textContent = 'done';
  return {
    items: items.length,
    ms,
    tokens: value.tokens,
    correct: value.scorecard.n_correct,
    prompt_too_long: value.results.filter((result) => result.stop_reason === 'prompt_too_long').length,
  };
};
status.textContent = 'loaded';
