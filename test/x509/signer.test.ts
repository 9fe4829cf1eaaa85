import { describe, expect, it } from '@jest/globals';
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { loadSigner, X509Error, type LoadedSigner } from '../../src/x509/index.js';
import { keyFile, keyText, PASSWORD, peculiarSubtle } from './fixtures.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(X509Error);
    return (error as X509Error).code;
  }
  throw new Error('expected a rejection');
}

const MESSAGE = new TextEncoder().encode('itl-codec signer test: the bytes a trust list would sign');

/** Signs with the loaded PKCS#8 key and verifies with the certificate's spki, in one WebCrypto. */
async function signAndVerify(signer: LoadedSigner, subtle: SubtleCrypto): Promise<Uint8Array> {
  const c = signer.certificate;
  const importAlg = c.keyAlgorithm === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } : { name: 'ECDSA', namedCurve: c.namedCurve! };
  const signAlg = c.keyAlgorithm === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
  const privateKey = await subtle.importKey('pkcs8', new Uint8Array(signer.privateKey), importAlg, false, ['sign']);
  const publicKey = await subtle.importKey('spki', new Uint8Array(c.spki), importAlg, false, ['verify']);
  const signature = new Uint8Array(await subtle.sign(signAlg, privateKey, MESSAGE));
  expect(await subtle.verify(signAlg, publicKey, signature, MESSAGE)).toBe(true);
  return signature;
}

const P = { password: PASSWORD };

const GOOD: Array<[string, () => Promise<LoadedSigner>, string]> = [
  ['cert PEM + PKCS#8 PEM', () => loadSigner(keyText('rsa2048-a.cert.pem'), keyText('rsa2048-a.key.pem')), 'rsa2048-a'],
  ['cert DER + PKCS#1 PEM', () => loadSigner(keyFile('rsa2048-a.cert.der'), keyFile('rsa2048-a.pkcs1.pem')), 'rsa2048-a'],
  ['cert DER + PKCS#8 DER', () => loadSigner(keyFile('rsa2048-a.cert.der'), keyFile('rsa2048-a.key.der')), 'rsa2048-a'],
  ['cert PEM + encrypted PKCS#8', () => loadSigner(keyText('rsa2048-a.cert.pem'), keyText('rsa2048-a.enc.pem'), P), 'rsa2048-a'],
  ['combined PEM alone (key first)', () => loadSigner(keyText('rsa2048-a.combined.pem')), 'rsa2048-a'],
  ['combined PEM alone (certificate first, EC)', () => loadSigner(keyFile('ec256-a.combined.pem')), 'ec256-a'],
  ['PKCS#12 alone', () => loadSigner(keyFile('rsa2048-a.p12'), undefined, P), 'rsa2048-a'],
  ['PKCS#12 alone (EC)', () => loadSigner(keyFile('ec256-a.p12'), undefined, P), 'ec256-a'],
  ['PKCS#12 with CA: the leaf is chosen', () => loadSigner(keyFile('leaf-a.p12'), undefined, P), 'leaf-a'],
  ['PEM bundle CA+leaf with the leaf key', () => loadSigner(keyText('ca-a.cert.pem') + keyText('leaf-a.cert.pem'), keyText('leaf-a.key.pem')), 'leaf-a'],
  ['EC cert + SEC1 key', () => loadSigner(keyText('ec256-a.cert.pem'), keyText('ec256-a.sec1.pem')), 'ec256-a'],
  ['EC cert + SEC1 key without public point (sign/verify check)', () => loadSigner(keyText('ec256-a.cert.pem'), keyText('ec256-a.sec1-nopub.pem')), 'ec256-a'],
  ['RSA 1024 + PKCS#1', () => loadSigner(keyText('rsa1024-a.cert.pem'), keyText('rsa1024-a.pkcs1.pem')), 'rsa1024-a'],
  ['RSA 4096', () => loadSigner(keyText('rsa4096-a.cert.pem'), keyText('rsa4096-a.key.pem')), 'rsa4096-a'],
  ['EC P-384', () => loadSigner(keyText('ec384-a.cert.pem'), keyText('ec384-a.key.pem')), 'ec384-a'],
  ['EC P-521', () => loadSigner(keyText('ec521-a.cert.pem'), keyText('ec521-a.key.pem')), 'ec521-a'],
  ['cluster B', () => loadSigner(keyText('rsa2048-b.cert.pem'), keyText('rsa2048-b.key.pem')), 'rsa2048-b'],
];

describe.each(GOOD)('loadSigner: %s', (_title, load, stem) => {
  it('gives the certificate the key belongs to and the PKCS#8 key', async () => {
    const signer = await load();
    expect(Buffer.from(signer.certificate.der)).toEqual(Buffer.from(keyFile(`${stem}.cert.der`)));
    expect(signer.parsed).toBe(signer.certificate);
    expect(signer.privateKey[0]).toBe(0x30);
  });

  it('signs with WebCrypto (node and @peculiar/webcrypto); the signature verifies with the certificate', async () => {
    const signer = await load();
    for (const subtle of [globalThis.crypto.subtle, await peculiarSubtle()]) {
      const signature = await signAndVerify(signer, subtle);
      // And node:crypto agrees, from the PEM certificate alone.
      const certKey = createPublicKey(keyText(`${stem}.cert.pem`));
      const ok = nodeVerify('sha256', MESSAGE, signer.certificate.keyAlgorithm === 'EC' ? { key: certKey, dsaEncoding: 'ieee-p1363' } : certKey, signature);
      expect(ok).toBe(true);
    }
  });
});

describe('loadSigner: the loaded subtle is used', () => {
  it('works end to end with @peculiar/webcrypto (PKCS#12 decryption, EC sign/verify check)', async () => {
    const subtle = await peculiarSubtle();
    const p12 = await loadSigner(keyFile('leaf-a.p12'), undefined, { password: PASSWORD, subtle });
    expect(p12.chain.map((c) => c.subject.cucm)).toEqual(['CN=itl-codec test CA A;OU=TEST ONLY;O=itl-codec test;C=US']);
    expect(p12.keySource).toBe('pkcs12');
    const ec = await loadSigner(keyText('ec256-a.cert.pem'), keyText('ec256-a.sec1-nopub.pem'), { subtle });
    expect(ec.certificate.subject.certutils).toMatch(/^CN=cucm-test-a-pub-EC,/);
  });
});

describe('loadSigner: the key must belong to the certificate', () => {
  it('RSA key of cluster B with the cluster A certificate: ERR_KEY_MISMATCH', async () => {
    expect(await codeOf(loadSigner(keyText('rsa2048-a.cert.pem'), keyText('rsa2048-b.key.pem')))).toBe('ERR_KEY_MISMATCH');
    await expect(loadSigner(keyText('rsa2048-a.cert.pem'), keyText('rsa2048-b.key.pem'))).rejects.toThrow(
      "the private key (RSA 2048) does not belong to the certificate 'CN=ITLRECOVERY_test-a-pub,",
    );
  });

  it('EC keys with the public point: ERR_KEY_MISMATCH', async () => {
    expect(await codeOf(loadSigner(keyText('ec256-a.cert.pem'), keyText('ec256-b.key.pem')))).toBe('ERR_KEY_MISMATCH');
  });

  it('EC key without the public point (sign/verify check): ERR_KEY_MISMATCH', async () => {
    expect(await codeOf(loadSigner(keyText('ec256-b.cert.pem'), keyText('ec256-a.sec1-nopub.pem')))).toBe('ERR_KEY_MISMATCH');
  });

  it('EC key with an RSA certificate, and a different curve: ERR_KEY_MISMATCH', async () => {
    expect(await codeOf(loadSigner(keyText('rsa2048-a.cert.pem'), keyText('ec256-a.key.pem')))).toBe('ERR_KEY_MISMATCH');
    expect(await codeOf(loadSigner(keyText('ec384-a.cert.pem'), keyText('ec256-a.key.pem')))).toBe('ERR_KEY_MISMATCH');
  });

  it('PKCS#12 certificate with a foreign key input: ERR_KEY_MISMATCH', async () => {
    expect(await codeOf(loadSigner(keyFile('rsa2048-a.p12'), keyText('rsa2048-b.key.pem'), P))).toBe('ERR_KEY_MISMATCH');
  });

  it('a bundle none of whose certificates match names them all', async () => {
    const bundle = keyText('ca-a.cert.pem') + keyText('rsa2048-a.cert.pem');
    await expect(loadSigner(bundle, keyText('leaf-a.key.pem'))).rejects.toThrow('belongs to none of the 2 certificates');
  });
});

describe('loadSigner: missing pieces', () => {
  it('a certificate and no key: ERR_NO_KEY', async () => {
    expect(await codeOf(loadSigner(keyText('rsa2048-a.cert.pem')))).toBe('ERR_NO_KEY');
  });

  it('a key where the certificate should be: ERR_NO_CERTIFICATE', async () => {
    expect(await codeOf(loadSigner(keyText('rsa2048-a.key.pem'), keyText('rsa2048-a.key.pem')))).toBe('ERR_NO_CERTIFICATE');
    expect(await codeOf(loadSigner(keyFile('rsa2048-a.key.der'), keyText('rsa2048-a.key.pem')))).toBe('ERR_NO_CERTIFICATE');
  });

  it('PKCS#12 without the password: ERR_KEY_PASSWORD_REQUIRED; wrong one: ERR_KEY_PASSWORD', async () => {
    expect(await codeOf(loadSigner(keyFile('rsa2048-a.p12')))).toBe('ERR_KEY_PASSWORD_REQUIRED');
    expect(await codeOf(loadSigner(keyFile('rsa2048-a.p12'), undefined, { password: 'wrong' }))).toBe('ERR_KEY_PASSWORD');
  });
});
