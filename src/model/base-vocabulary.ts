// The fixed character vocabulary of the shipped base models (issue 10): tab, newline, printable
// ASCII, and the letters outside ASCII that the app's generators and bundled eval sets use
// (Latin-1 and Latin Extended letters, Greek, Cyrillic). A base model's tokenizer.json is this
// vocabulary and fine-tuning from a base reuses it unchanged: any other character goes through
// the byte fallback. Must never change for a published base (its embedding rows are by id);
// a new vocabulary is a new base model.
import { CharTokenizer } from './tokenizer';

const PRINTABLE_ASCII = Array.from({ length: 0x7e - 0x20 + 1 }, (_, k) => String.fromCharCode(0x20 + k)).join('');

/** Letters outside ASCII found in the generators' corpora and eval sets, in code point order. */
const GENERATOR_LETTERS = 'ÀÅÆÇÈÉÏÑÓÖØÜÝßàåæçèéïñóöøüýČčŁłŹźŻżΈΊΌΑΓΗΚΛΜΟΡΣΦέίαγηκλμορςσφόВЕИМПРТвеимпрт';

/** Every character of the base vocabulary, in code point order. */
export const BASE_CHARACTERS = `\t\n${PRINTABLE_ASCII}${GENERATOR_LETTERS}`;

/** The tokenizer of every shipped base model. */
export function baseTokenizer(): CharTokenizer {
  return CharTokenizer.fromTexts([BASE_CHARACTERS]);
}
