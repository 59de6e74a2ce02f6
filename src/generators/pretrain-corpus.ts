// The general base corpus for pretraining small models (issue 10): plain text documents, never
// the chat template, that teach reading, copying and small computation before any fine-tuning:
// copying and spelling strings, reversing, letter case, counting letters and words, single-digit
// facts, two-digit column addition and subtraction with worked steps, comparisons, counting
// sequences and short templated sentences. The worked-step wording follows the curriculum
// families (curriculum-families.ts) so fine-tuning on them transfers; several other wordings of
// the same operations keep the base general. Every answer is computed by code. Must never emit
// the operands of a prompt reserved for evaluation: each document names the prompts its
// operands would make in every family that uses them, and is redrawn when any is reserved
// (problem.ts's held-out split), so no eval prompt can occur in any pretraining corpus.
import { isReservedForEval } from './problem';
import { Random } from './random';
import { ADJECTIVES, LOWERCASE, NOUNS, PLACES, VERBS, WORDS } from './vocabulary';

export const PRETRAIN_CORPUS_VERSION = '1.0.0';

/** One document and the eval-style prompts its operands stand for (checked against the split). */
export interface PretrainDocument {
  family: string;
  text: string;
  /**
   * Where the part a reader could work out begins: text before it (the operands, drawn at
   * random) is context only when a run masks the loss to answers; 0 when all of it counts.
   */
  answerFrom: number;
  /** Prompts the same operands would make in the eval families; none may be reserved. */
  guards: string[];
}

type DocumentFamily = (random: Random) => PretrainDocument;

/** A document's text as its given part and the part worked out from it. */
type Form = readonly [given: string, worked: string];

function document(family: string, [given, worked]: Form, guards: string[]): PretrainDocument {
  return { family, text: given + worked, answerFrom: given.length, guards };
}

function spelled(text: string): string {
  return Array.from(text).join(' ');
}

function reversed(text: string): string {
  return Array.from(text).reverse().join('');
}

/** A lowercase string of 3-8 letters: mostly short random letters, sometimes a real word. */
function drawWord(random: Random): string {
  if (random.next() < 0.25) return random.pick(WORDS);
  return random.letters(LOWERCASE, random.between(3, random.next() < 0.7 ? 5 : 8));
}

/** Every eval-family prompt a word operand appears in (curriculum, text and edge families). */
function wordGuards(word: string): string[] {
  return [
    `Repeat: ${word}`, `Uppercase: ${word}`, `Reverse: ${word}`,
    `Reverse the string '${word}'.`, `Convert to uppercase: ${word}`,
  ];
}

/** Every eval-family prompt a pair of numbers appears in, both orders. */
function numberGuards(a: number, b: number): string[] {
  const guards: string[] = [];
  for (const [x, y] of [[a, b], [b, a]] as const) {
    guards.push(`Add: ${x} + ${y}`, `Subtract: ${x} - ${y}`, `Larger: ${x} or ${y}`, `${x}+${y}=?`, `What is ${x} + ${y}?`);
  }
  return guards;
}

const copyWord: DocumentFamily = (random) => {
  const word = drawWord(random);
  const forms: Form[] = [
    [`Repeat: ${word}\n`, `Text: ${word}\nAnswer: ${word}`],
    [`Copy: ${word} -> `, word],
    [`Text: ${word}\n`, `Letters: ${spelled(word)}\nAgain: ${word}`],
    [`Spell ${word}: `, spelled(word)],
    [`Join ${spelled(word)}: `, word],
  ];
  return document('copy', random.pick(forms), wordGuards(word));
};

const reverseWord: DocumentFamily = (random) => {
  const word = drawWord(random);
  const back = reversed(word);
  const forms: Form[] = [
    [`Reverse: ${word}\n`, `Text: ${word}\nLetters: ${spelled(word)}\nReversed: ${spelled(back)}\nAnswer: ${back}`],
    [`${word} reversed is `, `${back}.`],
    [`Letters: ${spelled(word)}\n`, `Backwards: ${spelled(back)}`],
    [`Reverse ${word}: `, back],
  ];
  return document('reverse', random.pick(forms), wordGuards(word));
};

const letterCase: DocumentFamily = (random) => {
  const word = drawWord(random);
  const upper = word.toUpperCase();
  const forms: Form[] = [
    [`Uppercase: ${word}\n`, `Text: ${word}\nLetters: ${spelled(word)}\nUpper: ${spelled(upper)}\nAnswer: ${upper}`],
    [`${word} in capitals is `, `${upper}.`],
    [`Lowercase: ${upper}\n`, `Letters: ${spelled(upper)}\nLower: ${spelled(word)}\nAnswer: ${word}`],
    [`Upper: ${spelled(upper)}\n`, `Lower: ${spelled(word)}`],
  ];
  return document('letter_case', random.pick(forms), wordGuards(word));
};

const countLetters: DocumentFamily = (random) => {
  const word = drawWord(random);
  const letters = Array.from(word);
  const numbered = letters.map((letter, k) => `${k + 1} ${letter}`).join(', ');
  const form: Form = random.next() < 0.5
    ? [`Count the letters: ${word}\n`, `Letters: ${numbered}\nAnswer: ${letters.length}`]
    : [`${word} has `, `${letters.length} letters.`];
  return document('count_letters', form, wordGuards(word));
};

function sentence(random: Random): string {
  const adjective = random.next() < 0.5 ? `${random.pick(ADJECTIVES)} ` : '';
  return `The ${adjective}${random.pick(NOUNS)} ${random.pick(VERBS)} ${random.pick(PLACES)}.`;
}

const sentences: DocumentFamily = (random) => {
  const lines = Array.from({ length: random.between(1, 3) }, () => sentence(random));
  if (random.next() < 0.5) return document('sentences', ['', lines.join(' ')], []);
  const words = lines[0]!.replace(/\.$/, '').split(' ');
  return document('count_words', [`Sentence: ${lines[0]}\n`, `Words: ${words.map((w, k) => `${k + 1} ${w}`).join(', ')}\nAnswer: ${words.length}`], []);
};

const digitFacts: DocumentFamily = (random) => {
  const facts: string[] = [];
  const guards: string[] = [];
  for (let k = random.between(3, 6); k > 0; k--) {
    const a = random.between(0, 9);
    const b = random.between(0, 9);
    const subtract = random.next() < 0.4;
    const [x, y] = subtract ? [Math.max(a, b), Math.min(a, b)] : [a, b];
    facts.push(subtract ? `${x} - ${y} = ${x - y}` : `${x} + ${y} = ${x + y}`);
    guards.push(...numberGuards(a, b));
  }
  // Every later fact's operands are drawn too, so all of it counts (digits are few to guess).
  return document('digit_facts', ['', facts.join('\n')], guards);
};

function twoDigitPair(random: Random): [number, number] {
  return [random.between(10, 99), random.between(10, 99)];
}

const columnAddition: DocumentFamily = (random) => {
  const [a, b] = twoDigitPair(random);
  const ones = (a % 10) + (b % 10);
  const carry = ones >= 10 ? 1 : 0;
  const tens = Math.floor(a / 10) + Math.floor(b / 10) + carry;
  const sum = a + b;
  const worked = [
    `Numbers: ${a} and ${b}`,
    `Ones: ${a % 10} + ${b % 10} = ${ones}, write ${ones % 10}, carry ${carry}`,
    `Tens: ${Math.floor(a / 10)} + ${Math.floor(b / 10)} + ${carry} = ${tens}`,
    `Result: ${tens} then ${ones % 10} = ${sum}`,
  ].join('\n');
  const form: Form = random.next() < 0.7 ? [`Add: ${a} + ${b}\n`, `${worked}\nAnswer: ${sum}`] : [`${a} + ${b} = `, `${sum}`];
  return document('column_addition', form, numberGuards(a, b));
};

const columnSubtraction: DocumentFamily = (random) => {
  const [p, q] = twoDigitPair(random);
  const [a, b] = [Math.max(p, q), Math.min(p, q)];
  const borrow = a % 10 < b % 10 ? 1 : 0;
  const ones = (a % 10) + 10 * borrow - (b % 10);
  const tens = Math.floor(a / 10) - borrow - Math.floor(b / 10);
  const worked = [
    `Numbers: ${a} and ${b}`,
    `Ones: ${(a % 10) + 10 * borrow} - ${b % 10} = ${ones}, borrow ${borrow}`,
    `Tens: ${Math.floor(a / 10)} - ${borrow} - ${Math.floor(b / 10)} = ${tens}`,
    `Answer: ${a - b}`,
  ].join('\n');
  return document('column_subtraction', [`Subtract: ${a} - ${b}\n`, worked], numberGuards(a, b));
};

const comparison: DocumentFamily = (random) => {
  const [a, b] = twoDigitPair(random);
  if (a === b) return document('comparison', [`${a} and ${b}`, ' are equal.'], numberGuards(a, b));
  const larger = random.next() < 0.7;
  const pick = larger ? Math.max(a, b) : Math.min(a, b);
  const word = larger ? 'larger' : 'smaller';
  const [tensA, tensB] = [Math.floor(a / 10), Math.floor(b / 10)];
  const question = `${larger ? 'Larger' : 'Smaller'}: ${a} or ${b}\n`;
  const lines = [`Numbers: ${a} and ${b}`];
  if (tensA !== tensB) lines.push(`Tens: ${tensA} vs ${tensB}, ${larger ? Math.max(tensA, tensB) : Math.min(tensA, tensB)} is ${word}`);
  else {
    lines.push(`Tens: ${tensA} vs ${tensB}, equal`);
    const [onesA, onesB] = [a % 10, b % 10];
    lines.push(`Ones: ${onesA} vs ${onesB}, ${larger ? Math.max(onesA, onesB) : Math.min(onesA, onesB)} is ${word}`);
  }
  lines.push(`Answer: ${pick}`);
  return document('comparison', [question, lines.join('\n')], numberGuards(a, b));
};

const countingSequence: DocumentFamily = (random) => {
  const start = random.between(0, 90);
  const length = random.between(4, 8);
  const down = random.next() < 0.3;
  const numbers = Array.from({ length }, (_, k) => (down ? start + length - 1 - k : start + k));
  return document('counting', [`Count ${down ? 'down' : 'up'}: ${numbers[0]}`, ` ${numbers.slice(1).join(' ')}`], []);
};

/** The families and their shares of the documents, in percent. */
export const PRETRAIN_FAMILIES: readonly { name: string; percent: number; draw: DocumentFamily }[] = [
  { name: 'copy', percent: 12, draw: copyWord },
  { name: 'reverse', percent: 14, draw: reverseWord },
  { name: 'letter_case', percent: 12, draw: letterCase },
  { name: 'count_letters', percent: 6, draw: countLetters },
  { name: 'sentences', percent: 6, draw: sentences },
  { name: 'digit_facts', percent: 10, draw: digitFacts },
  { name: 'column_addition', percent: 18, draw: columnAddition },
  { name: 'column_subtraction', percent: 6, draw: columnSubtraction },
  { name: 'comparison', percent: 12, draw: comparison },
  { name: 'counting', percent: 4, draw: countingSequence },
];

const MAX_DRAWS = 1_000;

function pickFamily(random: Random): DocumentFamily {
  let roll = random.next() * 100;
  for (const family of PRETRAIN_FAMILIES) {
    roll -= family.percent;
    if (roll < 0) return family.draw;
  }
  return (PRETRAIN_FAMILIES.at(-1) as { draw: DocumentFamily }).draw;
}

/** Documents in draw order; same count and seed, same documents. */
export function* generatePretrainDocuments(count: number, seed: number): Generator<PretrainDocument> {
  const random = new Random(seed);
  for (let k = 0; k < count; k++) {
    const draw = pickFamily(random);
    let attempt = 0;
    let document = draw(random);
    while (document.guards.some(isReservedForEval)) {
      if (++attempt >= MAX_DRAWS) throw new Error(`pretrain corpus: ${document.family} could not avoid the eval split`);
      document = draw(random);
    }
    yield document;
  }
}

/**
 * Packs documents, separated by a blank line, into texts of at most `maxChars` characters,
 * never splitting a document (one longer than maxChars is dropped). With a tokenizer that has
 * every character of the corpus (see base-vocabulary.ts) a character is one token.
 */
export function* packDocuments(documents: Iterable<PretrainDocument>, maxChars: number): Generator<string> {
  let current = '';
  for (const { text } of documents) {
    if (text.length > maxChars) continue;
    const joined = current === '' ? text : `${current}\n\n${text}`;
    if (joined.length <= maxChars) current = joined;
    else {
      yield current;
      current = text;
    }
  }
  if (current !== '') yield current;
}

/** `count` packed texts of at most maxChars characters (a deterministic function of its arguments). */
export function pretrainTexts(count: number, seed: number, maxChars: number): string[] {
  const texts: string[] = [];
  if (count <= 0) return texts;
  for (const text of packDocuments(generatePretrainDocuments(Number.MAX_SAFE_INTEGER, seed), maxChars)) {
    texts.push(text);
    if (texts.length === count) break;
  }
  return texts;
}

/**
 * `count` documents of at most maxChars characters, one per text (not packed): every document
 * starts right after BOS, where a fine-tuning prompt starts too.
 */
export function pretrainDocumentTexts(count: number, seed: number, maxChars: number): string[] {
  return fittingDocuments(count, seed, maxChars).map(({ text }) => text);
}

/**
 * `count` documents of at most maxChars characters as prompt/completion pairs split at their
 * answerFrom: with the loss masked to completions, only what can be worked out is learned.
 */
export function pretrainDocumentExamples(count: number, seed: number, maxChars: number): { prompt: string; completion: string }[] {
  return fittingDocuments(count, seed, maxChars).map(({ text, answerFrom }) => ({ prompt: text.slice(0, answerFrom), completion: text.slice(answerFrom) }));
}

/** A packed example: documents' given parts are context, their worked parts carry the loss. */
export interface PackedDocumentExample {
  prompt: string;
  completion: string;
  next: { prompt: string; completion: string }[];
}

/**
 * `count` rows of documents packed in draw order, separated by a blank line, each row at most
 * maxChars characters, the loss masked to every document's worked part (as
 * pretrainDocumentExamples). Packing puts documents at every position of the context, so that
 * a base learns all its position embeddings: one document per row never reaches past the
 * longest document (about 125 characters), where a chat-template column addition's answer is.
 */
export function packedDocumentExamples(count: number, seed: number, maxChars: number): PackedDocumentExample[] {
  const rows: PackedDocumentExample[] = [];
  if (count <= 0) return rows;
  let row: PackedDocumentExample | null = null;
  let length = 0;
  for (const { text, answerFrom } of documentsThatFit(seed, maxChars)) {
    if (row && length + 2 + text.length <= maxChars) {
      row.next.push({ prompt: `\n\n${text.slice(0, answerFrom)}`, completion: text.slice(answerFrom) });
      length += 2 + text.length;
      continue;
    }
    if (row) {
      rows.push(row);
      if (rows.length === count) return rows;
    }
    row = { prompt: text.slice(0, answerFrom), completion: text.slice(answerFrom), next: [] };
    length = text.length;
  }
  return rows;
}

/** Every document of at most maxChars characters, in draw order, without end. */
function* documentsThatFit(seed: number, maxChars: number): Generator<PretrainDocument> {
  for (const document of generatePretrainDocuments(Number.MAX_SAFE_INTEGER, seed)) if (document.text.length <= maxChars) yield document;
}

/** The first `count` documents of at most maxChars characters, in draw order. */
function fittingDocuments(count: number, seed: number, maxChars: number): PretrainDocument[] {
  const documents: PretrainDocument[] = [];
  if (count <= 0) return documents;
  for (const document of documentsThatFit(seed, maxChars)) {
    documents.push(document);
    if (documents.length === count) break;
  }
  return documents;
}
