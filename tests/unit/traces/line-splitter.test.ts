// LineSplitter and readLineBatches: numbering, blank lines, trailing newline, BOM, CRLF, a last
// line without newline, chunks split at every position, UTF-8 across chunks, progress and cancel.
import { describe, expect, it } from 'vitest';
import { LineSplitter, readLineBatches, type Line } from '../../../src/traces/line-splitter';

function splitChunks(chunks: string[]): Line[] {
  const splitter = new LineSplitter();
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

/** Bytes delivered `chunkBytes` at a time; `cancelled` records a cancel from the reader. */
function byteStream(bytes: Uint8Array, chunkBytes: number) {
  const state = { cancelled: false as boolean, reason: undefined as unknown, pulls: 0 };
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulls++;
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunkBytes));
      at += chunkBytes;
    },
    cancel(reason) {
      state.cancelled = true;
      state.reason = reason;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

async function collect(batches: AsyncGenerator<Line[]>): Promise<Line[]> {
  const lines: Line[] = [];
  for await (const batch of batches) lines.push(...batch);
  return lines;
}

describe('LineSplitter', () => {
  it('numbers lines from 1 and returns the last line without newline from end()', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('a\nb\nc')).toEqual([{ line: 1, text: 'a' }, { line: 2, text: 'b' }]);
    expect(splitter.end()).toEqual([{ line: 3, text: 'c' }]);
  });

  it('returns nothing more at the end after a trailing newline', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('a\nb\n')).toHaveLength(2);
    expect(splitter.end()).toEqual([]);
  });

  it('skips blank and whitespace-only lines but counts them', () => {
    expect(splitChunks(['a\n\n   \n\t\r\nb\n \n'])).toEqual([{ line: 1, text: 'a' }, { line: 5, text: 'b' }]);
  });

  it('keeps whitespace around content as it is', () => {
    expect(splitChunks(['  {"a":1}  \n'])).toEqual([{ line: 1, text: '  {"a":1}  ' }]);
  });

  it('removes the CR of CRLF line ends, including on the last line', () => {
    expect(splitChunks(['a\r\nb\r\nc\r'])).toEqual([
      { line: 1, text: 'a' },
      { line: 2, text: 'b' },
      { line: 3, text: 'c' },
    ]);
  });

  it('strips a BOM at the very start only', () => {
    expect(splitChunks(['\uFEFFa\n\uFEFFb'])).toEqual([{ line: 1, text: 'a' }, { line: 2, text: '\uFEFFb' }]);
  });

  it('strips a BOM that arrives alone or after empty chunks', () => {
    expect(splitChunks(['', '\uFEFF', 'a\n'])).toEqual([{ line: 1, text: 'a' }]);
  });

  it('gives the same lines wherever the input is split, into two or three chunks', () => {
    const text = '\uFEFF{"a":1}\r\n\r\n  \n{"b":"é😀"}\n\t\n{"c":[3]}\r\nlast';
    const expected = splitChunks([text]);
    expect(expected).toEqual([
      { line: 1, text: '{"a":1}' },
      { line: 4, text: '{"b":"é😀"}' },
      { line: 6, text: '{"c":[3]}' },
      { line: 7, text: 'last' },
    ]);
    for (let first = 0; first <= text.length; first++) {
      expect(splitChunks([text.slice(0, first), text.slice(first)])).toEqual(expected);
      for (let second = first; second <= text.length; second++) {
        expect(splitChunks([text.slice(0, first), text.slice(first, second), text.slice(second)])).toEqual(expected);
      }
    }
    expect(splitChunks([...text])).toEqual(expected);
  });

  it('joins a long line delivered in many chunks', () => {
    const long = 'x'.repeat(2_000_000);
    const chunks = `a\n${long}\nb`.match(/[^]{1,1000}/g)!;
    expect(splitChunks(chunks)).toEqual([{ line: 1, text: 'a' }, { line: 2, text: long }, { line: 3, text: 'b' }]);
  });
});

describe('readLineBatches', () => {
  const text = '{"a":"é"}\r\n\n{"b":"😀€"}\n{"c":1}';
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);

  it.each([1, 2, 3, 7, 4096])('decodes UTF-8 split across %i-byte chunks and strips the BOM', async (chunkBytes) => {
    const { stream } = byteStream(bytes, chunkBytes);
    expect(await collect(readLineBatches(stream))).toEqual([
      { line: 1, text: '{"a":"é"}' },
      { line: 3, text: '{"b":"😀€"}' },
      { line: 4, text: '{"c":1}' },
    ]);
  });

  it('yields one batch per chunk and reports cumulative bytes', async () => {
    const { stream } = byteStream(bytes, 10);
    const reported: number[] = [];
    let batches = 0;
    for await (const _batch of readLineBatches(stream, { bytesRead: (n) => reported.push(n) })) batches++;
    const chunks = Math.ceil(bytes.length / 10);
    expect(reported).toEqual(Array.from({ length: chunks }, (_, k) => Math.min((k + 1) * 10, bytes.length)));
    expect(batches).toBe(chunks + 1); // plus the last line, which has no newline
  });

  it('replaces invalid UTF-8 with U+FFFD instead of failing', async () => {
    const { stream } = byteStream(new Uint8Array([0x61, 0xff, 0x62, 0x0a]), 2);
    expect(await collect(readLineBatches(stream))).toEqual([{ line: 1, text: 'a\uFFFDb' }]);
  });

  it('throws the reason at once when the signal is already aborted', async () => {
    const { stream } = byteStream(bytes, 4);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(collect(readLineBatches(stream, { signal: controller.signal }))).rejects.toThrow('stop');
  });

  it('stops after the current chunk when aborted, and cancels the stream', async () => {
    const { stream, state } = byteStream(bytes, 4);
    const controller = new AbortController();
    const seen: Line[][] = [];
    const reading = (async () => {
      for await (const batch of readLineBatches(stream, { signal: controller.signal })) {
        seen.push(batch);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(2);
    expect(state.cancelled).toBe(true);
  });

  it('stops a read that is waiting for data when aborted', async () => {
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) controller.enqueue(new TextEncoder().encode('{"a":1}\n'));
        sent = true; // then never sends again nor closes
      },
    });
    const controller = new AbortController();
    const reading = (async () => {
      for await (const _batch of readLineBatches(stream, { signal: controller.signal })) setTimeout(() => controller.abort(new Error('cancelled by user')), 5);
    })();
    await expect(reading).rejects.toThrow('cancelled by user');
  });

  it('cancels the stream when the consumer stops early', async () => {
    const { stream, state } = byteStream(bytes, 4);
    for await (const _batch of readLineBatches(stream)) break;
    expect(state.cancelled).toBe(true);
  });
});
