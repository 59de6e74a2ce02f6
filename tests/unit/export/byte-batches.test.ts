// UTF-8 batching of an export's pieces: everything comes out in order and intact (multi-byte
// characters and surrogate pairs included), in buffers of at most the batch size.
import { describe, expect, it } from 'vitest';
import { byteBatcher } from '../../../src/export/byte-batches';

async function batch(pieces: (string | Uint8Array)[], size: number): Promise<Uint8Array[]> {
  const sent: Uint8Array[] = [];
  const batcher = byteBatcher((bytes) => void sent.push(bytes), { size });
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

  it('goes on while a few buffers are on their way, and flush waits for all of them', async () => {
    const taken: number[] = [];
    const waiting: (() => void)[] = [];
    let sent = 0;
    const batcher = byteBatcher(
      () =>
        new Promise<void>((resolve) => {
          const n = sent++;
          waiting.push(() => {
            taken.push(n);
            resolve();
          });
        }),
      { size: 8, inFlight: 3 },
    );
    await batcher.write('a'.repeat(8));
    await batcher.write('b'.repeat(8));
    expect(sent).toBe(2); // two on their way, none taken: the writer was not held up
    const third = batcher.write('c'.repeat(8)); // the third fills the allowance: waits for the first
    await Promise.resolve();
    expect(sent).toBe(3);
    waiting.shift()!();
    await third;
    const flushed = batcher.flush();
    let done = false;
    void flushed.then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false);
    while (waiting.length > 0) waiting.shift()!();
    await flushed;
    expect(taken).toEqual([0, 1, 2]);
  });

  it('fails a later write or the flush when a buffer could not be handed on', async () => {
    const batcher = byteBatcher(() => Promise.reject(new Error('disk full')), { size: 4, inFlight: 2 });
    await batcher.write('abcd');
    await expect(batcher.write('efgh')).rejects.toThrow('disk full');
  });
});
