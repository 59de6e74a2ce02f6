// Character-level tokenizer with a byte fallback: owns the vocabulary (special tokens, the 256
// byte tokens, the characters seen in a dataset), encoding, decoding and tokenizer.json.
// Must never lose text: every well-formed Unicode string encodes and decodes back to itself,
// characters outside the vocabulary going through their UTF-8 bytes. Pure: no tf, no DOM.
import type { ValidationIssue, ValidationResult } from '../traces/types';
import { sha256Hex } from '../generators/sha256';

/** Special tokens, in id order. Only the two chat markers are ever parsed out of text. */
export const SPECIAL_TOKENS = ['<pad>', '<bos>', '<eos>', '<unk>', '<start_of_turn>', '<end_of_turn>'] as const;
export const PAD_ID = 0;
export const BOS_ID = 1;
export const EOS_ID = 2;
export const UNK_ID = 3;
export const START_OF_TURN_ID = 4;
export const END_OF_TURN_ID = 5;
/** Ids BYTE_OFFSET .. BYTE_OFFSET + 255 are the byte values 0x00 .. 0xFF. */
export const BYTE_OFFSET = SPECIAL_TOKENS.length;
/** The first character token; characters follow in code point order. */
export const FIRST_CHAR_ID = BYTE_OFFSET + 256;

const START_MARKER = '<start_of_turn>';
const END_MARKER = '<end_of_turn>';
export const TOKENIZER_VERSION = 1;

/** tokenizer.json, the serialized form saved in every checkpoint and model bundle. */
export interface TokenizerJson {
  tokenizer_version: number;
  kind: 'char-byte-fallback';
  special_tokens: string[];
  byte_fallback: true;
  /** One entry per character token (a single code point), in id order from FIRST_CHAR_ID. */
  chars: string[];
}

export interface VocabularyOptions {
  /** Keep at most this many characters, the most frequent first (ties by code point). */
  maxChars?: number;
}

const utf8 = new TextEncoder();

function isLoneSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

/** Calls `visit` for each code point of `text` outside the chat markers. */
function forEachCharOutsideMarkers(text: string, visit: (codePoint: number) => void): void {
  let i = 0;
  while (i < text.length) {
    if (text.startsWith(START_MARKER, i)) i += START_MARKER.length;
    else if (text.startsWith(END_MARKER, i)) i += END_MARKER.length;
    else {
      const codePoint = text.codePointAt(i) as number;
      visit(codePoint);
      i += codePoint > 0xffff ? 2 : 1;
    }
  }
}

export class CharTokenizer {
  private readonly idOfCodePoint = new Map<number, number>();

  private constructor(private readonly chars: readonly string[]) {
    chars.forEach((char, k) => this.idOfCodePoint.set(char.codePointAt(0) as number, FIRST_CHAR_ID + k));
  }

  /** A vocabulary of every character in `texts` (or the `maxChars` most frequent). */
  static fromTexts(texts: Iterable<string>, options: VocabularyOptions = {}): CharTokenizer {
    const counts = new Map<number, number>();
    for (const text of texts) {
      forEachCharOutsideMarkers(text, (codePoint) => {
        if (!isLoneSurrogate(codePoint)) counts.set(codePoint, (counts.get(codePoint) ?? 0) + 1);
      });
    }
    let kept = [...counts.entries()];
    if (options.maxChars !== undefined && kept.length > options.maxChars) {
      kept.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      kept = kept.slice(0, options.maxChars);
    }
    const codePoints = kept.map(([codePoint]) => codePoint).sort((a, b) => a - b);
    return new CharTokenizer(codePoints.map((codePoint) => String.fromCodePoint(codePoint)));
  }

  static fromJSON(value: unknown): ValidationResult<CharTokenizer> {
    const errors: ValidationIssue[] = [];
    if (typeof value !== 'object' || value === null) return { ok: false, errors: [{ path: '', message: 'must be an object' }] };
    const json = value as Partial<TokenizerJson>;
    if (json.tokenizer_version !== TOKENIZER_VERSION) errors.push({ path: 'tokenizer_version', message: `must be ${TOKENIZER_VERSION}` });
    if (json.kind !== 'char-byte-fallback') errors.push({ path: 'kind', message: 'must be "char-byte-fallback"' });
    if (json.byte_fallback !== true) errors.push({ path: 'byte_fallback', message: 'must be true' });
    const specials = json.special_tokens;
    if (!Array.isArray(specials) || specials.length !== SPECIAL_TOKENS.length || specials.some((token, k) => token !== SPECIAL_TOKENS[k])) {
      errors.push({ path: 'special_tokens', message: `must be ${JSON.stringify(SPECIAL_TOKENS)}` });
    }
    if (!Array.isArray(json.chars)) errors.push({ path: 'chars', message: 'must be an array' });
    else {
      let previous = -1;
      json.chars.forEach((char, k) => {
        const codePoint = typeof char === 'string' ? char.codePointAt(0) : undefined;
        const single = codePoint !== undefined && String.fromCodePoint(codePoint) === char && !isLoneSurrogate(codePoint);
        if (!single) errors.push({ path: `chars[${k}]`, message: 'must be one Unicode code point' });
        else if (codePoint <= previous) errors.push({ path: `chars[${k}]`, message: 'must be in increasing code point order' });
        else previous = codePoint;
      });
    }
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, value: new CharTokenizer((json.chars as string[]).slice()) };
  }

  get vocabSize(): number {
    return FIRST_CHAR_ID + this.chars.length;
  }

  /** Token ids of `text` (no BOS/EOS added). Lone surrogates, which UTF-8 cannot carry, become UNK. */
  encode(text: string): number[] {
    const ids: number[] = [];
    let i = 0;
    while (i < text.length) {
      if (text.startsWith(START_MARKER, i)) {
        ids.push(START_OF_TURN_ID);
        i += START_MARKER.length;
        continue;
      }
      if (text.startsWith(END_MARKER, i)) {
        ids.push(END_OF_TURN_ID);
        i += END_MARKER.length;
        continue;
      }
      const codePoint = text.codePointAt(i) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      const id = this.idOfCodePoint.get(codePoint);
      if (id !== undefined) ids.push(id);
      else if (isLoneSurrogate(codePoint)) ids.push(UNK_ID);
      else for (const byte of utf8.encode(text.slice(i, i + width))) ids.push(BYTE_OFFSET + byte);
      i += width;
    }
    return ids;
  }

  /** Text of `ids`: PAD, BOS and EOS are dropped, UNK is U+FFFD, byte runs are decoded as UTF-8. */
  decode(ids: ArrayLike<number>): string {
    const decoder = new TextDecoder('utf-8');
    let out = '';
    let bytes: number[] = [];
    const flushBytes = (): void => {
      if (bytes.length > 0) out += decoder.decode(new Uint8Array(bytes));
      bytes = [];
    };
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k] as number;
      if (id >= BYTE_OFFSET && id < FIRST_CHAR_ID) {
        bytes.push(id - BYTE_OFFSET);
        continue;
      }
      flushBytes();
      out += this.tokenText(id);
    }
    flushBytes();
    return out;
  }

  /** What one non-byte token contributes to decoded text. */
  private tokenText(id: number): string {
    if (id === START_OF_TURN_ID) return START_MARKER;
    if (id === END_OF_TURN_ID) return END_MARKER;
    if (id === UNK_ID) return '\uFFFD';
    if (id < BYTE_OFFSET) return '';
    const char = this.chars[id - FIRST_CHAR_ID];
    if (char === undefined) throw new RangeError(`token id ${id} is outside the vocabulary (${this.vocabSize})`);
    return char;
  }

  /** A readable name for any token id, for tables and debugging: `<0xE2>` for bytes. */
  tokenName(id: number): string {
    if (id < BYTE_OFFSET) return SPECIAL_TOKENS[id] ?? '<unk>';
    if (id < FIRST_CHAR_ID) return `<0x${(id - BYTE_OFFSET).toString(16).toUpperCase().padStart(2, '0')}>`;
    return this.tokenText(id);
  }

  toJSON(): TokenizerJson {
    return {
      tokenizer_version: TOKENIZER_VERSION,
      kind: 'char-byte-fallback',
      special_tokens: [...SPECIAL_TOKENS],
      byte_fallback: true,
      chars: [...this.chars],
    };
  }

  /** sha-256 hex of the canonical tokenizer.json: equal vocabularies have equal hashes. */
  hash(): string {
    return sha256Hex(JSON.stringify(this.toJSON()));
  }
}
