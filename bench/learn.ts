// Learnability experiments (issues 7 and 10): fine-tune a GPT on the curriculum corpus rendered
// with the chat template (prompt/completion, as the app trains), from scratch or from a
// pretrained base, with the app's own train(); snapshot the weights along the way; and score
// snapshots on evalsets/eval_v2 with an uncached greedy decoder and the `normalized` judge.
// Node, WASM backend, one thread. The decoder here is deliberately the simplest correct one
// (the whole prefix every token); the app's KV-cached generator lives in src/model/generate.ts.
//   npx tsx bench/learn.ts train --init scratch|<base dir> --steps N --lr X --out <dir> [...]
//   npx tsx bench/learn.ts eval --model <dir>/<snapshot>.safetensors --out <file.json>
//   npx tsx bench/learn.ts probe --model <base>/model.safetensors|<base>/pretrain-state.safetensors
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { baseTokenizer } from '../src/model/base-vocabulary';
import { weightsFromSafetensors, weightsToSafetensors } from '../src/model/checkpoint';
import type { GptConfig } from '../src/model/config';
import { MODEL_PRESETS } from '../src/model/config';
import { Gpt } from '../src/model/gpt';
import { BOS_ID } from '../src/model/tokenizer';
import { cachedGreedy, uncachedGreedy } from './learn-decode';
import type { CharTokenizer } from '../src/model/tokenizer';
import { renderPromptCompletion } from '../src/export/gemma';
import { generateCurriculum } from '../src/generators/curriculum';
import { parseEvalSetJsonl } from '../src/evaluate/evalset';
import { buildScorecard, resultFromGeneration } from '../src/evaluate/scorecard';
import type { EvalItemResult } from '../src/evaluate/scorecard';
import { DEFAULT_TRAIN_CONFIG } from '../src/train/config';
import { DataOrder } from '../src/train/data-order';
import { completionTokens, encodeExamples, makeLossRows, paddedLength } from '../src/train/data';
import type { PromptCompletion } from '../src/train/data';
import { meanLoss } from '../src/train/step';
import { train } from '../src/train/trainer';
import { decodeTrainState } from '../src/train/pretrain';
import { Random } from '../src/generators/random';
import { LOWERCASE } from '../src/generators/vocabulary';

type Args = Map<string, string>;

function parse(argv: string[]): Args {
  const args = new Map<string, string>();
  for (let k = 0; k < argv.length; k += 2) args.set((argv[k] as string).replace(/^--/, ''), argv[k + 1] as string);
  return args;
}

function need(args: Args, key: string, fallback?: string): string {
  const value = args.get(key) ?? fallback;
  if (value === undefined) throw new Error(`learn: --${key} is required`);
  return value;
}

async function startWasm(): Promise<void> {
  const wasmFile = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  setWasmPaths(`${path.dirname(wasmFile)}/`);
  await tf.setBackend('wasm');
}

/** The curriculum corpus in the chat template, as the app renders it for training. */
export function curriculumExamples(count: number, seed: number): PromptCompletion[] {
  return [...generateCurriculum(count, seed)].map((trace) => renderPromptCompletion(trace));
}

/** A model.safetensors, or a pretraining run's state file (pretrain-state.safetensors). */
function loadModelFile(file: string): { config: GptConfig; weights: Record<string, Float32Array> } {
  const bytes = new Uint8Array(readFileSync(file));
  if (path.basename(file).startsWith('pretrain-state')) {
    const { state } = decodeTrainState(bytes);
    return { config: state.model_config, weights: state.weights };
  }
  const loaded = weightsFromSafetensors(bytes);
  if (!loaded.ok) throw new Error(`learn: ${file}: ${loaded.errors[0]?.path} ${loaded.errors[0]?.message}`);
  return loaded.value;
}

async function runTrain(args: Args): Promise<void> {
  const out = need(args, 'out');
  mkdirSync(out, { recursive: true });
  const tokenizer = baseTokenizer();
  const init = need(args, 'init');
  const seed = Number(need(args, 'seed', '1'));
  const examples = curriculumExamples(Number(need(args, 'count', '20000')), Number(need(args, 'data-seed', '7')));
  let modelConfig: GptConfig;
  let initialWeights: Record<string, Float32Array> | undefined;
  if (init === 'scratch') {
    modelConfig = { ...MODEL_PRESETS.small, context: Number(need(args, 'context', '256')), vocab_size: tokenizer.vocabSize, dropout: 0, seed };
  } else {
    const base = loadModelFile(path.join(init, 'model.safetensors'));
    modelConfig = base.config;
    initialWeights = base.weights;
  }
  const steps = Number(need(args, 'steps'));
  const trainConfig = {
    ...DEFAULT_TRAIN_CONFIG,
    learning_rate: Number(need(args, 'lr')),
    warmup_steps: Number(need(args, 'warmup', '30')),
    max_steps: steps,
    batch_size: Number(need(args, 'batch', '8')),
    seed,
    checkpoint_every: 0,
  };
  const snapshotEvery = Number(need(args, 'snapshot-every', String(steps)));
  const heldOutEncoded = encodeExamples(tokenizer, curriculumExamples(64, 1_000_777), modelConfig.context).examples;
  const heldOut = [0, 16, 32, 48].map((k) => makeLossRows(heldOutEncoded.slice(k, k + 16), paddedLength(heldOutEncoded.slice(k, k + 16), 16, modelConfig.context)));
  const log: Record<string, unknown>[] = [];
  let lastLoss = NaN;
  const began = performance.now();
  const outcome = await train({
    start: { kind: 'new', modelConfig, trainConfig, tokenizer, ...(initialWeights ? { initialWeights } : {}) },
    examples,
    inspectEvery: snapshotEvery,
    onStep: (m) => {
      lastLoss = m.loss;
      if (m.step % 25 === 0) console.log(`step ${m.step}/${steps} loss ${m.loss.toFixed(4)} ${m.tokens_per_s.toFixed(0)} pos/s`);
    },
    onInspect: async (model, step) => {
      const weights = await model.readWeights();
      writeFileSync(path.join(out, `step-${String(step).padStart(5, '0')}.safetensors`), weightsToSafetensors(modelConfig, weights));
      const heldOutLoss = await meanLoss(model, heldOut);
      log.push({ step, train_loss: lastLoss, held_out_completion_loss: heldOutLoss, wall_s: (performance.now() - began) / 1000 });
      console.log(`snapshot at step ${step}: held-out completion loss ${heldOutLoss.toFixed(4)}`);
    },
  });
  const counted = countPositions(tokenizer, examples, modelConfig.context, trainConfig.seed, trainConfig.batch_size, outcome.state.step);
  writeFileSync(path.join(out, 'run.json'), `${JSON.stringify({ init, model_config: modelConfig, train_config: trainConfig, data: { generator: 'curriculum', count: examples.length, seed: Number(need(args, 'data-seed', '7')), rendering: 'prompt_completion (gemma chat template)' }, skipped_too_long: outcome.data.skipped_too_long, ...counted, wall_s: (performance.now() - began) / 1000, snapshots: log }, null, 2)}\n`);
  console.log(`done: ${outcome.status} at step ${outcome.state.step}, ${counted.positions} positions, ${counted.completion_tokens} completion tokens`);
}

/** Positions (padded B × T) and completion tokens the trainer processed in `steps` steps. */
function countPositions(tokenizer: CharTokenizer, examples: PromptCompletion[], context: number, seed: number, batch: number, steps: number) {
  const encoded = encodeExamples(tokenizer, examples, context).examples;
  // Same order as the trainer (DataOrder), replayed.
  let positions = 0;
  let completion = 0;
  let cursor = { epoch: 0, index: 0 };
  const order = new DataOrder(encoded.length, seed);
  for (let s = 0; s < steps; s++) {
    const { indices, next } = order.take(cursor, batch);
    cursor = next;
    const rows = indices.map((i) => encoded[i]!);
    positions += rows.length * paddedLength(rows, 16, context);
    completion += rows.reduce((sum, r) => sum + completionTokens(r), 0);
  }
  return { steps, positions, completion_tokens: completion };
}

/** Greedy generations of `prompts`: cached, in groups of equal prompt length. */
async function generate(model: Gpt, tokenizer: CharTokenizer, prompts: string[], maxNew: number): Promise<{ text: string; tokens: number }[]> {
  const encoded = prompts.map((prompt) => [BOS_ID, ...tokenizer.encode(prompt)]);
  const groups = new Map<number, number[]>();
  encoded.forEach((row, i) => groups.set(row.length, [...(groups.get(row.length) ?? []), i]));
  const outputs: { text: string; tokens: number }[] = new Array(prompts.length);
  for (const members of groups.values()) {
    const decoded = await cachedGreedy(model, members.map((i) => encoded[i] as number[]), maxNew);
    members.forEach((i, r) => (outputs[i] = { text: tokenizer.decode(decoded[r]!.ids), tokens: decoded[r]!.ids.length }));
  }
  return outputs;
}

/** Fails loudly unless cached and uncached greedy decoding give the same tokens on these prompts. */
async function checkDecoders(model: Gpt, tokenizer: CharTokenizer, prompts: string[], maxNew: number): Promise<void> {
  const encoded = prompts.map((prompt) => [BOS_ID, ...tokenizer.encode(prompt)]);
  const reference = await uncachedGreedy(model, encoded, maxNew);
  for (const [i, row] of encoded.entries()) {
    const [cached] = await cachedGreedy(model, [row], maxNew);
    if (cached!.ids.join(',') !== reference[i]!.ids.join(',')) throw new Error(`learn: cached decoding differs on prompt ${i}: ${tokenizer.decode(cached!.ids)} vs ${tokenizer.decode(reference[i]!.ids)}`);
  }
  console.log(`cached and uncached greedy decoding agree on ${prompts.length} prompts (${maxNew} new tokens)`);
}

async function runEval(args: Args): Promise<void> {
  const file = need(args, 'model');
  const tokenizer = baseTokenizer();
  const parsed = parseEvalSetJsonl(readFileSync(need(args, 'evalset', 'evalsets/eval_v2/data.jsonl'), 'utf8'));
  if (!parsed.ok) throw new Error(`learn: eval set: ${parsed.errors[0]?.message}`);
  const items = parsed.value;
  let config: GptConfig;
  let weights: Record<string, Float32Array> | undefined;
  if (file.startsWith('untrained:')) {
    config = { ...MODEL_PRESETS.small, context: 256, vocab_size: tokenizer.vocabSize, dropout: 0, seed: Number(file.split(':')[1]) };
  } else ({ config, weights } = loadModelFile(file));
  const model = weights ? Gpt.fromWeights(config, weights) : Gpt.create(config);
  const began = performance.now();
  const maxNew = Number(need(args, 'max-new', '160'));
  const prompts = items.map((item) => renderPromptCompletion({ prompt: item.prompt, steps: [], final_answer: '' }).prompt);
  if (args.has('check')) await checkDecoders(model, tokenizer, prompts.filter((_, i) => i % 17 === 0), Number(args.get('check')));
  const outputs = await generate(model, tokenizer, prompts, maxNew);
  const seconds = (performance.now() - began) / 1000;
  const results: EvalItemResult[] = items.map((item, i) => resultFromGeneration(item, outputs[i]!.text, 'normalized', { latency_ms: 0, tokens: outputs[i]!.tokens }));
  const card = buildScorecard(items, results, 'normalized');
  if (!card.ok) throw new Error('learn: scorecard failed');
  model.dispose();
  const out = need(args, 'out');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ model: file, evalset: 'eval_v2', judge: 'normalized', decode: { greedy: true, cache: 'bench/learn-decode.ts cachedGreedy, checked against uncachedGreedy', max_new_tokens: maxNew }, eval_seconds: seconds, scorecard: card.value, results }, null, 2)}\n`);
  const c = card.value;
  console.log(`${file}: ${c.n_correct}/${c.n_scored} = ${((c.primary_score ?? 0) * 100).toFixed(1)}% [${c.ci95?.map((x) => (x * 100).toFixed(1)).join(', ')}], format ${((c.format_compliance ?? 0) * 100).toFixed(0)}%, ${seconds.toFixed(0)} s`);
  for (const [name, s] of Object.entries(c.by_category)) console.log(`  ${name}: ${s.n_correct}/${s.n_scored}`);
}

/** Plain-text probes in the base corpus's own wordings, with operands drawn from `seed`. */
function probeItems(count: number, seed: number): { family: string; prompt: string; expected: string }[] {
  const random = new Random(seed);
  const items: { family: string; prompt: string; expected: string }[] = [];
  for (let k = 0; k < count; k++) {
    const word = random.letters(LOWERCASE, random.between(3, 5));
    const [a, b] = [random.between(10, 99), random.between(10, 99)];
    items.push(
      { family: 'copy', prompt: `Copy: ${word} -> `, expected: word },
      { family: 'reverse', prompt: `Reverse ${word}: `, expected: Array.from(word).reverse().join('') },
      { family: 'uppercase', prompt: `${word} in capitals is `, expected: `${word.toUpperCase()}.` },
      { family: 'add', prompt: `${a} + ${b} = `, expected: String(a + b) },
      { family: 'add_worked', prompt: `Add: ${a} + ${b}\n`, expected: `Answer: ${a + b}\n` },
      { family: 'larger', prompt: `Larger: ${a} or ${b}\n`, expected: `Answer: ${Math.max(a, b)}\n` },
    );
  }
  return items;
}

/** Can a base model copy, reverse, change case and add? Exact match of greedy continuations. */
async function runProbe(args: Args): Promise<void> {
  const file = need(args, 'model');
  const bytes = new Uint8Array(readFileSync(file));
  const { config, weights } = file.endsWith('pretrain-state.safetensors')
    ? (({ state }) => ({ config: state.model_config, weights: state.weights }))(decodeTrainState(bytes))
    : loadModelFile(file);
  const tokenizer = baseTokenizer();
  const model = Gpt.fromWeights(config, weights);
  const items = probeItems(Number(need(args, 'count', '25')), Number(need(args, 'seed', '424242')));
  const outputs = await generate(model, tokenizer, items.map((item) => item.prompt), 160);
  model.dispose();
  const score = new Map<string, number>();
  items.forEach((item, i) => {
    const text = outputs[i]!.text;
    // Worked sums and comparisons are right when the first answer their steps end in is (digits
    // read up to the first non-digit); the rest must start right.
    const right = item.family === 'add_worked' || item.family === 'larger' ? /Answer: (\d+)/.exec(text)?.[1] === item.expected.replace(/^Answer: |\n$/g, '') : text.startsWith(item.expected);
    if (right) score.set(item.family, (score.get(item.family) ?? 0) + 1);
  });
  const per = Number(need(args, 'count', '25'));
  console.log(`${file}: ${['copy', 'reverse', 'uppercase', 'add', 'add_worked', 'larger'].map((f) => `${f} ${score.get(f) ?? 0}/${per}`).join(', ')}`);
  // --show <family>: every continuation of that family; otherwise the first item of each.
  const show = args.get('show');
  items.forEach((item, i) => {
    if (show === undefined ? i < 6 : item.family === show) console.log(`  ${JSON.stringify(item.prompt)} -> ${JSON.stringify(outputs[i]!.text.split('\n\n')[0])}`);
  });
}

await startWasm();
const [command, ...rest] = process.argv.slice(2);
if (command === 'train') await runTrain(parse(rest));
else if (command === 'eval') await runEval(parse(rest));
else if (command === 'probe') await runProbe(parse(rest));
else throw new Error('learn: usage: bench/learn.ts train|eval --option value ...');
