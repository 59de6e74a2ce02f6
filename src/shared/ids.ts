// Identifier helpers: time-ordered UUIDs (RFC 9562 version 7) so that primary-key order is
// insertion order. Must never depend on anything but Web Crypto's random source.

let lastMillis = -1;
let sequence = 0;

/** Random bytes are drawn this many ids at a time: one getRandomValues call costs ~5 µs here. */
const IDS_PER_DRAW = 256;
const pool = new Uint8Array(8 * IDS_PER_DRAW);
let poolAt = pool.length;

/** Two lowercase hex digits for each byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Where in the pool the next eight random bytes (the end of an id) are; refilled when used up. */
function takeRandom(): number {
  if (poolAt === pool.length) {
    crypto.getRandomValues(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += 8;
  return at;
}

/**
 * A version-7 UUID. Within one millisecond a 12-bit counter (in rand_a) keeps ids strictly
 * increasing in this realm, so a batch of traces stored together keeps its order.
 */
export function uuidv7(now: number = Date.now()): string {
  if (now <= lastMillis) {
    sequence += 1;
    if (sequence > 0xfff) {
      lastMillis += 1;
      sequence = 0;
    }
    now = lastMillis;
  } else {
    lastMillis = now;
    sequence = 0;
  }
  const at = takeRandom();
  // 48-bit milliseconds, big-endian: the high 16 bits, then the low 32 (exact in doubles).
  const high = Math.floor(now / 0x100000000);
  const low = now >>> 0;
  const variant = 0x80 | (pool[at]! & 0x3f);
  let tail = '';
  for (let k = at + 1; k < at + 8; k++) tail += HEX[pool[k]!];
  return (
    HEX[(high >>> 8) & 0xff]! + HEX[high & 0xff] + HEX[low >>> 24] + HEX[(low >>> 16) & 0xff] + '-' +
    HEX[(low >>> 8) & 0xff] + HEX[low & 0xff] + '-' +
    HEX[0x70 | ((sequence >> 8) & 0x0f)] + HEX[sequence & 0xff] + '-' +
    HEX[variant] + tail.slice(0, 2) + '-' + tail.slice(2)
  );
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}
