// A new run's manifest from the Train screen's setup and the loaded data: the tokenizer (built
// from the training texts, or the base model's), the model config with its vocabulary size, the
// fixed sample prompt (the first held-out example that fits the context) and the name. Pure:
// ids, times and data come from the caller.
import type { GptConfig } from '../model/config';
import { CharTokenizer } from '../model/tokenizer';
import type { TokenizerJson } from '../model/tokenizer';
import type { PromptCompletion } from '../train/data';
import type { ValidationResult } from '../traces/types';
import type { TrainSetup } from './config-file';
import { createRunManifest } from './manifest';
import { samplePrompt } from './run-data';
import type { BaseModelSource, RunManifest } from './types';

export interface BaseModelChoice {
  /** Shown in the run as init.model_id: the bundle's file name or registry id. */
  id: string;
  sha256: string;
  config: GptConfig;
  tokenizer: TokenizerJson;
  /** Recorded in init.source: a shipped base is loaded again from the app's files to evaluate it. */
  source?: BaseModelSource;
}

export interface NewRunPlanInput {
  runId: string;
  name?: string;
  createdAt: string;
  appVersion: string;
  setup: TrainSetup;
  dataset: { dataset_key: string; build_id: string };
  train: readonly PromptCompletion[];
  heldout: readonly PromptCompletion[];
  base?: BaseModelChoice;
}

export function planNewRun(input: NewRunPlanInput): ValidationResult<RunManifest> {
  const { setup, base } = input;
  if (input.train.length === 0) return { ok: false, errors: [{ path: 'dataset_key', message: `dataset ${input.dataset.dataset_key} has no training traces left in the store` }] };
  let tokenizer: CharTokenizer;
  if (base) {
    const parsed = CharTokenizer.fromJSON(base.tokenizer);
    if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ ...e, path: `base.tokenizer.${e.path}` })) };
    tokenizer = parsed.value;
  } else tokenizer = CharTokenizer.fromTexts(input.train.flatMap((e) => [e.prompt, e.completion]));
  const modelConfig: GptConfig = base ? base.config : { ...setup.model, vocab_size: tokenizer.vocabSize };
  const fits = (e: PromptCompletion) => 1 + tokenizer.encode(e.prompt).length + tokenizer.encode(e.completion).length <= modelConfig.context + 1;
  const manifest = createRunManifest({
    runId: input.runId,
    name: input.name?.trim() || `${setup.model_preset === 'custom' ? 'custom' : setup.model_preset} on ${input.dataset.dataset_key}`,
    createdAt: input.createdAt,
    appVersion: input.appVersion,
    datasetKey: input.dataset.dataset_key,
    buildId: input.dataset.build_id,
    modelConfig,
    trainConfig: setup.train,
    tokenizerHash: tokenizer.hash(),
    backendRequested: setup.backend,
    systemInstruction: setup.system_instruction,
    sampleEvery: setup.sample_every,
    samplePrompt: samplePrompt(input.heldout, input.train, fits),
    ...(base ? { init: { kind: 'base_model' as const, model_id: base.id, sha256: base.sha256, ...(base.source ? { source: base.source } : {}) } } : {}),
  });
  return { ok: true, value: manifest };
}
