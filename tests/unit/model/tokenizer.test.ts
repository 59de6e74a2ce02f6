import { describe, expect, it } from 'vitest';
import {
  BYTE_OFFSET,
  CharTokenizer,
  END_OF_TURN_ID,
  FIRST_CHAR_ID,
  START_OF_TURN_ID,
  UNK_ID,
} from '../../../src/model/tokenizer';

const corpus = ['<start_of_turn>user\nWhat is 2+3?<end_of_turn>\n<start_of_turn>model\nAnswer: 5<end_of_turn>'];

describe('CharTokenizer', () => {
  it('builds the vocabulary from the characters of the texts, in code point order, without the markers', () => {
    const tokenizer = CharTokenizer.fromTexts(['bca', 'ab']);
    expect(tokenizer.toJSON().chars).toEqual(['a', 'b', 'c']);
    expect(tokenizer.vocabSize).toBe(FIRST_CHAR_ID + 3);
    const withMarkers = CharTokenizer.fromTexts(['<start_of_turn>x<end_of_turn>']);
    expect(withMarkers.toJSON().chars).toEqual(['x']);
  });

  it('encodes the chat markers as single tokens', () => {
    const tokenizer = CharTokenizer.fromTexts(corpus);
    const ids = tokenizer.encode('<start_of_turn>model\n5<end_of_turn>');
    expect(ids[0]).toBe(START_OF_TURN_ID);
    expect(ids.at(-1)).toBe(END_OF_TURN_ID);
    expect(ids).toHaveLength(1 + 'model\n5'.length + 1);
    expect(tokenizer.decode(ids)).toBe('<start_of_turn>model\n5<end_of_turn>');
  });

  it('round-trips Unicode and emoji text through the byte fallback', () => {
    const tokenizer = CharTokenizer.fromTexts(corpus);
    const texts = ['héllo wörld', '数学 = math', '👩🏽‍🔬 fixes 🐛 in ∑(x²)', 'tab\tnew\nline', 'a<b>c</b><start_of_turn', ''];
    for (const text of texts) expect(tokenizer.decode(tokenizer.encode(text))).toBe(text);
    const emoji = tokenizer.encode('🐛');
    expect(emoji).toEqual([0xf0, 0x9f, 0x90, 0x9b].map((byte) => BYTE_OFFSET + byte));
  });

  it('gives a character in the vocabulary one token, and an emoji seen in training one token too', () => {
    const tokenizer = CharTokenizer.fromTexts(['🐛 bug']);
    expect(tokenizer.encode('🐛')).toHaveLength(1);
    expect(tokenizer.decode(tokenizer.encode('bug 🐛'))).toBe('bug 🐛');
  });

  it('maps a lone surrogate to UNK and decodes UNK as the replacement character', () => {
    const tokenizer = CharTokenizer.fromTexts(['a']);
    expect(tokenizer.encode('a\ud800a')).toEqual([FIRST_CHAR_ID, UNK_ID, FIRST_CHAR_ID]);
    expect(tokenizer.decode([UNK_ID])).toBe('\uFFFD');
  });

  it('keeps the most frequent characters when the vocabulary is capped', () => {
    const tokenizer = CharTokenizer.fromTexts(['aaab bc'], { maxChars: 2 });
    expect(tokenizer.toJSON().chars).toEqual(['a', 'b']);
    expect(tokenizer.decode(tokenizer.encode('cab'))).toBe('cab');
  });

  it('serializes to tokenizer.json and back with the same encoding and hash', () => {
    const tokenizer = CharTokenizer.fromTexts(corpus);
    const parsed = CharTokenizer.fromJSON(JSON.parse(JSON.stringify(tokenizer.toJSON())));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.value.encode(corpus[0] as string)).toEqual(tokenizer.encode(corpus[0] as string));
    expect(parsed.value.hash()).toBe(tokenizer.hash());
    expect(tokenizer.hash()).toMatch(/^[0-9a-f]{64}$/);
    expect(CharTokenizer.fromTexts(['xyz']).hash()).not.toBe(tokenizer.hash());
  });

  it('rejects a malformed tokenizer.json with paths', () => {
    const result = CharTokenizer.fromJSON({ tokenizer_version: 1, kind: 'char-byte-fallback', byte_fallback: true, special_tokens: [], chars: ['b', 'a', 'xy'] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.path)).toEqual(['special_tokens', 'chars[1]', 'chars[2]']);
  });

  it('names tokens for display', () => {
    const tokenizer = CharTokenizer.fromTexts(['a']);
    expect(tokenizer.tokenName(START_OF_TURN_ID)).toBe('<start_of_turn>');
    expect(tokenizer.tokenName(BYTE_OFFSET + 0xe2)).toBe('<0xE2>');
    expect(tokenizer.tokenName(FIRST_CHAR_ID)).toBe('a');
  });
});
