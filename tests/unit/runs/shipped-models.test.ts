// Shipped base models: the index schema refuses bad entries with their path; a base's files are
// checked against its entry (sha-256 first, then config, tokenizer, weights, parameters, context)
// with the file at fault named; the loader reads them through the fetch it is given, from the
// app's root only.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialWeights } from '../../../src/model/gpt';
import { weightsToSafetensors } from '../../../src/model/checkpoint';
import { parameterCount } from '../../../src/model/config';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { sha256OfBytes } from '../../../src/runs/model-bundle';
import { checkShippedModel, shippedFilePath, validateShippedIndex, type ShippedModelEntry } from '../../../src/runs/shipped-models';
import { loadShippedIndex, loadShippedModel, loadShippedModelById, type FetchFunction } from '../../../src/runs/shipped-models-loader';
import { shippedModel } from '../../../scripts/shipped-weights';

const tokenizer = CharTokenizer.fromTexts(['abc 123']);
const config = { vocab_size: tokenizer.vocabSize, context: 16, layers: 1, heads: 2, dim: 8, dropout: 0, seed: 3 };
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const files = { 'model.safetensors': weightsToSafetensors(config, initialWeights(config)), 'config.json': encode(config), 'tokenizer.json': encode(tokenizer.toJSON()) };
const entry: ShippedModelEntry = {
  id: 'base-test-v1', preset: 'custom', sha256: sha256OfBytes(files['model.safetensors']), parameters: parameterCount(config), context: 16, tokens_seen: 1000, summary: 'A test base.',
};

describe('the shipped index schema', () => {
  it('accepts a valid index and keeps its entries', () => {
    const result = validateShippedIndex({ index_version: 1, models: [entry] });
    expect(result).toEqual({ ok: true, value: { index_version: 1, models: [entry] } });
  });

  it('accepts how to reproduce a base, and names what is wrong with it', () => {
    const reproduce = { options: { preset: 'tiny', minutes: 2, seed: 1 }, check_step: 50, check_sha256: 'a'.repeat(64) };
    expect(validateShippedIndex({ index_version: 1, models: [{ ...entry, reproduce }] }).ok).toBe(true);
    const result = validateShippedIndex({ index_version: 1, models: [{ ...entry, reproduce: { options: { preset: ['tiny'] }, check_step: 0, check_sha256: 'x', by: 'me' } }] });
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual([
      'models[0].reproduce.by', 'models[0].reproduce.options', 'models[0].reproduce.check_step', 'models[0].reproduce.check_sha256',
    ]);
  });

  it('names every bad field by its path', () => {
    const bad = { ...entry, id: 'Base Tiny', sha256: 'abc', parameters: 0, summary: 'two\nlines', extra: 1 };
    const result = validateShippedIndex({ index_version: 2, models: [bad, entry, entry] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual(['index_version', 'models[0].extra', 'models[0].id', 'models[0].parameters', 'models[0].sha256', 'models[0].summary', 'models[2].id'].sort());
    expect(result.errors.find((e) => e.path === 'models[2].id')?.message).toMatch(/listed twice/);
    expect(validateShippedIndex([]).ok).toBe(false);
    expect(validateShippedIndex({ index_version: 1, models: {} }).ok).toBe(false);
  });
});

describe('checking a base against its entry', () => {
  it('returns the model with its hash when everything agrees', () => {
    const result = checkShippedModel(entry, files);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ config, sha256: entry.sha256, tokenizer: tokenizer.toJSON() });
  });

  it('names model.safetensors when its sha-256 differs from the index', () => {
    const changed = files['model.safetensors'].slice();
    changed[changed.length - 1]! ^= 1;
    const result = checkShippedModel(entry, { ...files, 'model.safetensors': changed });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]!.path).toBe('models/base-test-v1/model.safetensors');
      expect(result.errors[0]!.message).toMatch(/has sha-256 [0-9a-f]{64}, but models\/index.json gives/);
    }
  });

  it('names the config or the index entry when they disagree', () => {
    const missing = checkShippedModel(entry, { ...files, 'config.json': undefined as never });
    expect(!missing.ok && missing.errors[0]).toMatchObject({ path: 'models/base-test-v1/config.json', message: 'is missing from models/base-test-v1/' });
    const context = checkShippedModel({ ...entry, context: 32 }, files);
    expect(!context.ok && context.errors[0]!.path).toBe('models/index.json: base-test-v1.context');
    const parameters = checkShippedModel({ ...entry, parameters: 5 }, files);
    expect(!parameters.ok && parameters.errors[0]!.message).toBe(`is 5, but models/base-test-v1/config.json gives ${entry.parameters}`);
  });
});

describe('the loader', () => {
  const root = 'https://app.example/sub/';
  const served: Record<string, Uint8Array> = {
    [`${root}models/index.json`]: encode({ index_version: 1, models: [entry] }),
    ...Object.fromEntries(Object.entries(files).map(([name, bytes]) => [`${root}${shippedFilePath(entry.id, name as 'config.json')}`, bytes])),
  };
  const asked: string[] = [];
  const fakeFetch: FetchFunction = async (url) => {
    asked.push(url);
    const bytes = served[url];
    return { ok: bytes !== undefined, status: bytes ? 200 : 404, arrayBuffer: async () => (bytes ?? new Uint8Array()).slice().buffer };
  };

  it('reads the index and a base from under the root', async () => {
    asked.length = 0;
    const index = await loadShippedIndex(fakeFetch, root);
    expect(index.ok && index.value.models.map((m) => m.id)).toEqual(['base-test-v1']);
    const model = await loadShippedModel(fakeFetch, root, entry);
    expect(model.ok && model.value.sha256).toBe(entry.sha256);
    expect(asked.every((url) => url.startsWith(root))).toBe(true);
  });

  it('says which file could not be read, and which id is not listed', async () => {
    const failing: FetchFunction = async (url) => (url.endsWith('tokenizer.json') ? { ok: false, status: 404, arrayBuffer: async () => new ArrayBuffer(0) } : fakeFetch(url));
    const model = await loadShippedModel(failing, root, entry);
    expect(!model.ok && model.errors[0]).toEqual({ path: 'models/base-test-v1/tokenizer.json', message: 'could not be read (HTTP 404)' });
    const unknown = await loadShippedModelById(fakeFetch, root, 'base-gone-v1');
    expect(!unknown.ok && unknown.errors[0]!.message).toMatch(/lists no base model base-gone-v1/);
    const offline: FetchFunction = async () => {
      throw new TypeError('Failed to fetch');
    };
    const index = await loadShippedIndex(offline, root);
    expect(!index.ok && index.errors[0]).toEqual({ path: 'models/index.json', message: 'could not be read: Failed to fetch' });
  });
});

describe('reading a shipped base in Node (continued pretraining)', () => {
  it('gives the checked model of a listed id and names an id the index lacks', () => {
    const model = shippedModel('base-small-v1');
    expect(model.config.context).toBe(256);
    expect(sha256OfBytes(weightsToSafetensors(model.config, model.weights))).toBe((JSON.parse(readFileSync('public/models/index.json', 'utf8')) as { models: ShippedModelEntry[] }).models.find((m) => m.id === 'base-small-v1')?.sha256);
    expect(() => shippedModel('base-huge-v9')).toThrow(/lists no model base-huge-v9 \(it has base-tiny-v1, base-small-v1/);
  });
});
