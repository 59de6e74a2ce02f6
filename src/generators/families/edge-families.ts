// Edge-case families of the reasoning corpus: a minimal one-step trace, a long prompt, special
// characters, Unicode text, and a prompt wrapped in whitespace. They test importers, tokenizers
// and renderers as much as models. Must never emit `<` or `>` (chat-template safety), lone
// surrogates, or text that is not NFC.
import type { ProblemFamily } from '../problem';
import { step } from '../problem';
import { LOWERCASE, SPECIAL_CHARACTERS, UNICODE_WORDS } from '../vocabulary';
import { plainSentence, reverseSteps } from './text-families';

export const minimalOneStep: ProblemFamily = (random) => {
  const a = random.between(1, 9);
  const b = random.between(1, 9);
  return {
    prompt: `${a}+${b}=?`,
    steps: [step('compute', `${a}+${b}=${a + b}`)],
    answer: String(a + b),
    template: 'minimal_one_step',
    difficulty: 'easy',
  };
};

/** Eight to fourteen sentences, then a question whose answer needs every one of them. */
export const longPrompt: ProblemFamily = (random) => {
  const sentences: string[] = [];
  const total = random.between(8, 14);
  for (let k = 0; k < total; k++) sentences.push(plainSentence(random));
  const counts = sentences.map((s) => s.split(' ').length);
  const sum = counts.reduce((a, b) => a + b, 0);
  const passage = sentences.map((s) => `${s[0]?.toUpperCase()}${s.slice(1)}.`).join(' ');
  return {
    prompt: `Read the passage and answer the question.\n\n${passage}\n\nHow many words does the passage contain?`,
    steps: [
      ...counts.map((count, k) => step('count', `Sentence ${k + 1}: ${count} words`)),
      step('sum', `Total: ${counts.join(' + ')} = ${sum}`),
    ],
    answer: String(sum),
    template: 'long_prompt',
    difficulty: 'hard',
  };
};

/** Four to eight characters, at least two of them punctuation or symbols, in random order. */
export const specialCharacters: ProblemFamily = (random) => {
  const length = random.between(4, 8);
  const specialCount = random.between(2, length);
  const characters: string[] = [];
  for (let k = 0; k < length; k++) {
    characters.push(random.letters(k < specialCount ? SPECIAL_CHARACTERS : LOWERCASE, 1));
  }
  random.shuffleInPlace(characters);
  const text = characters.join('');
  return {
    prompt: `Reverse the string '${text}'.`,
    ...reverseSteps(text),
    template: 'special_characters',
    difficulty: 'medium',
  };
};

export const unicodeText: ProblemFamily = (random) => {
  const first = random.pick(UNICODE_WORDS);
  const word = random.next() < 0.5 ? first : `${first} ${random.pick(UNICODE_WORDS)}`;
  if (random.next() < 0.5) {
    return { prompt: `Reverse the string '${word}'.`, ...reverseSteps(word), template: 'unicode_text', difficulty: 'medium' };
  }
  const upper = word.toUpperCase();
  return {
    prompt: `Convert to uppercase: ${word}`,
    steps: [step('restate', `Text: ${word}`), step('map', `Each letter in uppercase: ${upper}`)],
    answer: upper,
    template: 'unicode_text',
    difficulty: 'medium',
  };
};

const PADDING = [' ', '  ', '\n', ' \n', '\t', '\n\n'] as const;

export const surroundingWhitespace: ProblemFamily = (random) => {
  const a = random.between(10, 99);
  const b = random.between(10, 99);
  return {
    prompt: `${random.pick(PADDING)}What is ${a} + ${b}?${random.pick(PADDING)}`,
    steps: [step('compute', `${a} + ${b} = ${a + b}`)],
    answer: String(a + b),
    template: 'surrounding_whitespace',
    difficulty: 'easy',
  };
};
