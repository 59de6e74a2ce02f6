// The evalsets repository against fake-indexeddb: a valid JSONL is stored with its items and
// hash, an invalid one stores nothing and reports its lines, list is newest first, delete.
import { describe, expect, it } from 'vitest';
import { TunixDatabase } from '../../../src/db/database';
import { deleteEvalSet, getEvalSet, importEvalSet, listEvalSets } from '../../../src/db/evalsets-repository';
import { sha256Hex } from '../../../src/generators/sha256';

const item = (id: string, category = 'arithmetic') =>
  JSON.stringify({ id, prompt: `What is ${id.length} + 1?`, expected_answer: `${id.length + 1}`, category, difficulty: 'easy' });
const validText = [item('a'), item('bb', 'logic'), item('ccc')].join('\n');

let counter = 0;
const freshDatabase = () => new TunixDatabase(`evalsets-test-${++counter}`);

describe('evalsets repository', () => {
  it('stores a valid set with its items and the sha-256 of the text', async () => {
    const db = freshDatabase();
    const result = await importEvalSet(db, { name: ' mine ', text: validText, createdAt: '2024-01-01T00:00:00.000Z' });
    expect(result.ok).toBe(true);
    const stored = result.ok ? await getEvalSet(db, result.value.id) : null;
    expect(stored).toMatchObject({ name: 'mine', sha256: sha256Hex(validText) });
    expect(stored?.items.map((i) => i.id)).toEqual(['a', 'bb', 'ccc']);
  });

  it('stores nothing and reports every bad line', async () => {
    const db = freshDatabase();
    const text = [item('a'), '{oops', JSON.stringify({ id: 'x', prompt: 'p' }), item('a')].join('\n');
    const result = await importEvalSet(db, { name: 'bad', text });
    expect(result.ok).toBe(false);
    expect(!result.ok && [...new Set(result.errors.map((e) => e.line))]).toEqual([2, 3, 4]);
    expect(await db.evalsets.count()).toBe(0);
  });

  it('needs a name', async () => {
    const result = await importEvalSet(freshDatabase(), { name: '  ', text: validText });
    expect(!result.ok && result.errors[0]!.path).toBe('name');
  });

  it('lists newest first with item counts, and deletes', async () => {
    const db = freshDatabase();
    await importEvalSet(db, { name: 'old', text: validText, createdAt: '2024-01-01T00:00:00.000Z' });
    const newer = await importEvalSet(db, { name: 'new', text: item('z'), createdAt: '2024-02-01T00:00:00.000Z' });
    expect((await listEvalSets(db)).map((s) => [s.name, s.item_count])).toEqual([
      ['new', 1],
      ['old', 3],
    ]);
    if (newer.ok) await deleteEvalSet(db, newer.value.id);
    expect((await listEvalSets(db)).map((s) => s.name)).toEqual(['old']);
  });
});
