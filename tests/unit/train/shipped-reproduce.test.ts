// The shipped bases are reproducible (issue 10): for every entry of public/models/index.json that
// says how it was made, re-run that pretraining (same options, same code, Node WASM) up to the
// step its run recorded a checkpoint at, and get the same weights, hash for hash. A base that
// continued another's pretraining starts from that base's shipped weights, as its run did.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateShippedIndex } from '../../../src/runs/shipped-models';
import { DEFAULT_PRETRAIN_OPTIONS, pretrainPlan, weightsHash, type PretrainOptions } from '../../../src/train/pretrain';
import { train } from '../../../src/train/trainer';
import { useBackend } from '../model/tf-node';
import { shippedModel } from '../../../scripts/shipped-weights';

const index = validateShippedIndex(JSON.parse(readFileSync(join(__dirname, '../../../public/models/index.json'), 'utf8')));
const reproducible = index.ok ? index.value.models.filter((entry) => entry.reproduce !== undefined) : [];

describe('shipped base models', () => {
  beforeAll(async () => {
    await useBackend('wasm');
  });

  it('all say how to reproduce them', () => {
    expect(index.ok ? index.value.models.filter((entry) => entry.reproduce === undefined).map((entry) => entry.id) : ['invalid index']).toEqual([]);
  });

  for (const entry of reproducible) {
    const { options, check_step: step, check_sha256: sha256 } = entry.reproduce!;
    it(`${entry.id}: re-running its pretraining to step ${step} gives the weights its run recorded there`, async () => {
      const plan = pretrainPlan({ ...DEFAULT_PRETRAIN_OPTIONS, ...(options as Partial<PretrainOptions>) });
      const initialWeights = plan.options.init === undefined ? undefined : shippedModel(plan.options.init).weights;
      const controller = new AbortController();
      const outcome = await train({
        start: { kind: 'new', modelConfig: plan.modelConfig, trainConfig: plan.trainConfig, tokenizer: plan.tokenizer, initialWeights },
        examples: plan.examples,
        signal: controller.signal,
        onStep: (metrics) => {
          if (metrics.step >= step) controller.abort();
        },
      });
      expect(outcome.state.step).toBe(step);
      expect(weightsHash(outcome.state.model_config, outcome.state.weights)).toBe(sha256);
    }, 900_000);
  }
});
