// `npm run pretrain -- --preset small --minutes 60 --seed 1 --out <dir>`: pretrains a base model
// (issue 10) in Node on the WASM backend with the app's own src/model and src/train code, and
// writes <dir>/model.safetensors, config.json, tokenizer.json and MODEL_CARD.md. Resumable: the
// run keeps <dir>/pretrain-state.safetensors (weights, AdamW moments, data cursor, loss curve)
// up to date every --checkpoint-every steps and on Ctrl-C, and the same command continues from
// it. Options: --preset tiny|small|medium, --minutes (token budget at the nominal rate, see
// src/train/pretrain.ts), --steps (overrides --minutes), --seed, --context, --batch, --lr,
// --warmup, --checkpoint-every, --eval-every (held-out loss), --pack 0 (one document per text), --mask answers (one document per text, loss on the worked-out part only; with --pack 1 documents
// packed, loss on each one's worked-out part), --init <shipped base id> (continue from its weights), --stop-after (wall minutes) and
// --stop-at-step (both stop early, resumable; the weights at step N are the same however the run
// got there, so `--stop-at-step N` reproduces an early-stopped base exactly). Owns the CLI, files and terminal; never changes training itself.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { parameterCount } from '../src/model/config';
import { weightsToSafetensors } from '../src/model/checkpoint';
import type { Gpt } from '../src/model/gpt';
import { encodeExamples, examplePairs, makeLossRows, paddedLength, type PromptCompletion } from '../src/train/data';
import { epochPermutation } from '../src/train/data-order';
import { DEFAULT_PRETRAIN_OPTIONS, corpusRecipe, decodeTrainState, encodeTrainState, packsDocuments, pretrainPlan, weightsHash } from '../src/train/pretrain';
import type { PretrainOptions, PretrainPlan, PretrainPreset } from '../src/train/pretrain';
import { meanLoss } from '../src/train/step';
import { train } from '../src/train/trainer';
import type { TrainState } from '../src/train/trainer';
import { shippedModel } from './shipped-weights';

interface CurvePoint {
  step: number;
  tokens: number;
  train_loss: number;
  held_out_loss: number;
  wall_s: number;
}

interface RunRecord {
  curve: CurvePoint[];
  first_checkpoint: { step: number; sha256: string } | null;
  command: string;
  /** The commit the run started from (training code is read once, at start). */
  commit?: string;
}

const STATE_FILE = 'pretrain-state.safetensors';

function parseArgs(argv: string[]): { options: PretrainOptions; out: string; evalEvery: number; stopAfterMinutes: number | null; stopAtStep: number | null } {
  const values = new Map<string, string>();
  for (let k = 0; k < argv.length; k++) {
    const key = argv[k] as string;
    if (!key.startsWith('--')) throw new Error(`pretrain: unexpected argument ${key}`);
    const value = argv[k + 1];
    if (value === undefined || value.startsWith('--')) throw new Error(`pretrain: ${key} needs a value`);
    values.set(key.slice(2), value);
    k += 1;
  }
  const number = (name: string, fallback: number): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`pretrain: --${name} must be a non-negative number, got ${raw}`);
    return parsed;
  };
  const known = ['preset', 'minutes', 'steps', 'seed', 'out', 'context', 'batch', 'lr', 'warmup', 'checkpoint-every', 'eval-every', 'stop-after', 'stop-at-step', 'pack', 'mask', 'init'];
  for (const key of values.keys()) if (!known.includes(key)) throw new Error(`pretrain: unknown option --${key} (known: ${known.join(', ')})`);
  const preset = (values.get('preset') ?? DEFAULT_PRETRAIN_OPTIONS.preset) as PretrainPreset;
  if (!['tiny', 'small', 'medium'].includes(preset)) throw new Error(`pretrain: --preset must be tiny, small or medium, got ${preset}`);
  const out = values.get('out');
  if (out === undefined) throw new Error('pretrain: --out <dir> is required');
  const options: PretrainOptions = {
    preset,
    seed: number('seed', DEFAULT_PRETRAIN_OPTIONS.seed),
    minutes: number('minutes', DEFAULT_PRETRAIN_OPTIONS.minutes),
    batchSize: number('batch', DEFAULT_PRETRAIN_OPTIONS.batchSize),
    learningRate: number('lr', DEFAULT_PRETRAIN_OPTIONS.learningRate),
    warmupSteps: number('warmup', DEFAULT_PRETRAIN_OPTIONS.warmupSteps),
    checkpointEvery: number('checkpoint-every', DEFAULT_PRETRAIN_OPTIONS.checkpointEvery),
  };
  if (values.has('steps')) options.steps = number('steps', 1);
  if (values.has('context')) options.context = number('context', 1);
  if (values.has('pack')) options.pack = number('pack', 1);
  if (values.has('mask')) {
    if (values.get('mask') !== 'answers') throw new Error(`pretrain: --mask must be answers, got ${values.get('mask')}`);
    options.mask = 'answers';
  }
  if (values.has('init')) options.init = values.get('init');
  const stop = values.get('stop-after');
  const stopAtStep = values.has('stop-at-step') ? number('stop-at-step', 0) : null;
  return { options, out, evalEvery: number('eval-every', 100), stopAfterMinutes: stop === undefined ? null : number('stop-after', 0), stopAtStep };
}

async function startWasm(): Promise<void> {
  const wasmFile = createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  setWasmPaths(`${path.dirname(wasmFile)}/`);
  await tf.setBackend('wasm');
  if (tf.getBackend() !== 'wasm') throw new Error(`pretrain: the WASM backend did not start (got ${tf.getBackend()})`);
}

function commitId(): string {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'scripts'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes in src/ or scripts/)` : head;
  } catch {
    return 'unknown';
  }
}

/** Text tokens (loss-bearing positions) read after each number of steps (epoch 0 order). */
function tokenCounter(plan: PretrainPlan): (steps: number) => number {
  const order = epochPermutation(plan.examples.length, plan.trainConfig.seed, 0);
  const prefix = new Float64Array(order.length + 1);
  const completion = (example: PromptCompletion | undefined) => (example ? examplePairs(example).reduce((sum, pair) => sum + pair.completion.length, 0) : 0);
  order.forEach((index, k) => (prefix[k + 1] = (prefix[k] as number) + completion(plan.examples[index])));
  return (steps) => prefix[Math.min(order.length, steps * plan.options.batchSize)] as number;
}

function heldOutRows(plan: PretrainPlan) {
  const encoded = encodeExamples(plan.tokenizer, plan.heldOut, plan.modelConfig.context).examples;
  const rows = [];
  for (let k = 0; k < encoded.length; k += plan.options.batchSize) {
    const chunk = encoded.slice(k, k + plan.options.batchSize);
    rows.push(makeLossRows(chunk, paddedLength(chunk, 16, plan.modelConfig.context)));
  }
  return rows;
}

function writeAtomically(file: string, bytes: Uint8Array | string): void {
  writeFileSync(`${file}.tmp`, bytes);
  renameSync(`${file}.tmp`, file);
}

/** The model card's sentence on how documents fill the rows and where the loss falls. */
function corpusLayout(options: PretrainOptions, context: number): string {
  const rows = packsDocuments(options)
    ? `Documents are packed, separated by a blank line, into texts of at most ${context} characters${options.mask === 'answers' ? ', so that they start at every position of the context' : ''}.`
    : `Documents are given one per text (not packed), each starting right after BOS, at most ${context} characters.`;
  return options.mask === 'answers' ? `${rows} The loss counts only the part of each document worked out from its given operands (the operands, drawn at random, are context).` : rows;
}

function modelCard(plan: PretrainPlan, state: TrainState, record: RunRecord, status: string, tokens: number, sha256: string): string {
  const { options, modelConfig, trainConfig } = plan;
  const recipe = corpusRecipe();
  const curve = record.curve.map((p) => `| ${p.step} | ${p.tokens.toLocaleString('en-US')} | ${p.train_loss.toFixed(4)} | ${p.held_out_loss.toFixed(4)} | ${p.wall_s.toFixed(0)} |`);
  return `# Base model: ${options.preset} (seed ${options.seed})

A character-level GPT pretrained by \`npm run pretrain\` (issue 10) on the generated general base
corpus (plain text, not the chat template), so that fine-tuning starts from a model that can
already copy, change case, reverse and do small column arithmetic.

- Status: ${status}, ${state.step} of ${trainConfig.max_steps} optimizer steps
- Model: ${modelConfig.layers} layers, ${modelConfig.heads} heads, dim ${modelConfig.dim}, context ${modelConfig.context}, vocabulary ${modelConfig.vocab_size}, ${parameterCount(modelConfig).toLocaleString('en-US')} parameters, init seed ${modelConfig.seed}
- Tokenizer: the fixed base vocabulary (src/model/base-vocabulary.ts), characters outside it through the byte fallback
- Tokens seen: ${tokens.toLocaleString('en-US')} text tokens (loss-bearing), ${(state.step * trainConfig.batch_size).toLocaleString('en-US')} ${packsDocuments(options) ? 'packed texts' : 'documents (one per text)'} of at most ${modelConfig.context} tokens
- Wall time: ${(state.elapsed_ms / 60_000).toFixed(1)} minutes of training (Node ${process.version}, WASM backend, one thread)
- Training: AdamW lr ${trainConfig.learning_rate} (warmup ${trainConfig.warmup_steps}, cosine to ${trainConfig.min_lr_ratio}×), batch ${trainConfig.batch_size}, weight decay ${trainConfig.weight_decay}, clip ${trainConfig.grad_clip}, data seed ${trainConfig.seed}
- Weights: model.safetensors sha256 \`${sha256}\`
- First checkpoint: ${record.first_checkpoint ? `step ${record.first_checkpoint.step}, weights sha256 \`${record.first_checkpoint.sha256}\`` : 'none'}
- Started from: ${options.init === undefined ? `the initialization of seed ${modelConfig.seed}` : `the weights of the shipped base ${options.init} (continued pretraining; its own card says how it was made)`}
- Commit: ${record.commit ?? 'unknown'} (when the run started)
- Command: \`${record.command}\`

## Corpus recipe (pretrain-corpus ${recipe.version}, seed ${options.seed})
${recipe.families.map((f) => `- ${f.name}: ${f.percent}%`).join('\n')}

${corpusLayout(options, modelConfig.context)} No document
uses the operands of a prompt reserved for evaluation (the held-out split of src/generators/problem.ts).
Held-out loss: ${plan.heldOut.length} texts from seed ${options.seed} + 1000003.

## Loss curve
| step | text tokens | train loss | held-out loss | wall s |
|---:|---:|---:|---:|---:|
${curve.join('\n')}
`;
}

async function main(): Promise<void> {
  const { options, out, evalEvery, stopAfterMinutes, stopAtStep } = parseArgs(process.argv.slice(2));
  await startWasm();
  mkdirSync(out, { recursive: true });
  const plan = pretrainPlan(options);
  const stateFile = path.join(out, STATE_FILE);
  let record: RunRecord = { curve: [], first_checkpoint: null, command: `npm run pretrain -- ${process.argv.slice(2).join(' ')}` };
  const initialWeights = options.init === undefined ? undefined : shippedModel(options.init).weights;
  let start: Parameters<typeof train>[0]['start'] = { kind: 'new', modelConfig: plan.modelConfig, trainConfig: plan.trainConfig, tokenizer: plan.tokenizer, initialWeights };
  if (existsSync(stateFile)) {
    const saved = decodeTrainState(new Uint8Array(readFileSync(stateFile)));
    if (saved.extra.options !== JSON.stringify(options)) throw new Error(`pretrain: ${stateFile} was written with other options (${saved.extra.options}); use another --out`);
    record = { ...(JSON.parse(saved.extra.record ?? '{}') as RunRecord), command: record.command };
    const now = commitId();
    if (record.commit !== undefined && !record.commit.includes(now)) record.commit = `${record.commit}, resumed at ${now}`;
    start = { kind: 'resume', state: saved.state };
    console.log(`resuming from step ${saved.state.step} of ${plan.trainConfig.max_steps}`);
  }
  record.commit ??= commitId();
  console.log(`pretraining ${options.preset}: ${parameterCount(plan.modelConfig).toLocaleString('en-US')} parameters, ${plan.trainConfig.max_steps} steps of ${options.batchSize} × ${plan.modelConfig.context}, ${plan.examples.length} texts`);
  const heldOut = heldOutRows(plan);
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  if (stopAtStep !== null && start.kind === 'resume' && start.state.step >= stopAtStep) controller.abort();
  const began = performance.now();
  if (stopAfterMinutes !== null) setTimeout(() => controller.abort(), stopAfterMinutes * 60_000).unref();
  let lastLoss = NaN;
  let lastPrint = 0;
  const elapsedBefore = start.kind === 'resume' ? start.state.elapsed_ms : 0;
  const tokensAfter = tokenCounter(plan);
  const save = (state: TrainState) => writeAtomically(stateFile, encodeTrainState(state, { options: JSON.stringify(options), record: JSON.stringify(record) }));
  const outcome = await train({
    start,
    examples: plan.examples,
    signal: controller.signal,
    inspectEvery: evalEvery,
    onStep: (m) => {
      lastLoss = m.loss;
      if (stopAtStep !== null && m.step >= stopAtStep) controller.abort();
      if (performance.now() - lastPrint > 10_000 || m.step === plan.trainConfig.max_steps) {
        lastPrint = performance.now();
        const rate = m.tokens_per_s.toFixed(0);
        const left = ((plan.trainConfig.max_steps - m.step) * options.batchSize * plan.modelConfig.context) / Math.max(1, m.tokens_per_s) / 60;
        console.log(`step ${m.step}/${plan.trainConfig.max_steps}  loss ${m.loss.toFixed(4)}  lr ${m.lr.toExponential(2)}  ${rate} positions/s  ~${left.toFixed(1)} min left`);
      }
    },
    onInspect: async (model: Gpt, step: number) => {
      const loss = await meanLoss(model, heldOut);
      const wall = (elapsedBefore + performance.now() - began) / 1000;
      record.curve.push({ step, tokens: tokensAfter(step), train_loss: lastLoss, held_out_loss: loss, wall_s: wall });
      console.log(`  held-out loss at step ${step}: ${loss.toFixed(4)}`);
    },
    onCheckpoint: (state) => {
      if (record.first_checkpoint === null) record.first_checkpoint = { step: state.step, sha256: weightsHash(state.model_config, state.weights) };
      save(state);
    },
  });
  const state = outcome.state;
  const tokens = tokensAfter(state.step);
  save(state);
  const bytes = weightsToSafetensors(state.model_config, state.weights);
  const sha256 = weightsHash(state.model_config, state.weights);
  writeFileSync(path.join(out, 'model.safetensors'), bytes);
  writeFileSync(path.join(out, 'config.json'), `${JSON.stringify(state.model_config, null, 2)}\n`);
  writeFileSync(path.join(out, 'tokenizer.json'), `${JSON.stringify(state.tokenizer)}\n`);
  writeFileSync(path.join(out, 'MODEL_CARD.md'), modelCard(plan, state, record, outcome.status === 'completed' ? 'completed' : `stopped early at step ${state.step} (resumable with the same command; \`--stop-at-step ${state.step}\` reproduces these weights)`, tokens, sha256));
  console.log(`${outcome.status} at step ${state.step}: ${tokens.toLocaleString('en-US')} text tokens, ${(state.elapsed_ms / 60_000).toFixed(1)} min, weights sha256 ${sha256}`);
  console.log(`wrote ${out}/model.safetensors, config.json, tokenizer.json, MODEL_CARD.md`);
}

await main();
