import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRETRAIN_FAMILIES, generatePretrainDocuments, packDocuments, packedDocumentExamples, pretrainTexts } from '../../../src/generators/pretrain-corpus';
import type { PretrainDocument } from '../../../src/generators/pretrain-corpus';
import { isReservedForEval, normalizeWhitespace } from '../../../src/generators/problem';

const documents: PretrainDocument[] = [...generatePretrainDocuments(6000, 3)];

function reverse(text: string): string {
  return Array.from(text).reverse().join('');
}

/** Every line `<a> <op> <b> = <c>` of a document, checked by plain arithmetic. */
function wrongEquations(text: string): string[] {
  const wrong: string[] = [];
  for (const match of text.matchAll(/(?:^|[\s:])(\d+) ([+-]) (\d+)(?: ([+-]) (\d+))? = (\d+)/g)) {
    const [, a, op, b, op2, c, result] = match;
    let value = op === '+' ? Number(a) + Number(b) : Number(a) - Number(b);
    if (op2 !== undefined) value = op2 === '+' ? value + Number(c) : value - Number(c);
    if (value !== Number(result)) wrong.push(match[0]);
  }
  return wrong;
}

function evalPrompts(): string[] {
  return ['eval_v1', 'eval_v2'].flatMap((name) =>
    readFileSync(`evalsets/${name}/data.jsonl`, 'utf8').trim().split('\n').map((line) => normalizeWhitespace((JSON.parse(line) as { prompt: string }).prompt)));
}

describe('pretrain corpus', () => {
  it('is deterministic in its seed and differs between seeds', () => {
    const again = [...generatePretrainDocuments(6000, 3)];
    expect(again).toEqual(documents);
    const other = [...generatePretrainDocuments(200, 4)].map((d) => d.text);
    expect(other).not.toEqual(documents.slice(0, 200).map((d) => d.text));
  });

  it('draws every family near its declared share, as plain text without the chat template', () => {
    const counts = new Map<string, number>();
    for (const d of documents) counts.set(d.family === 'count_words' ? 'sentences' : d.family, (counts.get(d.family === 'count_words' ? 'sentences' : d.family) ?? 0) + 1);
    for (const family of PRETRAIN_FAMILIES) {
      expect(Math.abs((counts.get(family.name) ?? 0) / documents.length - family.percent / 100), family.name).toBeLessThan(0.02);
    }
    for (const d of documents) expect(d.text).not.toMatch(/<start_of_turn>|<end_of_turn>/);
  });

  it('computes every answer: arithmetic lines, column sums, reversals, letter case and counts', () => {
    for (const { family, text } of documents) {
      expect(wrongEquations(text), text).toEqual([]);
      const add = /^Add: (\d+) \+ (\d+)\n[\s\S]*Answer: (\d+)$/.exec(text);
      if (add) expect(Number(add[3]), text).toBe(Number(add[1]) + Number(add[2]));
      const subtract = /^Subtract: (\d+) - (\d+)\n[\s\S]*Answer: (\d+)$/.exec(text);
      if (subtract) expect(Number(subtract[3]), text).toBe(Number(subtract[1]) - Number(subtract[2]));
      const larger = /^(Larger|Smaller): (\d+) or (\d+)\n[\s\S]*Answer: (\d+)$/.exec(text);
      if (larger) expect(Number(larger[4]), text).toBe((larger[1] === 'Larger' ? Math.max : Math.min)(Number(larger[2]), Number(larger[3])));
      const reversed = /^Reverse: (\w+)\n[\s\S]*Answer: (\w+)$/.exec(text) ?? /^(\w+) reversed is (\w+)\.$/.exec(text);
      if (reversed) expect(reversed[2], text).toBe(reverse(reversed[1] as string));
      const upper = /^Uppercase: (\w+)\n[\s\S]*Answer: (\w+)$/.exec(text) ?? /^(\w+) in capitals is (\w+)\.$/.exec(text);
      if (upper) expect(upper[2], text).toBe((upper[1] as string).toUpperCase());
      const counted = /^(\w+) has (\d+) letters\.$/.exec(text) ?? /^Count the letters: (\w+)\n[\s\S]*Answer: (\d+)$/.exec(text);
      if (counted) expect(Number(counted[2]), text).toBe((counted[1] as string).length);
      if (family === 'count_words') {
        const [, sentence, answer] = /^Sentence: (.*)\n[\s\S]*Answer: (\d+)$/.exec(text) ?? [];
        expect(Number(answer), text).toBe((sentence as string).replace(/\.$/, '').split(' ').length);
      }
    }
  });

  it('splits each document where its worked-out part begins: the operands come before, never after', () => {
    for (const { family, text, answerFrom, guards } of documents) {
      expect(answerFrom, text).toBeGreaterThanOrEqual(0);
      expect(answerFrom, text).toBeLessThan(text.length);
      const given = text.slice(0, answerFrom);
      // Every operand a document's guards name (a word, or the first number) is in the given part.
      const operand = /^Repeat: (\S+)$/.exec(guards[0] ?? '')?.[1] ?? /^Add: (\d+) \+/.exec(guards[0] ?? '')?.[1];
      const shows = (word: string) => [word, word.toUpperCase()].some((w) => given.includes(w) || given.includes(Array.from(w).join(' ')));
      if (operand !== undefined && family !== 'digit_facts') expect(shows(operand), `${family}: ${text}`).toBe(true);
    }
    const byFamily = (name: string) => documents.filter((d) => d.family === name);
    expect(byFamily('digit_facts').every((d) => d.answerFrom === 0)).toBe(true);
    for (const { text, answerFrom } of byFamily('column_addition')) expect(text.slice(answerFrom)).toMatch(/^(Numbers: |\d+$)/);
  });

  it('never uses the operands of a prompt reserved for evaluation', () => {
    for (const d of documents) for (const guard of d.guards) expect(isReservedForEval(guard), guard).toBe(false);
    const withGuards = documents.filter((d) => d.guards.length > 0).length;
    expect(withGuards).toBeGreaterThan(documents.length * 0.8);
  });

  it('contains no eval_v1 or eval_v2 prompt, whatever the seed', () => {
    const prompts = evalPrompts();
    for (const seed of [0, 1, 2, 42, 100]) {
      const corpus = pretrainTexts(1500, seed, 256).join('\n\n');
      for (const prompt of prompts) {
        // A hit only counts when the prompt ends there (`Add: 4 + 5` inside `Add: 4 + 56` is another prompt).
        for (let at = corpus.indexOf(prompt); at !== -1; at = corpus.indexOf(prompt, at + 1)) {
          expect(/\w/.test(corpus[at + prompt.length] ?? ''), `${prompt} (seed ${seed})`).toBe(true);
        }
      }
    }
  });

  it('packs whole documents, blank-line separated, into texts of at most maxChars', () => {
    const docs = documents.slice(0, 400);
    const texts = [...packDocuments(docs, 120)];
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(120);
    const kept = docs.filter((d) => d.text.length <= 120).map((d) => d.text);
    expect(texts.join('\n\n')).toBe(kept.join('\n\n'));
    expect(pretrainTexts(50, 3, 120)).toEqual(texts.slice(0, 50));
  });

  it('packs documents with the loss on each worked part: rows of at most maxChars holding every fitting document in order', () => {
    const rows = packedDocumentExamples(60, 3, 120);
    expect(rows).toHaveLength(60);
    const pairs = rows.flatMap((row) => [{ prompt: row.prompt, completion: row.completion }, ...row.next]);
    for (const row of rows) {
      const text = [row, ...row.next].map((pair) => pair.prompt + pair.completion).join('');
      expect(text.length).toBeLessThanOrEqual(120);
      expect(row.next.every((pair) => pair.prompt.startsWith('\n\n'))).toBe(true);
    }
    // The documents, split where each one's worked part begins, in draw order, none left out.
    const kept = documents.filter((d) => d.text.length <= 120).slice(0, pairs.length);
    expect(pairs.map((pair) => pair.prompt.replace(/^\n\n/, '') + '|' + pair.completion)).toEqual(kept.map((d) => `${d.text.slice(0, d.answerFrom)}|${d.text.slice(d.answerFrom)}`));
    expect(rows.reduce((sum, row) => sum + 1 + row.next.length, 0) / rows.length).toBeGreaterThan(1.5);
  });
});
