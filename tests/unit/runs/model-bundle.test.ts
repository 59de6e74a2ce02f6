// Model bundles: the zip holds model.safetensors, config.json and tokenizer.json and reads back to
// the same weights with the sha-256 of model.safetensors; hostile or inconsistent bundles are
// refused with the file at fault named.
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { createZipWriter } from '../../../src/export/zip';
import { initialWeights } from '../../../src/model/gpt';
import { weightsToSafetensors } from '../../../src/model/checkpoint';
import { CharTokenizer } from '../../../src/model/tokenizer';
import { modelBundleZip, readModelBundle, sha256OfBytes } from '../../../src/runs/model-bundle';
import { readZip } from '../export/zip-reader';

const tokenizer = CharTokenizer.fromTexts(['abc 123']);
const config = { vocab_size: tokenizer.vocabSize, context: 16, layers: 1, heads: 2, dim: 8, dropout: 0, seed: 3 };
const bundle = { config, tokenizer: tokenizer.toJSON(), weights: initialWeights(config) };
const text = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe('model bundles', () => {
  it('writes the three files (and extras) and reads back the same model with its hash', () => {
    const zip = modelBundleZip(bundle, [{ name: 'run_manifest.json', text: '{}\n' }]);
    expect(readZip(zip).map((entry) => entry.name)).toEqual(['model.safetensors', 'config.json', 'tokenizer.json', 'run_manifest.json']);
    const read = readModelBundle(zip);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value.config).toEqual(config);
    expect(read.value.tokenizer).toEqual(tokenizer.toJSON());
    expect(read.value.weights).toEqual(bundle.weights);
    expect(read.value.sha256).toBe(sha256OfBytes(weightsToSafetensors(config, bundle.weights)));
    expect(modelBundleZip(bundle)).toEqual(modelBundleZip(bundle));
  });

  it('reads a deflate-compressed bundle made by another zip tool', () => {
    const zip = zipSync({ 'model.safetensors': weightsToSafetensors(config, bundle.weights), 'config.json': text(config), 'tokenizer.json': text(tokenizer.toJSON()) }, { level: 6 });
    expect(readModelBundle(zip).ok).toBe(true);
  });

  it('names the file at fault', () => {
    const files = { 'model.safetensors': weightsToSafetensors(config, bundle.weights), 'config.json': text(config), 'tokenizer.json': text(tokenizer.toJSON()) };
    const cases: [Record<string, Uint8Array>, RegExp][] = [
      [{ ...files, 'config.json': undefined as never }, /^config.json is missing/],
      [{ ...files, 'config.json': text({ ...config, heads: 3 }) }, /^config.json: heads must divide dim/],
      [{ ...files, 'config.json': text({ ...config, vocab_size: 5 }) }, /^config.json: vocab_size is 5 but tokenizer.json has/],
      [{ ...files, 'tokenizer.json': new TextEncoder().encode('{oops') }, /^tokenizer.json is not UTF-8 JSON/],
      [{ ...files, 'config.json': text({ ...config, dim: 16, heads: 2 }) }, /^model.safetensors: .* has shape/],
    ];
    for (const [entries, message] of cases) {
      const defined = Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
      const read = readModelBundle(zipSync(defined));
      expect(read.ok).toBe(false);
      if (!read.ok) expect(`${read.errors[0]!.path} ${read.errors[0]!.message}`).toMatch(message);
    }
  });

  it('refuses entry names that climb out of the archive, and bytes that are not a zip', () => {
    const writer = createZipWriter();
    const parts = [writer.beginEntry('../evil.json'), writer.entryData(text({})), writer.endEntry(), writer.finish()];
    const zip = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((offset, part) => (zip.set(part, offset), offset + part.length), 0);
    const read = readModelBundle(zip);
    expect(!read.ok && read.errors[0]!.message).toMatch(/path traversal/);
    const junk = readModelBundle(new Uint8Array([1, 2, 3, 4]));
    expect(!junk.ok && junk.errors[0]!.message).toMatch(/not a readable model bundle zip/);
  });
});
