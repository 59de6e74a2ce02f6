// Fixed word lists the generator families draw from. Data only: changing a list changes every
// generated corpus, so bump the generator versions (generators/registry.ts) when editing it.
// Must never contain `<` or `>` (chat-template safety) or characters outside NFC.

/** Short common lowercase words for sentences, sorting and counting. */
export const WORDS: readonly string[] = [
  'apple', 'river', 'stone', 'green', 'house', 'light', 'cloud', 'table', 'chair', 'paper',
  'water', 'music', 'bread', 'smile', 'train', 'plant', 'horse', 'night', 'sugar', 'glass',
  'dog', 'cat', 'sun', 'sky', 'red', 'blue', 'tree', 'bird', 'fish', 'road', 'book', 'lamp',
  'door', 'milk', 'rain', 'snow', 'wind', 'fire', 'moon', 'star', 'sand', 'salt', 'rice',
  'corn', 'leaf', 'rose', 'lake', 'hill', 'farm', 'town', 'ship', 'boat', 'coin', 'ring',
  'bell', 'drum', 'kite', 'nest', 'frog', 'bear', 'wolf', 'deer', 'goat', 'duck', 'owl',
  'fox', 'bee', 'ant', 'cup', 'pen', 'map', 'box', 'key', 'hat', 'bag', 'egg', 'jam', 'tea',
  'quiet', 'happy', 'small', 'large', 'brave', 'quick', 'slow', 'warm', 'cold', 'soft', 'loud',
  'bright', 'dark', 'early', 'late', 'young', 'old', 'new', 'tall', 'short', 'round', 'sweet',
  'walks', 'runs', 'sings', 'reads', 'jumps', 'swims', 'sleeps', 'writes', 'paints', 'builds',
  'garden', 'window', 'forest', 'bridge', 'castle', 'island', 'market', 'winter', 'summer',
  'orange', 'yellow', 'silver', 'purple', 'pencil', 'basket', 'candle', 'rabbit', 'turtle',
];

/** Words that make a plain sentence when strung in this shape: the ADJ NOUN VERB. */
export const ADJECTIVES: readonly string[] = [
  'quiet', 'happy', 'small', 'large', 'brave', 'quick', 'slow', 'warm', 'cold', 'soft',
  'loud', 'bright', 'dark', 'young', 'old', 'tall', 'round', 'sweet', 'green', 'red',
];
export const NOUNS: readonly string[] = [
  'dog', 'cat', 'bird', 'fish', 'horse', 'frog', 'bear', 'wolf', 'deer', 'goat', 'duck',
  'owl', 'fox', 'rabbit', 'turtle', 'child', 'farmer', 'baker', 'sailor', 'painter',
];
export const VERBS: readonly string[] = [
  'walks', 'runs', 'sings', 'reads', 'jumps', 'swims', 'sleeps', 'writes', 'paints', 'waits',
];
export const PLACES: readonly string[] = [
  'in the garden', 'by the river', 'near the house', 'under the tree', 'on the hill',
  'at the market', 'in the forest', 'across the bridge', 'behind the castle', 'on the island',
];

export const NAMES: readonly string[] = [
  'Ana', 'Ben', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jade', 'Kai', 'Lena',
  'Milo', 'Nia', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sami', 'Tara', 'Uma', 'Vic', 'Wen', 'Yara',
];

/** Things bought in shopping problems, with a price range in cents (multiples of 25). */
export interface ShopItem {
  singular: string;
  plural: string;
  minCents: number;
  maxCents: number;
}
export const SHOP_ITEMS: readonly ShopItem[] = [
  { singular: 'notebook', plural: 'notebooks', minCents: 150, maxCents: 600 },
  { singular: 'pen', plural: 'pens', minCents: 50, maxCents: 300 },
  { singular: 'apple', plural: 'apples', minCents: 25, maxCents: 150 },
  { singular: 'loaf of bread', plural: 'loaves of bread', minCents: 200, maxCents: 500 },
  { singular: 'ticket', plural: 'tickets', minCents: 300, maxCents: 1200 },
  { singular: 'sandwich', plural: 'sandwiches', minCents: 350, maxCents: 900 },
  { singular: 'bottle of water', plural: 'bottles of water', minCents: 75, maxCents: 250 },
  { singular: 'candle', plural: 'candles', minCents: 100, maxCents: 800 },
];

/** Movers in distance problems, with a speed range in km/h. */
export const MOVERS: readonly { name: string; minSpeed: number; maxSpeed: number }[] = [
  { name: 'train', minSpeed: 60, maxSpeed: 160 },
  { name: 'car', minSpeed: 40, maxSpeed: 120 },
  { name: 'bus', minSpeed: 30, maxSpeed: 90 },
  { name: 'cyclist', minSpeed: 10, maxSpeed: 30 },
  { name: 'runner', minSpeed: 6, maxSpeed: 15 },
  { name: 'boat', minSpeed: 10, maxSpeed: 50 },
];

/** Letters, digits and punctuation for special-character strings (no quotes, no angle brackets). */
export const SPECIAL_CHARACTERS = '#$%&*+-=@!?^~_|/:;';

/** NFC-composed words with letters outside ASCII, for Unicode edge cases. */
export const UNICODE_WORDS: readonly string[] = [
  'café', 'naïve', 'über', 'niño', 'façade', 'crème', 'jalapeño', 'smörgås', 'élan', 'zürich',
  'señor', 'garçon', 'àpropos', 'fiancée', 'résumé', 'straße', 'ångström', 'coöp', 'piñata',
  'λόγος', 'σοφία', 'привет', 'мир', 'καλημέρα', 'żółw', 'łódź', 'český', 'ærø', 'øre',
];

export const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
