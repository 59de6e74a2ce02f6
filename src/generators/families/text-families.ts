// Text families of the reasoning corpus: reverse, sort letters or words, repeat, count words,
// uppercase. Every answer is computed from the drawn text by code. Must never draw text that
// holds `<`, `>` or quotes, so prompts stay safe inside the chat template and their quoting.
import type { Difficulty, ProblemFamily } from '../problem';
import { step } from '../problem';
import type { Random } from '../random';
import { ADJECTIVES, NOUNS, PLACES, VERBS, WORDS } from '../vocabulary';

function difficultyByLength(length: number, easyUpTo: number, mediumUpTo: number): Difficulty {
  if (length <= easyUpTo) return 'easy';
  return length <= mediumUpTo ? 'medium' : 'hard';
}

/** Reverse by Unicode code points, so letters outside the BMP are never split. */
export function reverseText(text: string): string {
  return Array.from(text).reverse().join('');
}

export function spelledOut(text: string): string {
  return Array.from(text).join(' ');
}

/** A plain sentence of 6 to 9 words, e.g. `the quick fox runs by the river`. */
export function plainSentence(random: Random): string {
  const adjective = random.next() < 0.5 ? `${random.pick(ADJECTIVES)} ` : '';
  return `the ${adjective}${random.pick(NOUNS)} ${random.pick(VERBS)} ${random.pick(PLACES)}`;
}

export function wordList(random: Random, min: number, max: number): string[] {
  const words: string[] = [];
  const count = random.between(min, max);
  for (let k = 0; k < count; k++) words.push(random.pick(WORDS));
  return words;
}

/** Steps and answer for reversing a quoted string: spell it out, then reverse the letters. */
export function reverseSteps(text: string) {
  const reversed = reverseText(text);
  return {
    steps: [
      step('restate', `Characters: ${spelledOut(text)}`),
      step('reverse', `Reversed: ${spelledOut(reversed)}`),
    ],
    answer: reversed,
  };
}

/** One common word, or two joined by a space. */
function shortPhrase(random: Random): string {
  const first = random.pick(WORDS);
  return random.next() < 0.5 ? first : `${first} ${random.pick(WORDS)}`;
}

export const reverseString: ProblemFamily = (random) => {
  const text = shortPhrase(random);
  return {
    prompt: `Reverse the string '${text}'.`,
    ...reverseSteps(text),
    template: 'reverse_string',
    difficulty: difficultyByLength(text.length, 4, 8),
  };
};

export const sortLetters: ProblemFamily = (random) => {
  const text = random.next() < 0.5 ? random.pick(WORDS) : `${random.pick(WORDS)}${random.pick(WORDS)}`;
  const sorted = Array.from(text).sort().join('');
  return {
    prompt: `Sort the letters of '${text}' alphabetically.`,
    steps: [
      step('restate', `Letters: ${spelledOut(text)}`),
      step('sort', `In order: ${spelledOut(sorted)}`),
    ],
    answer: sorted,
    template: 'sort_letters',
    difficulty: difficultyByLength(text.length, 4, 8),
  };
};

export const sortWords: ProblemFamily = (random) => {
  const words = random.pickDistinct(WORDS, random.between(3, 5));
  const sorted = words.slice().sort();
  return {
    prompt: `Sort these words alphabetically: ${words.join(', ')}`,
    steps: [
      step('restate', `Words: ${words.join(', ')}`),
      step('first_letters', `First letters: ${words.map((w) => w[0]).join(', ')}`),
      step('sort', `In order: ${sorted.join(', ')}`),
    ],
    answer: sorted.join(', '),
    template: 'sort_words',
    difficulty: difficultyByLength(words.length, 3, 4),
  };
};

export const repeatText: ProblemFamily = (random) => {
  const text = plainSentence(random);
  return {
    prompt: `Repeat exactly: ${text}`,
    steps: [step('restate', `Text to repeat: ${text}`)],
    answer: text,
    template: 'repeat_text',
    difficulty: 'easy',
  };
};

export const countWords: ProblemFamily = (random) => {
  const words = wordList(random, 3, 9);
  const text = words.join(' ');
  return {
    prompt: `How many words are in this text: '${text}'?`,
    steps: [
      step('split', `Words: ${words.join(' | ')}`),
      step('count', `Counting them one by one gives ${words.length}`),
    ],
    answer: String(words.length),
    template: 'count_words',
    difficulty: difficultyByLength(words.length, 4, 6),
  };
};

export const uppercaseText: ProblemFamily = (random) => {
  const text = plainSentence(random);
  const upper = text.toUpperCase();
  return {
    prompt: `Convert to uppercase: ${text}`,
    steps: [
      step('restate', `Text: ${text}`),
      step('map', `Each letter in uppercase: ${upper}`),
    ],
    answer: upper,
    template: 'uppercase_text',
    difficulty: 'easy',
  };
};
