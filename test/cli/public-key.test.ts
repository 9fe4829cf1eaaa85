import { describe, expect, it } from '@jest/globals';
import { X509Certificate } from 'node:crypto';
import { describePublicKey, publicKeySummary } from '../../src/cli/inspect/public-key.js';
import { loadCert } from './fixtures.js';

describe('inspect: public key sizes', () => {
  it.each([
    ['rsa1024-a', 'RSA', 1024, 140],
    ['rsa2048-a', 'RSA', 2048, 270],
    ['rsa4096-a', 'RSA', 4096, 526],
  ] as const)('%s: PKCS#1 RSAPublicKey → %s %d-bit, %d bytes (format.md §4.5)', (stem, type, bits, length) => {
    expect(describePublicKey(loadCert(stem).publicKey)).toEqual({ type, bits, exponent: 65537, length });
  });

  it.each([
    ['ec256-a', 'P-256', 65],
    ['ec384-a', 'P-384', 97],
    ['ec521-a', 'P-521', 133],
  ] as const)('%s: uncompressed point → EC %s', (stem, curve, length) => {
    expect(describePublicKey(loadCert(stem).publicKey)).toMatchObject({ type: 'EC', curve, length });
  });

  it('names what it does not recognise instead of failing', () => {
    const spki = new Uint8Array(new X509Certificate(loadCert('rsa1024-a').der).publicKey.export({ type: 'spki', format: 'der' }));
    expect(describePublicKey(spki)).toMatchObject({ type: 'unknown', note: 'DER, but not a PKCS#1 RSAPublicKey' });
    expect(publicKeySummary(describePublicKey(new Uint8Array([1, 2, 3])))).toMatch(/^unrecognised, 3 bytes/);
    expect(describePublicKey(new Uint8Array([0x30, 0x82, 0xff]))).toMatchObject({ type: 'unknown' });
  });
});
