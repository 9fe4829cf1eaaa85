import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { verifyTrustList } from '../../src/index.js';

const vector = (name: string) => new Uint8Array(readFileSync(new URL(`../../vectors/signed/${name}`, import.meta.url)));

/** WebCrypto with a count of importKey calls. */
function countingSubtle() {
  const real = globalThis.crypto.subtle;
  const counts = { importKey: 0 };
  const subtle = new Proxy(real, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (prop === 'importKey') return (...args: unknown[]) => (counts.importKey++, (v as Function).apply(target, args));
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { subtle, counts };
}

describe('verifyTrustList keyCache (caller-owned)', () => {
  it('imports each signer key once across calls, with the same results', async () => {
    const { subtle, counts } = countingSubtle();
    const keyCache = new Map<string, CryptoKey>();
    const files = ['itl-rsa2048-sha1.tlv', 'itl-rsa1024-sha1-min.tlv', 'itl-rsa2048-sha1.tlv', 'itl-rsa1024-sha1-min.tlv', 'invalid-itl-record-byte-flipped.tlv'];
    const cached = [];
    for (const f of files) cached.push(await verifyTrustList(vector(f), { subtle, keyCache }));
    const plain = await Promise.all(files.map((f) => verifyTrustList(vector(f))));
    expect(cached.map((r) => [r.valid, r.reason])).toEqual(plain.map((r) => [r.valid, r.reason]));
    expect(keyCache.size).toBe(counts.importKey);
    expect(counts.importKey).toBeLessThan(files.length);
  });

  it('keys the cache by digest too: the same certificate under another hash is a new entry', async () => {
    const keyCache = new Map<string, CryptoKey>();
    await verifyTrustList(vector('itl-rsa1024-sha1-min.tlv'), { keyCache });
    await verifyTrustList(vector('itl-rsa1024-sha256-min.tlv'), { keyCache });
    expect([...keyCache.keys()].map((k) => k.split(':')[0]).sort()).toEqual(['sha1', 'sha256']);
    expect((await verifyTrustList(vector('itl-rsa1024-sha256-min.tlv'), { keyCache })).valid).toBe(true);
  });
});
