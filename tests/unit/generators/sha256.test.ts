import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, createWasmSha256, sha256Hex } from '../../../src/generators/sha256';

function nodeSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('matches node:crypto around every padding boundary and for multi-byte UTF-8', () => {
    for (let length = 0; length < 200; length++) {
      const text = 'é'.repeat(length % 5) + 'x'.repeat(length) + '😀'.repeat(length % 3);
      expect(sha256Hex(text)).toBe(nodeSha256(text));
    }
  });

  it('gives the same digest however the input is split into updates', () => {
    const text = Array.from({ length: 300 }, (_, k) => `line ${k} ünïcode\n`).join('');
    const whole = sha256Hex(text);
    for (const chunk of [1, 7, 63, 64, 65, 1000]) {
      const hasher = new Sha256();
      for (let at = 0; at < text.length; at += chunk) hasher.updateText(text.slice(at, at + chunk));
      expect(hasher.digestHex()).toBe(whole);
    }
    expect(whole).toBe(nodeSha256(text));
  });

  it('refuses input after the digest', () => {
    const hasher = new Sha256().updateText('a');
    hasher.digestHex();
    expect(() => hasher.updateText('b')).toThrow();
  });

  it('gives the pure-JS digest with hash-wasm, however the text is fed (lines, 64 KiB blocks, big pieces)', async () => {
    const lines = Array.from({ length: 3_000 }, (_, k) => `{"line":${k},"text":"ünïcode 😀 ${'x'.repeat(k % 97)}"}\n`);
    const text = lines.join('') + 'tail \ud800 lone';
    for (const pieces of [lines.concat('tail \ud800 lone'), [text], [text.slice(0, 70_000), text.slice(70_000)], ['', text, '']]) {
      const hasher = await createWasmSha256();
      for (const piece of pieces) hasher.updateText(piece);
      expect(hasher.digestHex()).toBe(sha256Hex(text));
      expect(hasher.digestHex()).toBe(sha256Hex(text));
    }
    expect(sha256Hex(text)).toBe(nodeSha256(text));
    const empty = await createWasmSha256();
    expect(empty.digestHex()).toBe(sha256Hex(''));
    expect(() => empty.updateText('a')).toThrow();
  });

  it('gives the same digest when fed bytes, text, or both mixed, in blocks small and large', async () => {
    const encoder = new TextEncoder();
    const lines = Array.from({ length: 2_000 }, (_, k) => `{"k":${k},"s":"é ${'y'.repeat(k % 131)}"}\n`);
    const text = lines.join('') + 'z'.repeat(70_000);
    const expected = nodeSha256(text);
    const wasm = await createWasmSha256();
    const js = new Sha256();
    lines.forEach((line, k) => {
      const bytes = encoder.encode(line);
      if (k % 2 === 0) {
        wasm.update(bytes);
        js.update(bytes);
      } else {
        wasm.updateText(line);
        js.updateText(line);
      }
    });
    wasm.update(encoder.encode('z'.repeat(70_000)));
    js.update(encoder.encode('z'.repeat(70_000)));
    expect(wasm.digestHex()).toBe(expected);
    expect(js.digestHex()).toBe(expected);
    expect(() => wasm.update(new Uint8Array(1))).toThrow();
  });
});
