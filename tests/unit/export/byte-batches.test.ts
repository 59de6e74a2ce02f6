// UTF-8 batching of an export's pieces: everything comes out in order and intact (multi-byte
// characters and surrogate pairs included), in buffers of at most the batch size.
import { describe, expect, it } from 'vitest';
import { byteBatcher } from '../../../src/export/byte-batches';

async function batch(pieces: (string | Uint8Array)[], size: number): Promise<Uint8Array[]> {
  const sent: Uint8Array[] = [];
  const batcher = byteBatcher((bytes) => void sent.push(bytes), size);
  for (const piece of pieces) await batcher.write(piece);
  await batcher.flush();
  return sent;
}

const joined = (parts: Uint8Array[]) => Buffer.concat(parts);

describe('byteBatcher', () => {
  it('hands on every piece in order, as UTF-8, in buffers of at most the size asked', async () => {
    const pieces = Array.from({ length: 300 }, (_, k) => `line ${k}: naïve 日本 😀 ${'x'.repeat(k % 37)}\n`);
    const sent = await batch(pieces, 256);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(joined(sent))).toBe(pieces.join(''));
    expect(sent.length).toBeGreaterThan(10);
    for (const bytes of sent) expect(bytes.length).toBeLessThanOrEqual(256);
    expect(sent.slice(0, -1).every((bytes) => bytes.length > 256 - 4)).toBe(true);
  });

  it('keeps bytes among text in order, passing a large buffer on as it is', async () => {
    const large = new Uint8Array(600).fill(65);
    const sent = await batch(['ab', new Uint8Array([1, 2, 3]), 'cd', large, 'é'], 512);
    expect([...joined(sent)]).toEqual([...Buffer.from('ab'), 1, 2, 3, ...Buffer.from('cd'), ...large, ...Buffer.from('é')]);
    expect(sent).toContain(large);
  });

  it('hands on nothing when nothing was written', async () => {
    expect(await batch([], 64)).toEqual([]);
    expect(await batch([''], 64)).toEqual([]);
  });
});
