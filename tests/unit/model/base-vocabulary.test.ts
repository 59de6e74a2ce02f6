import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE_CHARACTERS, baseTokenizer } from '../../../src/model/base-vocabulary';
import { FIRST_CHAR_ID } from '../../../src/model/tokenizer';
import { renderPromptCompletion } from '../../../src/export/gemma';
import { generateCurriculum } from '../../../src/generators/curriculum';
import { pretrainTexts } from '../../../src/generators/pretrain-corpus';
import { generateReasoningCorpus } from '../../../src/generators/reasoning-corpus';
import { generateHighCardDuel, generateHighCardDuelOutcome } from '../../../src/generators/ungar';

describe('base vocabulary', () => {
  it('is one token per character, in code point order, with no repeats', () => {
    const tokenizer = baseTokenizer();
    const chars = Array.from(BASE_CHARACTERS);
    expect(tokenizer.vocabSize).toBe(FIRST_CHAR_ID + chars.length);
    expect(tokenizer.toJSON().chars).toEqual(chars);
    expect(tokenizer.encode('Add: 12 + 34\n')).toHaveLength('Add: 12 + 34\n'.length);
  });

  it('covers every character the generators and bundled eval sets write, so none needs the byte fallback', () => {
    const known = new Set(Array.from(BASE_CHARACTERS));
    const texts: string[] = [...pretrainTexts(300, 1, 256)];
    for (const trace of [...generateReasoningCorpus(3000, 5), ...generateCurriculum(500, 5), ...generateHighCardDuel(200, 5), ...generateHighCardDuelOutcome(200, 5)]) {
      const { prompt, completion } = renderPromptCompletion(trace);
      texts.push((prompt + completion).replace(/<(start|end)_of_turn>/g, ''));
    }
    for (const name of ['eval_v1', 'eval_v2']) texts.push(readFileSync(`evalsets/${name}/data.jsonl`, 'utf8'));
    const missing = new Set(texts.flatMap((text) => Array.from(text)).filter((c) => !known.has(c) && c !== '\r'));
    expect([...missing]).toEqual([]);
  });

  it('keeps other characters through the byte fallback', () => {
    const tokenizer = baseTokenizer();
    expect(tokenizer.decode(tokenizer.encode('snow ☃ 雪'))).toBe('snow ☃ 雪');
  });
});
