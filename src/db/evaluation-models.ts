// What can be evaluated, read from the runs, checkpoints and models tables: a run's latest
// checkpoint, a run's untrained starting point (its fresh initialization, or the base model it
// started from), registered models, and the shipped base models (listed by the caller, loaded
// through the caller's loader: this module never fetches). Listing reads only indexes and run
// manifests, never weights; loading reads the one record whose weights are needed. Must never
// write to these tables (the train worker and the model registry own them) and never create tensors.
import type { GptConfig } from '../model/config';
import type { NamedWeights } from '../model/gpt';
import type { TokenizerJson } from '../model/tokenizer';
import type { EvaluatedModel } from '../evaluate/records';
import type { ShippedModelEntry } from '../runs/shipped-models';
import type { CheckpointRecord, RunManifest } from '../runs/types';
import type { TunixDatabase } from './database';

export interface EvaluableModel {
  /** Stable key for forms: `run:<id>:<step>`, `untrained:<id>`, `model:<id>`, `base:<id>`. */
  key: string;
  label: string;
  model: EvaluatedModel;
}

/** The weights to evaluate. `weights` null means the deterministic initialization of `config`. */
export interface LoadedModel {
  config: GptConfig;
  tokenizer: TokenizerJson;
  weights: NamedWeights | null;
  label: string;
  /** The run manifest behind it, when there is one (for reports). */
  run: RunManifest | null;
}

export function evaluableKey(model: EvaluatedModel): string {
  switch (model.kind) {
    case 'run':
      return `run:${model.run_id}:${model.step}`;
    case 'untrained':
      return `untrained:${model.run_id}`;
    case 'model':
      return `model:${model.model_id}`;
    case 'base':
      return `base:${model.model_id}`;
  }
}

/** Latest checkpoint step per run id, from the [run_id+step] index alone. */
async function latestSteps(db: TunixDatabase): Promise<Map<string, number>> {
  const keys = (await db.checkpoints.orderBy('[run_id+step]').keys()) as unknown as [string, number][];
  const latest = new Map<string, number>();
  for (const [runId, step] of keys) latest.set(runId, Math.max(step, latest.get(runId) ?? -Infinity));
  return latest;
}

/** A shipped base's model by id, checked to have `sha256` (the page or worker fetches it). */
export type ShippedBaseLoader = (modelId: string, sha256: string) => Promise<{ config: GptConfig; tokenizer: TokenizerJson; weights: NamedWeights }>;

/** Everything evaluable: per run (newest first) its latest checkpoint and untrained start, then registered models, then the shipped bases. */
export async function listEvaluableModels(db: TunixDatabase, shipped: readonly ShippedModelEntry[] = []): Promise<EvaluableModel[]> {
  const [runs, latest] = await Promise.all([db.runs.orderBy('created_at').reverse().toArray(), latestSteps(db)]);
  const choices: EvaluableModel[] = [];
  for (const run of runs) {
    const step = latest.get(run.run_id);
    if (step === undefined) continue; // no checkpoint yet: no tokenizer to evaluate with
    const start = run.init.kind === 'base_model' ? 'base model start' : 'untrained start';
    const runChoices: EvaluatedModel[] = [{ kind: 'run', run_id: run.run_id, step }, { kind: 'untrained', run_id: run.run_id }];
    runChoices.forEach((model) => choices.push({ key: evaluableKey(model), model, label: model.kind === 'run' ? `${run.name} · step ${step}` : `${run.name} · ${start}` }));
  }
  const byName = db.models.orderBy('[name+version]');
  const [names, ids] = (await Promise.all([byName.keys(), byName.primaryKeys()])) as unknown as [[string, number][], string[]];
  const shaKeys = db.models.orderBy('sha256');
  const [shas, shaIds] = (await Promise.all([shaKeys.keys(), shaKeys.primaryKeys()])) as unknown as [string[], string[]];
  const shaOf = new Map(shaIds.map((id, k) => [id, shas[k] as string]));
  names.forEach(([name, version], k) => {
    const model: EvaluatedModel = { kind: 'model', model_id: ids[k] as string, sha256: shaOf.get(ids[k] as string) ?? '' };
    choices.push({ key: evaluableKey(model), model, label: `${name} v${version} (registered model)` });
  });
  for (const entry of shipped) {
    const model: EvaluatedModel = { kind: 'base', model_id: entry.id, sha256: entry.sha256 };
    choices.push({ key: evaluableKey(model), model, label: `${entry.id} (shipped base model)` });
  }
  return choices;
}

async function checkpointAt(db: TunixDatabase, runId: string, step: number | 'first'): Promise<CheckpointRecord | undefined> {
  if (step !== 'first') return db.checkpoints.where('[run_id+step]').equals([runId, step]).first();
  return db.checkpoints.where('[run_id+step]').between([runId, -Infinity], [runId, Infinity]).first();
}

async function loadRegisteredModel(db: TunixDatabase, modelId: string, sha256: string | null, run: RunManifest | null): Promise<LoadedModel> {
  const record = await db.models.get(modelId);
  if (!record) throw new Error(`registered model ${modelId} does not exist (deleted?)`);
  if (sha256 !== null && sha256 !== '' && record.sha256 !== sha256) throw new Error(`registered model ${modelId} has sha-256 ${record.sha256}, not ${sha256}`);
  return { config: record.model_config, tokenizer: record.tokenizer, weights: record.weights, label: `${record.name} v${record.version}`, run };
}

async function loadShippedBase(modelId: string, sha256: string, run: RunManifest | null, shipped: ShippedBaseLoader | undefined): Promise<LoadedModel> {
  if (!shipped) throw new Error(`shipped base model ${modelId} cannot be loaded here (no loader given)`);
  return { ...(await shipped(modelId, sha256)), label: modelId, run };
}

/** Reads what the worker needs to build the model; errors name the missing record or file. */
export async function loadEvaluatedModel(db: TunixDatabase, model: EvaluatedModel, shipped?: ShippedBaseLoader): Promise<LoadedModel> {
  if (model.kind === 'model') return loadRegisteredModel(db, model.model_id, model.sha256, null);
  if (model.kind === 'base') return loadShippedBase(model.model_id, model.sha256, null, shipped);
  const run = (await db.runs.get(model.run_id)) ?? null;
  if (!run) throw new Error(`run ${model.run_id} does not exist (deleted?)`);
  const { init } = run;
  if (model.kind === 'untrained' && init.kind === 'base_model') {
    // A base start is the base's own weights: shipped ones from the app's files, registered ones from the registry,
    // an imported bundle from the run's step-0 checkpoint (written before training, kept until rotated out).
    let base: LoadedModel | undefined;
    if (init.source === 'shipped') base = await loadShippedBase(init.model_id, init.sha256, run, shipped);
    else if (init.source !== 'bundle' && (await db.models.get(init.model_id))) base = await loadRegisteredModel(db, init.model_id, init.sha256, run);
    else {
      const start = await checkpointAt(db, run.run_id, 0);
      if (!start) throw new Error(`run ${run.name} started from ${init.model_id}, which is not registered, and its step-0 checkpoint is no longer kept`);
      base = { config: start.state.model_config, tokenizer: start.state.tokenizer, weights: start.state.weights, label: init.model_id, run };
    }
    return { ...base, label: `${run.name} · base model start (${base.label})` };
  }
  const checkpoint = await checkpointAt(db, run.run_id, model.kind === 'run' ? model.step : 'first');
  if (!checkpoint) throw new Error(model.kind === 'run' ? `run ${run.name} has no checkpoint at step ${model.step} (deleted?)` : `run ${run.name} has no checkpoint to take its tokenizer from`);
  if (model.kind === 'run') return { config: checkpoint.state.model_config, tokenizer: checkpoint.state.tokenizer, weights: checkpoint.state.weights, label: `${run.name} · step ${checkpoint.step}`, run };
  return { config: run.model_config, tokenizer: checkpoint.state.tokenizer, weights: null, label: `${run.name} · untrained start`, run };
}

/** The run manifest behind an evaluated model, when it came from a run (for reports). */
export async function runOfEvaluatedModel(db: TunixDatabase, model: EvaluatedModel): Promise<RunManifest | null> {
  if (model.kind === 'base') return null;
  if (model.kind === 'model') {
    const runId = (await db.models.get(model.model_id))?.run_id ?? null;
    return runId === null ? null : ((await db.runs.get(runId)) ?? null);
  }
  return (await db.runs.get(model.run_id)) ?? null;
}
