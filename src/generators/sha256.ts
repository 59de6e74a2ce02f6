// Incremental SHA-256 (FIPS 180-4) over UTF-8 text, so a worker can hash a JSONL corpus chunk
// by chunk while it generates, without holding the whole file. Web Crypto's digest() needs the
// whole buffer at once, hence this small synchronous implementation, and createWasmSha256, the
// same digest by hash-wasm's WebAssembly SHA-256 (about twice as fast; asynchronous to create)
// for long runs. Must never depend on Node or DOM APIs beyond TextEncoder, which both have.
import { createSHA256 } from 'hash-wasm';

const ROUND_CONSTANTS = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const encoder = new TextEncoder();

/** An incremental hasher of UTF-8 text with a lowercase hex digest (Sha256 or createWasmSha256). */
export interface TextHasher {
  updateText(text: string): unknown;
  /** Feed bytes (the hasher copies what it keeps: the caller may reuse the buffer). */
  update(bytes: Uint8Array): unknown;
  /** The digest of everything fed; the hasher cannot be fed after this. */
  digestHex(): string;
}

export class Sha256 implements TextHasher {
  private readonly state = new Int32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  private readonly block = new Uint8Array(64);
  private readonly words = new Int32Array(64);
  private blockLength = 0;
  private byteCount = 0;
  private finished = false;

  /** Feed the UTF-8 bytes of `text`; ASCII goes straight into the block without encoding. */
  updateText(text: string): this {
    if (this.finished) throw new Error('Sha256: update after digest');
    const block = this.block;
    let filled = this.blockLength;
    let k = 0;
    for (; k < text.length; k++) {
      const code = text.charCodeAt(k);
      if (code >= 0x80) break;
      block[filled++] = code;
      if (filled === 64) {
        this.compress(block, 0);
        filled = 0;
      }
    }
    this.blockLength = filled;
    this.byteCount += k;
    return k === text.length ? this : this.update(encoder.encode(text.slice(k)));
  }

  update(bytes: Uint8Array): this {
    if (this.finished) throw new Error('Sha256: update after digest');
    this.byteCount += bytes.length;
    let offset = 0;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, bytes.length);
      this.block.set(bytes.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < 64) return this;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    for (; offset + 64 <= bytes.length; offset += 64) this.compress(bytes, offset);
    this.block.set(bytes.subarray(offset), 0);
    this.blockLength = bytes.length - offset;
    return this;
  }

  /** Lowercase hex digest; the hasher cannot be fed after this. */
  digestHex(): string {
    if (!this.finished) this.pad();
    let hex = '';
    for (const word of this.state) hex += (word >>> 0).toString(16).padStart(8, '0');
    return hex;
  }

  private pad(): void {
    const bitLength = this.byteCount * 8;
    this.block[this.blockLength++] = 0x80;
    if (this.blockLength > 56) {
      this.block.fill(0, this.blockLength);
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    this.block.fill(0, this.blockLength);
    const high = Math.floor(bitLength / 0x100000000);
    const low = bitLength >>> 0;
    for (let k = 0; k < 4; k++) {
      this.block[56 + k] = (high >>> (24 - 8 * k)) & 0xff;
      this.block[60 + k] = (low >>> (24 - 8 * k)) & 0xff;
    }
    this.compress(this.block, 0);
    this.finished = true;
  }

  /** Mix the 64 bytes of `bytes` starting at `offset` into the state. */
  private compress(bytes: Uint8Array, offset: number): void {
    const w = this.words;
    for (let t = 0, p = offset; t < 16; t++, p += 4) {
      w[t] = ((bytes[p] as number) << 24) | ((bytes[p + 1] as number) << 16) | ((bytes[p + 2] as number) << 8) | (bytes[p + 3] as number);
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15] as number;
      const y = w[t - 2] as number;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
    }
    const h = this.state;
    let a = h[0] as number, bb = h[1] as number, c = h[2] as number, d = h[3] as number;
    let e = h[4] as number, f = h[5] as number, g = h[6] as number, hh = h[7] as number;
    for (let t = 0; t < 64; t++) {
      const sum1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const choose = (e & f) ^ (~e & g);
      const temp1 = (hh + sum1 + choose + (ROUND_CONSTANTS[t] as number) + (w[t] as number)) | 0;
      const sum0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const majority = (a & bb) ^ (a & c) ^ (bb & c);
      const temp2 = (sum0 + majority) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + temp1) | 0;
      d = c;
      c = bb;
      bb = a;
      a = (temp1 + temp2) | 0;
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + bb) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
    h[4] = ((h[4] as number) + e) | 0;
    h[5] = ((h[5] as number) + f) | 0;
    h[6] = ((h[6] as number) + g) | 0;
    h[7] = ((h[7] as number) + hh) | 0;
  }
}

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  return new Sha256().updateText(text).digestHex();
}

/** Text is UTF-8 encoded into a block of this many bytes, hashed when it is full. */
const WASM_BLOCK_BYTES = 1 << 16;

/**
 * A TextHasher giving the same digest as Sha256, computed by hash-wasm. Short texts (JSONL
 * lines) are encoded one after another into one block, so each costs an encodeInto and not a
 * WebAssembly call and an allocation of its own.
 */
export async function createWasmSha256(): Promise<TextHasher> {
  const hasher = await createSHA256();
  hasher.init();
  const block = new Uint8Array(WASM_BLOCK_BYTES);
  let filled = 0;
  let digest: string | null = null;
  const flush = () => {
    if (filled > 0) hasher.update(block.subarray(0, filled));
    filled = 0;
  };
  return {
    updateText(text: string) {
      if (digest !== null) throw new Error('Sha256: update after digest');
      // A UTF-16 code unit takes at most 3 bytes of UTF-8.
      if (filled + text.length * 3 > WASM_BLOCK_BYTES) flush();
      if (text.length * 3 > WASM_BLOCK_BYTES) hasher.update(encoder.encode(text));
      else filled += encoder.encodeInto(text, block.subarray(filled)).written;
    },
    update(bytes: Uint8Array) {
      if (digest !== null) throw new Error('Sha256: update after digest');
      if (filled + bytes.length > WASM_BLOCK_BYTES) flush();
      if (bytes.length > WASM_BLOCK_BYTES) hasher.update(bytes);
      else {
        block.set(bytes, filled);
        filled += bytes.length;
      }
    },
    digestHex() {
      if (digest === null) {
        flush();
        digest = hasher.digest('hex');
      }
      return digest;
    },
  };
}
