/**
 * Whatever the input, the x509 entry either succeeds or throws X509Error: never a TypeError or a
 * RangeError from deep inside asn1js, pkijs or WebCrypto.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadPrivateKey, loadSigner, parseCertificate, parseCertificates, X509Error } from '../../src/x509/index.js';
import { keyFile, keyText, PASSWORD } from './fixtures.js';

function onlyX509Errors(f: () => unknown): void {
  try {
    f();
  } catch (error) {
    if (!(error instanceof X509Error)) throw error;
    expect(error.code).toMatch(/^ERR_/);
  }
}

async function onlyX509ErrorsAsync(f: () => Promise<unknown>): Promise<void> {
  try {
    await f();
  } catch (error) {
    if (!(error instanceof X509Error)) throw error;
    expect(error.code).toMatch(/^ERR_/);
  }
}

/** A copy of `bytes` with byte `index` replaced. */
function mutate(bytes: Uint8Array, index: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[index % copy.length] = value;
  return copy;
}

const CERT = keyFile('rsa2048-a.cert.der');
const EC_CERT = keyFile('ec256-a.cert.der');
const P12 = keyFile('rsa2048-a.p12');
const PKCS8 = keyFile('rsa2048-a.key.der');
const ENC = keyText('rsa2048-a.enc.pem');

describe('robustness', () => {
  it('random bytes and strings', async () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        onlyX509Errors(() => parseCertificate(bytes));
        onlyX509Errors(() => parseCertificates(bytes));
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => onlyX509Errors(() => parseCertificate(text))), { numRuns: 200 });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        await onlyX509ErrorsAsync(() => loadPrivateKey(bytes, { password: PASSWORD }));
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes behind a valid DER SEQUENCE header', async () => {
    const sequence = fc.uint8Array({ minLength: 1, maxLength: 120 }).map((body) => new Uint8Array([0x30, body.length, ...body]));
    fc.assert(fc.property(sequence, (bytes) => onlyX509Errors(() => parseCertificate(bytes))), { numRuns: 300 });
    await fc.assert(
      fc.asyncProperty(sequence, async (bytes) => onlyX509ErrorsAsync(() => loadPrivateKey(bytes, { password: PASSWORD }))),
      { numRuns: 300 },
    );
  });

  it('every truncation of a certificate and of a PKCS#8 key', async () => {
    for (let n = 0; n < CERT.length; n++) onlyX509Errors(() => parseCertificate(CERT.subarray(0, n)));
    for (let n = 0; n < PKCS8.length; n += 7) await onlyX509ErrorsAsync(() => loadPrivateKey(PKCS8.subarray(0, n)));
  });

  it('one-byte mutations of certificates', () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (index, value, ec) => {
        onlyX509Errors(() => parseCertificate(mutate(ec ? EC_CERT : CERT, index, value)));
      }),
      { numRuns: 300 },
    );
  });

  it('one-byte mutations of PKCS#12, PKCS#8 and encrypted PEM', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('p12', 'pkcs8', 'enc'), async (index, value, kind) => {
        if (kind === 'p12') await onlyX509ErrorsAsync(() => loadPrivateKey(mutate(P12, index, value), { password: PASSWORD }));
        else if (kind === 'pkcs8') await onlyX509ErrorsAsync(() => loadPrivateKey(mutate(PKCS8, index, value)));
        else {
          const bytes = new TextEncoder().encode(ENC);
          await onlyX509ErrorsAsync(() => loadPrivateKey(mutate(bytes, index, value), { password: PASSWORD }));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('loadSigner with mutated inputs', async () => {
    const certPem = keyText('ec256-a.cert.pem');
    const key = keyText('ec256-a.sec1-nopub.pem');
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 255 }), async (index, value) => {
        await onlyX509ErrorsAsync(() => loadSigner(mutate(EC_CERT, index, value), key));
        await onlyX509ErrorsAsync(() => loadSigner(certPem, mutate(new TextEncoder().encode(key), index, value)));
      }),
      { numRuns: 60 },
    );
  });
});
