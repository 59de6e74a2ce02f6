// The bases shipped in public/models/: every entry of index.json has its four files, the sha-256
// in the index is that of its model.safetensors on disk, and the files check out as a model
// (config, tokenizer and weights consistent; parameters and context as listed). Whatever bases
// are listed, none by name, so adding one needs no change here.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkShippedModel, SHIPPED_MODEL_FILES, shippedFilePath, validateShippedIndex } from '../../../src/runs/shipped-models';
import { sha256OfBytes } from '../../../src/runs/model-bundle';

const publicDir = join(__dirname, '../../../public');
const index = validateShippedIndex(JSON.parse(readFileSync(join(publicDir, 'models/index.json'), 'utf8')));

describe('public/models/index.json', () => {
  it('is a valid index listing at least one base', () => {
    expect(index.ok ? [] : index.errors).toEqual([]);
    expect(index.ok && index.value.models.length).toBeGreaterThan(0);
  });

  for (const entry of index.ok ? index.value.models : []) {
    it(`${entry.id}: its files exist, its sha-256 matches model.safetensors and its config matches the entry`, () => {
      const missing = SHIPPED_MODEL_FILES.filter((file) => !existsSync(join(publicDir, shippedFilePath(entry.id, file))));
      expect(missing).toEqual([]);
      const read = (file: (typeof SHIPPED_MODEL_FILES)[number]) => new Uint8Array(readFileSync(join(publicDir, shippedFilePath(entry.id, file))));
      expect(sha256OfBytes(read('model.safetensors'))).toBe(entry.sha256);
      const model = checkShippedModel(entry, { 'model.safetensors': read('model.safetensors'), 'config.json': read('config.json'), 'tokenizer.json': read('tokenizer.json') });
      expect(model.ok ? [] : model.errors).toEqual([]);
      expect(new TextDecoder().decode(read('MODEL_CARD.md'))).toContain(entry.sha256);
    });
  }
});
