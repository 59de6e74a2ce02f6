// JsonArraySplitter and readJsonArrayBatches: top-level arrays and {traces: [...]} objects,
// tricky strings, chunk boundaries at every position, BOM, and each structural error with its line.
import { describe, expect, it } from 'vitest';
import { JsonArraySplitter, JsonStructureError, readJsonArrayBatches, type Element } from '../../../src/traces/json-array-splitter';

function splitChunks(chunks: string[]): Element[] {
  const splitter = new JsonArraySplitter();
  return [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
}

function structureError(chunks: string[]): { line: number; message: string } {
  try {
    splitChunks(chunks);
  } catch (error) {
    if (error instanceof JsonStructureError) return { line: error.line, message: error.message };
    throw error;
  }
  throw new Error('expected a JsonStructureError');
}

/** Every way of cutting `text` into two and into three chunks gives `expected`. */
function expectSameAtEverySplit(text: string, expected: Element[]): void {
  expect(splitChunks([text])).toEqual(expected);
  for (let first = 0; first <= text.length; first++) {
    expect(splitChunks([text.slice(0, first), text.slice(first)])).toEqual(expected);
    for (let second = first; second <= text.length; second += 3) {
      expect(splitChunks([text.slice(0, first), text.slice(first, second), text.slice(second)])).toEqual(expected);
    }
  }
  expect(splitChunks([...text])).toEqual(expected);
}

const TRICKY = [
  '{"p":"a ] b } c [ d { e , f"}',
  '{"q":"say \\"hi\\", then \\\\","r":[1,{"s":"]"}]}',
  '{"u":"é 😀 \\u005d \\" ,"}',
];

describe('JsonArraySplitter: arrays', () => {
  it('returns each element of a pretty-printed array with the line it starts on', () => {
    const text = JSON.stringify([{ a: 1 }, { b: [2, 3] }], null, 2);
    expect(splitChunks([text])).toEqual([
      { line: 2, text: '{\n    "a": 1\n  }' },
      { line: 5, text: '{\n    "b": [\n      2,\n      3\n    ]\n  }' },
    ]);
  });

  it('keeps brackets, braces, commas, escaped quotes and unicode inside strings', () => {
    const text = `[${TRICKY.join(',\n')}]`;
    const expected = TRICKY.map((element, k) => ({ line: k + 1, text: element }));
    expect(splitChunks([text])).toEqual(expected);
    for (const [k, element] of expected.entries()) expect(JSON.parse(element.text)).toEqual(JSON.parse(TRICKY[k]!));
  });

  it('gives the same elements wherever the input is split', () => {
    const text = `\uFEFF [\r\n ${TRICKY.join(' ,\r\n')} , 7, "s]" ,null ]\n `;
    expectSameAtEverySplit(text, [
      { line: 2, text: TRICKY[0]! },
      { line: 3, text: TRICKY[1]! },
      { line: 4, text: TRICKY[2]! },
      { line: 4, text: '7' },
      { line: 4, text: '"s]"' },
      { line: 4, text: 'null' },
    ]);
  });

  it('counts line feeds inside strings too, escaped or not, for the lines of later elements', () => {
    const text = '[{"a":"x\ny"},\n{"b":"\\\nz\\\\"},\n\n{"c":"\\"\n"}, {"d":1}]';
    expectSameAtEverySplit(text, [
      { line: 1, text: '{"a":"x\ny"}' },
      { line: 3, text: '{"b":"\\\nz\\\\"}' },
      { line: 6, text: '{"c":"\\"\n"}' },
      { line: 7, text: '{"d":1}' },
    ]);
  });

  it('accepts an empty array', () => {
    expect(splitChunks(['  [ \n ]  \n'])).toEqual([]);
  });

  it('leaves malformed elements to the record parser', () => {
    expect(splitChunks(['[{"a":1} {"b":2}, {"c":}]'])).toEqual([
      { line: 1, text: '{"a":1} {"b":2}' },
      { line: 1, text: '{"c":}' },
    ]);
  });
});

describe('JsonArraySplitter: {traces: [...]} objects', () => {
  it('reads the traces array and skips the other keys, before and after it', () => {
    const text = '{\n  "name": "set [1] {x}",\n  "info": {"traces": [9], "s": "\\"}"},\n  "traces": [\n    {"a": 1},\n    {"b": "]"}\n  ],\n  "after": [1, {"c": "}"}]\n}\n';
    expectSameAtEverySplit(text, [
      { line: 5, text: '{"a": 1}' },
      { line: 6, text: '{"b": "]"}' },
    ]);
  });

  it('recognizes a key spelled with escapes', () => {
    expect(splitChunks(['{"tr\\u0061ces":[1]}'])).toEqual([{ line: 1, text: '1' }]);
  });

  it('accepts an empty traces array', () => {
    expect(splitChunks(['{"traces":[]}'])).toEqual([]);
  });
});

describe('JsonArraySplitter: structural errors', () => {
  it.each([
    ['', 1, 'empty file: expected a JSON array of traces or an object with a "traces" array'],
    ['\n  \n', 3, 'empty file: expected a JSON array of traces or an object with a "traces" array'],
    ['\n"text"', 2, 'expected a JSON array of traces or an object with a "traces" array, got "\\""'],
    ['42', 1, 'expected a JSON array of traces or an object with a "traces" array, got "4"'],
    ['{"name": "x",\n "items": []}', 2, 'no "traces" array in the top-level object'],
    ['{}', 1, 'no "traces" array in the top-level object'],
    ['{\n"traces": {"a": 1}}', 2, '"traces" must be an array, got "{"'],
    ['{"traces": [1], "traces": [2]}', 1, 'duplicate "traces" key in the top-level object'],
    ['{"a" 1}', 1, 'expected \':\' after a key, got "1"'],
    ['{"a": 1,}', 1, 'expected a key in the top-level object, got "}"'],
    ['{"traces": [1] "x": 2}', 1, 'expected \',\' or \'}\' after the "traces" array, got "\\""'],
    ['{"traces": [1]', 1, "unterminated object: the file ends before its closing '}'"],
    ['{"name": "x"', 1, 'no "traces" array in the top-level object'],
    ['[1,\n2,\n', 3, "unterminated array: the file ends before its closing ']'"],
    ['[\n{"a": 1}', 2, "unterminated array: the file ends before its closing ']'"],
    ['[\n{"a": "abc\n', 2, 'unterminated string: the file ends inside a string that starts on this line'],
    ['[1]\n\nx', 3, 'unexpected content after the end of the array'],
    ['{"traces": []} []', 1, 'unexpected content after the end of the object'],
    ['[1,\n]', 2, "trailing ',' before ']'"],
    ['[,1]', 1, "missing element: ',' where an element should start"],
    ['[1,,2]', 1, "missing element: ',' where an element should start"],
    ['[1}', 1, "unexpected '}' in the array"],
  ])('%j: line %i, %s', (text, line, message) => {
    expect(structureError([text])).toEqual({ line, message });
  });

  it('is an Error named JsonStructureError', () => {
    const error = new JsonStructureError(3, 'bad');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'JsonStructureError', line: 3, message: 'bad' });
  });

  it('returns the elements before an error in the same chunk and throws on the next call', () => {
    const splitter = new JsonArraySplitter();
    expect(splitter.push('[1,\n2]\ngarbage')).toEqual([{ line: 1, text: '1' }, { line: 2, text: '2' }]);
    expect(() => splitter.end()).toThrow(expect.objectContaining({ line: 3, message: 'unexpected content after the end of the array' }));
  });

  it('throws at once when the chunk completed no element', () => {
    const splitter = new JsonArraySplitter();
    expect(() => splitter.push('x')).toThrow(JsonStructureError);
  });
});

describe('readJsonArrayBatches', () => {
  const bytes = new TextEncoder().encode('\uFEFF{"traces": [{"a": "é😀"},\n{"b": 2}]}');

  function stream(chunkBytes: number): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += chunkBytes) controller.enqueue(bytes.slice(at, at + chunkBytes));
        controller.close();
      },
    });
  }

  it.each([1, 5, 4096])('reads elements from %i-byte chunks, reporting bytes', async (chunkBytes) => {
    const elements: Element[] = [];
    let bytesSeen = 0;
    for await (const batch of readJsonArrayBatches(stream(chunkBytes), { bytesRead: (n) => (bytesSeen = n) })) elements.push(...batch);
    expect(elements).toEqual([
      { line: 1, text: '{"a": "é😀"}' },
      { line: 2, text: '{"b": 2}' },
    ]);
    expect(bytesSeen).toBe(bytes.length);
  });

  it('throws a JsonStructureError after yielding the elements before it', async () => {
    const broken = new TextEncoder().encode('[{"a": 1},\n{"b": 2},\n{"c": ');
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(broken);
        controller.close();
      },
    });
    const elements: Element[] = [];
    const reading = (async () => {
      for await (const batch of readJsonArrayBatches(source)) elements.push(...batch);
    })();
    await expect(reading).rejects.toBeInstanceOf(JsonStructureError);
    await expect(reading).rejects.toMatchObject({ line: 3, message: "unterminated array: the file ends before its closing ']'" });
    expect(elements.map((e) => e.line)).toEqual([1, 2]);
  });

  it('stops with the signal reason when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(readJsonArrayBatches(stream(4), { signal: controller.signal }).next()).rejects.toThrow('stop');
  });
});
