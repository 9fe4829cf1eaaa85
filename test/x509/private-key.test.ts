import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { loadPrivateKey, X509Error, type LoadedKey } from '../../src/x509/index.js';
import { keyFile, keyText, PASSWORD, peculiarSubtle } from './fixtures.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** PKCS#8 DER of a key file as node:crypto (OpenSSL) sees it: the independent oracle. */
const nodePkcs8 = (file: string): string =>
  hex(createPrivateKey({ key: Buffer.from(keyFile(file)), format: file.endsWith('.der') ? 'der' : 'pem', type: file.includes('pkcs1') ? 'pkcs1' : 'pkcs8', passphrase: PASSWORD }).export({ type: 'pkcs8', format: 'der' }));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(X509Error);
    return (error as X509Error).code;
  }
  throw new Error('expected a rejection');
}

interface Case {
  file: string;
  password?: string;
  source: LoadedKey['source'];
  keyAlgorithm: 'RSA' | 'EC';
  keyBits: number;
  namedCurve?: string;
  /** The unencrypted PKCS#8 file holding the same key. */
  sameAs: string;
  certificates: string[];
}

const RSA2048A = 'CN=ITLRECOVERY_test-a-pub;OU=TEST ONLY;O=itl-codec test;L=SJ;ST=CA;C=US';
const EC256A = 'CN=cucm-test-a-pub-EC;OU=TEST ONLY;OU=second OU;O=itl-codec test, Inc.;L=SJ;ST=CA;C=US;E=test@example.invalid';
const rsa = (file: string, source: LoadedKey['source'], extra: Partial<Case> = {}): Case => ({
  file, source, keyAlgorithm: 'RSA', keyBits: 2048, sameAs: 'rsa2048-a.key.pem', certificates: [], ...extra,
});
const ec = (file: string, source: LoadedKey['source'], extra: Partial<Case> = {}): Case => ({
  file, source, keyAlgorithm: 'EC', keyBits: 256, namedCurve: 'P-256', sameAs: 'ec256-a.key.pem', certificates: [], ...extra,
});

const CASES: Case[] = [
  rsa('rsa2048-a.key.pem', 'pkcs8'),
  rsa('rsa2048-a.key.der', 'pkcs8'),
  // PKCS#1 wrapped into PKCS#8 by us must equal what OpenSSL wrote for the same key.
  rsa('rsa2048-a.pkcs1.pem', 'pkcs1'),
  rsa('rsa2048-a.pkcs1.der', 'pkcs1'),
  rsa('rsa2048-a.combined.pem', 'pkcs8', { certificates: [RSA2048A] }),
  rsa('rsa2048-a.enc.pem', 'encrypted-pkcs8', { password: PASSWORD }),
  rsa('rsa2048-a.p12', 'pkcs12', { password: PASSWORD, certificates: [RSA2048A] }),
  rsa('rsa1024-a.pkcs1.pem', 'pkcs1', { keyBits: 1024, sameAs: 'rsa1024-a.key.pem' }),
  rsa('rsa4096-a.key.pem', 'pkcs8', { keyBits: 4096, sameAs: 'rsa4096-a.key.pem' }),
  rsa('leaf-a.p12', 'pkcs12', {
    password: PASSWORD,
    sameAs: 'leaf-a.key.pem',
    certificates: ['CN=tomcat-test-a-pub;OU=TEST ONLY;O=itl-codec test;L=SJ;ST=CA;C=US', 'CN=itl-codec test CA A;OU=TEST ONLY;O=itl-codec test;C=US'],
  }),
  ec('ec256-a.key.pem', 'pkcs8'),
  // SEC1 wrapped into PKCS#8 by us must equal what OpenSSL wrote for the same key.
  ec('ec256-a.sec1.pem', 'sec1'),
  ec('ec256-a.combined.pem', 'pkcs8', { certificates: [EC256A] }),
  ec('ec256-a.enc.pem', 'encrypted-pkcs8', { password: PASSWORD }),
  ec('ec256-a.p12', 'pkcs12', { password: PASSWORD, certificates: [EC256A] }),
  ec('ec384-a.key.pem', 'pkcs8', { keyBits: 384, namedCurve: 'P-384', sameAs: 'ec384-a.key.pem' }),
  ec('ec521-a.key.pem', 'pkcs8', { keyBits: 521, namedCurve: 'P-521', sameAs: 'ec521-a.key.pem' }),
];

describe.each(CASES)('loadPrivateKey($file)', (c) => {
  const options = c.password === undefined ? {} : { password: c.password };

  it('loads as unencrypted PKCS#8 equal to the plain PKCS#8 file', async () => {
    const key = await loadPrivateKey(keyFile(c.file), options);
    expect(key.source).toBe(c.source);
    expect(key.keyAlgorithm).toBe(c.keyAlgorithm);
    expect(key.keyBits).toBe(c.keyBits);
    expect(key.namedCurve).toBe(c.namedCurve);
    expect(key.certificates.map((x) => x.subject.cucm)).toEqual(c.certificates);
    expect(hex(key.pkcs8)).toBe(nodePkcs8(c.sameAs));
  });

  it('gives the same result with the other WebCrypto implementation and from text', async () => {
    const reference = await loadPrivateKey(keyFile(c.file), options);
    const other = await loadPrivateKey(keyFile(c.file), { ...options, subtle: await peculiarSubtle() });
    expect(hex(other.pkcs8)).toBe(hex(reference.pkcs8));
    if (!c.file.endsWith('.der') && !c.file.endsWith('.p12')) {
      expect(hex((await loadPrivateKey(keyText(c.file), options)).pkcs8)).toBe(hex(reference.pkcs8));
    }
  });
});

describe('SEC1 key without the public point', () => {
  it('loads, and WebCrypto imports it', async () => {
    const key = await loadPrivateKey(keyText('ec256-a.sec1-nopub.pem'));
    expect(key).toMatchObject({ source: 'sec1', keyAlgorithm: 'EC', keyBits: 256, namedCurve: 'P-256' });
    const imported = await globalThis.crypto.subtle.importKey('pkcs8', new Uint8Array(key.pkcs8), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    // The private scalar is the one in the full key.
    const full = createPrivateKey(keyText('ec256-a.key.pem')).export({ format: 'jwk' });
    expect((await globalThis.crypto.subtle.exportKey('jwk', imported)).d).toBe(full.d);
  });
});

describe('password errors', () => {
  it('wrong password: ERR_KEY_PASSWORD', async () => {
    expect(await codeOf(loadPrivateKey(keyText('rsa2048-a.enc.pem'), { password: 'wrong' }))).toBe('ERR_KEY_PASSWORD');
    expect(await codeOf(loadPrivateKey(keyText('ec256-a.enc.pem'), { password: 'wrong' }))).toBe('ERR_KEY_PASSWORD');
    expect(await codeOf(loadPrivateKey(keyFile('rsa2048-a.p12'), { password: 'wrong' }))).toBe('ERR_KEY_PASSWORD');
    await expect(loadPrivateKey(keyFile('rsa2048-a.p12'), { password: 'wrong' })).rejects.toThrow('PKCS#12 MAC check failed: wrong password?');
  });

  it('PKCS#12 with an empty password loads without a password option', async () => {
    const key = await loadPrivateKey(keyFile('rsa1024-a.nopass.p12'));
    expect(key.source).toBe('pkcs12');
    expect(hex(key.pkcs8)).toBe(nodePkcs8('rsa1024-a.key.pem'));
    expect(key.certificates.map((c) => c.subject.cucm)).toEqual(['CN=cucm-test-a-pub;OU=TEST ONLY;O=itl-codec test;L=SJ;ST=CA;C=US']);
  });

  it('no password: ERR_KEY_PASSWORD_REQUIRED', async () => {
    expect(await codeOf(loadPrivateKey(keyText('rsa2048-a.enc.pem')))).toBe('ERR_KEY_PASSWORD_REQUIRED');
    expect(await codeOf(loadPrivateKey(keyFile('rsa2048-a.p12')))).toBe('ERR_KEY_PASSWORD_REQUIRED');
  });

  it('legacy 3DES PKCS#12: ERR_KEY_UNSUPPORTED naming the algorithm and its OID', async () => {
    const promise = loadPrivateKey(keyFile('rsa2048-a.legacy.p12'), { password: PASSWORD });
    expect(await codeOf(promise)).toBe('ERR_KEY_UNSUPPORTED');
    await expect(loadPrivateKey(keyFile('rsa2048-a.legacy.p12'), { password: PASSWORD })).rejects.toThrow(
      'pbeWithSHAAnd3-KeyTripleDES-CBC (OID 1.2.840.113549.1.12.1.3)',
    );
  });

  it('legacy PEM encryption (Proc-Type/DEK-Info headers): ERR_KEY_UNSUPPORTED', async () => {
    const pem = keyText('rsa2048-a.pkcs1.pem').replace(
      '-----BEGIN RSA PRIVATE KEY-----\n',
      '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\n',
    );
    expect(await codeOf(loadPrivateKey(pem, { password: PASSWORD }))).toBe('ERR_KEY_UNSUPPORTED');
    await expect(loadPrivateKey(pem)).rejects.toThrow('DEK-Info: AES-256-CBC');
  });
});

describe('what the input holds', () => {
  it('an OpenSSH key: ERR_KEY_UNSUPPORTED naming the block', async () => {
    const pem = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    expect(await codeOf(loadPrivateKey(pem))).toBe('ERR_KEY_UNSUPPORTED');
    await expect(loadPrivateKey(pem)).rejects.toThrow("found PEM block 'OPENSSH PRIVATE KEY', expected 'PRIVATE KEY'");
  });

  it('an Ed25519 PKCS#8 key: ERR_KEY_UNSUPPORTED naming Ed25519', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(await codeOf(loadPrivateKey(pem))).toBe('ERR_KEY_UNSUPPORTED');
    await expect(loadPrivateKey(pem)).rejects.toThrow('Ed25519 (OID 1.3.101.112)');
  });

  it('a certificate only (PEM or DER): ERR_NO_KEY', async () => {
    expect(await codeOf(loadPrivateKey(keyText('rsa2048-a.cert.pem')))).toBe('ERR_NO_KEY');
    expect(await codeOf(loadPrivateKey(keyFile('rsa2048-a.cert.der')))).toBe('ERR_NO_KEY');
    await expect(loadPrivateKey(keyText('rsa2048-a.cert.pem'))).rejects.toThrow("found PEM block(s) 'CERTIFICATE'");
  });

  it('two keys in one PEM: ERR_KEY_AMBIGUOUS', async () => {
    const two = keyText('rsa2048-a.key.pem') + keyText('ec256-a.key.pem');
    expect(await codeOf(loadPrivateKey(two))).toBe('ERR_KEY_AMBIGUOUS');
  });

  it('garbage: X509Error, never a TypeError', async () => {
    for (const input of [
      new Uint8Array([1, 2, 3]),
      new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]),
      new Uint8Array([0x30, 0x80, 0x00, 0x00]),
      new Uint8Array(),
      'not a key',
      '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n-----END ENCRYPTED PRIVATE KEY-----\n',
      '-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n',
      '-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n',
      undefined as unknown as string,
    ]) {
      await expect(codeOf(loadPrivateKey(input, { password: PASSWORD }))).resolves.toMatch(/^ERR_/);
    }
  });
});

describe('Node Buffer input', () => {
  it('a Buffer view at a non-zero offset loads, and the PKCS#8 shares no memory with it', async () => {
    const der = keyFile('rsa2048-a.key.der');
    const view = Buffer.concat([Buffer.alloc(3), Buffer.from(der)]).subarray(3);
    const key = await loadPrivateKey(view);
    view.fill(0);
    expect(hex(key.pkcs8)).toBe(hex(der));
    expect(Buffer.isBuffer(key.pkcs8)).toBe(false);
  });
});
