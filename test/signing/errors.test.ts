/** What the signers and builders must refuse, with stable error codes. */
import { describe, expect, it } from '@jest/globals';
import {
  buildRollbackItl,
  buildTrustList,
  decodeTrustList,
  ItlError,
  MAX_SAST_RECORDS,
  resignTrustList,
  signFile,
  signTrustList,
  verifyTrustList,
  type CertificateFields,
  type DigestName,
  type Signer,
} from '../../src/index.js';
import { loadSigner, X509Error } from '../../src/x509/index.js';
import { cert, rootFile, signer, vector } from './helpers.js';

const T = 1767225600;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof ItlError || e instanceof X509Error) return e.code;
    throw e;
  }
  throw new Error('expected a rejection');
}

/** DER length bytes. */
function derLen(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** PKCS#1 RSAPublicKey from a SubjectPublicKeyInfo: the BIT STRING contents after the unused-bits byte. */
function pkcs1FromSpki(spki: Uint8Array): Uint8Array {
  // SEQUENCE { SEQUENCE algorithm, BIT STRING } – walk with a tiny reader.
  const hdr = (at: number) => {
    const f = spki[at + 1]!;
    if (f < 0x80) return { h: 2, l: f };
    let l = 0;
    for (let i = 0; i < (f & 0x7f); i++) l = l * 256 + spki[at + 2 + i]!;
    return { h: 2 + (f & 0x7f), l };
  };
  const outer = hdr(0);
  const alg = hdr(outer.h);
  const bsAt = outer.h + alg.h + alg.l;
  const bs = hdr(bsAt);
  return spki.slice(bsAt + bs.h + 1, bsAt + bs.h + bs.l);
}

/** Certificate fields around a WebCrypto-generated RSA key of any size (no certificate exists for it). */
async function generatedSigner(bits: number): Promise<Signer> {
  const subtle = globalThis.crypto.subtle;
  const pair = (await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: bits, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-1' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  const base = cert('rsa1024-a');
  const certificate: CertificateFields = {
    der: Uint8Array.of(0x30, ...derLen(4), 0x02, 0x02, 0x15, 0x36), // opaque to the builder
    subject: { cucm: `CN=rsa${bits};OU=TEST ONLY`, certutils: `CN=rsa${bits},OU=TEST ONLY` },
    issuer: { cucm: `CN=rsa${bits};OU=TEST ONLY`, certutils: `CN=rsa${bits},OU=TEST ONLY` },
    serialNumber: Uint8Array.of(0x15, 0x36),
    publicKey: pkcs1FromSpki(spki),
    signature: base.signature,
    spki,
    keyAlgorithm: 'RSA',
    keyBits: bits,
  };
  return { certificate, privateKey: pkcs8 };
}

describe('signers the core refuses', () => {
  it('an EC signer: ERR_SIGNER from buildTrustList, signFile, resignTrustList and buildRollbackItl (trust lists are RSA only)', async () => {
    const ec = await signer('ec256-a');
    expect(ec.certificate.keyAlgorithm).toBe('EC');
    expect(await codeOf(buildTrustList({ signer: ec, records: [{ certificate: ec.certificate, role: 'SAST' }], timestamp: T }))).toBe('ERR_SIGNER');
    expect(await codeOf(signFile(new Uint8Array(4), ec, { filename: 'x.sgn', timestamp: T }))).toBe('ERR_SIGNER');
    expect(await codeOf(resignTrustList(vector('signed/itl-rsa2048-sha1.tlv'), ec, { timestamp: T }))).toBe('ERR_SIGNER');
    expect(await codeOf(buildRollbackItl({ signer: ec, timestamp: T }))).toBe('ERR_SIGNER');
  });

  it('an EC certificate as a record is fine: only the signer must be RSA', async () => {
    const s = await signer('rsa1024-a');
    const bytes = await buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }, { certificate: cert('ec256-a'), role: 'CAPF' }], timestamp: T });
    expect((await verifyTrustList(bytes)).valid).toBe(true);
  });

  it('a private key that does not belong to the certificate: ERR_SIGNER in the core, ERR_KEY_MISMATCH from loadSigner', async () => {
    const a = await signer('rsa2048-a');
    const b = await signer('rsa2048-b');
    const mixed: Signer = { certificate: a.certificate, privateKey: b.privateKey };
    expect(await codeOf(buildTrustList({ signer: mixed, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T }))).toBe('ERR_SIGNER');
    expect(await codeOf(signFile(new Uint8Array(4), mixed, { filename: 'x.sgn', timestamp: T }))).toBe('ERR_SIGNER');
    // Another size: the key makes a signature of the wrong length.
    const small: Signer = { certificate: a.certificate, privateKey: (await signer('rsa1024-a')).privateKey };
    expect(await codeOf(buildTrustList({ signer: small, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T }))).toBe('ERR_SIGNER');
    expect(await codeOf(loadSigner(rootFile('vectors/keys/rsa2048-a.cert.pem'), rootFile('vectors/keys/rsa2048-b.key.pem')))).toBe('ERR_KEY_MISMATCH');
  });

  it('an extractable CryptoKey that does not belong to the certificate (checked through its JWK): ERR_SIGNER', async () => {
    const a = await signer('rsa2048-a');
    const b = await signer('rsa2048-b');
    const key = await crypto.subtle.importKey('pkcs8', new Uint8Array(b.privateKey as Uint8Array), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, true, ['sign']);
    expect(await codeOf(buildTrustList({ signer: { certificate: a.certificate, privateKey: key }, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T }))).toBe('ERR_SIGNER');
    const own = await crypto.subtle.importKey('pkcs8', new Uint8Array(a.privateKey as Uint8Array), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, true, ['sign']);
    const bytes = await buildTrustList({ signer: { certificate: a.certificate, privateKey: own }, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T });
    expect(bytes).toEqual(await buildTrustList({ signer: a, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T }));
  });

  it('a non-extractable CryptoKey that does not belong to the certificate (checked by verifying): ERR_SIGNER', async () => {
    const a = await signer('rsa2048-a');
    const b = await signer('rsa2048-b');
    const key = await crypto.subtle.importKey('pkcs8', new Uint8Array(b.privateKey as Uint8Array), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['sign']);
    expect(await codeOf(buildTrustList({ signer: { certificate: a.certificate, privateKey: key }, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T }))).toBe('ERR_SIGNER');
    const own = await crypto.subtle.importKey('pkcs8', new Uint8Array(a.privateKey as Uint8Array), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['sign']);
    const bytes = await buildTrustList({ signer: { certificate: a.certificate, privateKey: own }, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T });
    expect(bytes).toEqual(await buildTrustList({ signer: a, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T }));
  });

  it('a non-extractable CryptoKey is checked against a certificate once, and against every other certificate again', async () => {
    const a = await signer('rsa2048-a');
    const b = await signer('rsa2048-b');
    const key = await crypto.subtle.importKey('pkcs8', new Uint8Array(a.privateKey as Uint8Array), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['sign']);
    let verifies = 0;
    const subtle = new Proxy(crypto.subtle, {
      get: (t, k) => (k === 'verify' ? (...args: Parameters<SubtleCrypto['verify']>) => (verifies++, t.verify(...args)) : (t[k as keyof SubtleCrypto] as Function).bind(t)),
    });
    const build = (certificate: typeof a.certificate) => buildTrustList({ signer: { certificate, privateKey: key }, records: [{ certificate, role: 'SAST' }], timestamp: T, subtle });
    const first = await build(a.certificate);
    expect(verifies).toBe(1);
    expect(await build(a.certificate)).toEqual(first);
    expect(verifies).toBe(1); // shown once, not again
    expect(await codeOf(build(b.certificate))).toBe('ERR_SIGNER'); // another certificate is checked, and refused
    expect(verifies).toBe(2);
  });

  it('an EC private key with an RSA certificate: ERR_UNSUPPORTED_KEY or ERR_SIGNER, never a signed file', async () => {
    const a = await signer('rsa2048-a');
    const ecKey = (await signer('ec256-a')).privateKey;
    const code = await codeOf(buildTrustList({ signer: { certificate: a.certificate, privateKey: ecKey }, records: [{ certificate: a.certificate, role: 'SAST' }], timestamp: T }));
    expect(['ERR_UNSUPPORTED_KEY', 'ERR_SIGNER']).toContain(code);
  });

  it('an RSA modulus with no SIGNATURE_MODULUS code (1536 bits): ERR_SIGNER; 512 bits has a code and signs', async () => {
    const odd = await generatedSigner(1536);
    expect(await codeOf(buildTrustList({ signer: odd, records: [{ certificate: odd.certificate, role: 'SAST' }], timestamp: T }))).toBe('ERR_SIGNER');
    expect(await codeOf(signFile(new Uint8Array(4), odd, { filename: 'x.sgn', timestamp: T }))).toBe('ERR_SIGNER');
    const tiny = await generatedSigner(512);
    const bytes = await buildTrustList({ signer: tiny, records: [{ certificate: tiny.certificate, role: 'SAST' }], timestamp: T });
    const list = decodeTrustList(bytes);
    expect({ modulusCode: list.header.modulusCode, length: list.header.signature?.length }).toEqual({ modulusCode: 0, length: 64 });
    expect(await verifyTrustList(bytes, { publicKey: tiny.certificate.spki })).toMatchObject({ valid: true });
  });

  it('a digest it cannot sign with: ERR_UNSUPPORTED_DIGEST', async () => {
    const s = await signer('rsa1024-a');
    const md5 = 'md5' as unknown as DigestName;
    expect(await codeOf(buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }], digest: md5, timestamp: T }))).toBe('ERR_UNSUPPORTED_DIGEST');
    expect(await codeOf(signTrustList(decodeTrustList(vector('signed/itl-rsa1024-sha1-min.tlv')), s, { digest: md5 }))).toBe('ERR_UNSUPPORTED_DIGEST');
  });
});

describe('files the builders refuse to make', () => {
  it(`more than ${MAX_SAST_RECORDS} SAST records: ERR_BUILD`, async () => {
    const s = await signer('rsa2048-a');
    const records = [
      { certificate: s.certificate, role: 'SAST' },
      { certificate: cert('rsa1024-a'), role: 'SAST' },
      { certificate: cert('rsa4096-a'), role: 'SAST' },
    ];
    expect(await codeOf(buildTrustList({ signer: s, records, timestamp: T }))).toBe('ERR_BUILD');
    // Two are fine.
    expect((await verifyTrustList(await buildTrustList({ signer: s, records: records.slice(0, 2), timestamp: T }))).valid).toBe(true);
    // A third SAST hidden in a multi-role spec counts too.
    expect(await codeOf(buildTrustList({ signer: s, records: [...records.slice(0, 2), { certificate: cert('leaf-a'), roles: ['TFTP', 'SAST'] }], timestamp: T }))).toBe('ERR_BUILD');
  });

  it('a signer that is not a SAST record: ERR_BUILD unless allowSignerWithoutSast', async () => {
    const s = await signer('rsa1024-a');
    const records = [
      { certificate: cert('rsa2048-a'), role: 'SAST' },
      { certificate: s.certificate, role: 'TFTP' },
    ];
    expect(await codeOf(buildTrustList({ signer: s, records, timestamp: T }))).toBe('ERR_BUILD');
    const bytes = await buildTrustList({ signer: s, records, timestamp: T, allowSignerWithoutSast: true });
    expect(await verifyTrustList(bytes)).toMatchObject({ valid: false, reason: 'SIGNER_NOT_SAST' });
  });

  it('a record without a role, or with an unknown role name: ERR_BUILD', async () => {
    const s = await signer('rsa1024-a');
    expect(await codeOf(buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }, { certificate: cert('leaf-a') }], timestamp: T }))).toBe('ERR_BUILD');
    expect(await codeOf(buildTrustList({ signer: s, records: [{ certificate: s.certificate, roles: ['SAST', 'NOT-A-ROLE'] }], timestamp: T }))).toBe('ERR_BUILD');
  });

  it('a malformed signer version: ERR_BUILD', async () => {
    const s = await signer('rsa1024-a');
    expect(await codeOf(buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }], signerVersion: 'one', timestamp: T }))).toBe('ERR_BUILD');
  });

  it('a rollback ITL signed by a key the installed ITL does not hold: ERR_BUILD', async () => {
    expect(await codeOf(buildRollbackItl({ from: vector('signed/itl-rsa2048-sha1.tlv'), signer: await signer('rsa2048-b'), timestamp: T }))).toBe('ERR_BUILD');
  });

  it('a record over 65535 bytes: ERR_TOO_LARGE; exactly 65535 bytes is fine', async () => {
    const s = await signer('rsa1024-a');
    const base = cert('leaf-a');
    // RECORDLENGTH = 5 + (3+subject+1) + 5 + (3+issuer+1) + (3+serial) + (3+publicKey) + (3+signature) + (3+certificate)  (format.md §4.2, CUCM layout, no DNS/IP)
    const fixed = 5 + (3 + base.subject.cucm.length + 1) + 5 + (3 + base.issuer.cucm.length + 1) + (3 + base.serialNumber.length) + (3 + base.publicKey.length) + (3 + base.signature.length) + 3;
    const withDer = (n: number): CertificateFields => ({ ...base, der: new Uint8Array(n).fill(0x30) });
    const make = (n: number) => buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }, { certificate: withDer(n), role: 'APP-SERVER' }], timestamp: T });
    const exact = await make(65535 - fixed);
    expect(decodeTrustList(exact).records[1]!.recordLength).toBe(65535);
    expect((await verifyTrustList(exact)).valid).toBe(true);
    expect(await codeOf(make(65535 - fixed + 1))).toBe('ERR_TOO_LARGE');
    expect(await codeOf(make(70000))).toBe('ERR_TOO_LARGE');
  });

  it('a header over 65535 bytes (a huge FILENAME): ERR_TOO_LARGE', async () => {
    const s = await signer('rsa1024-a');
    expect(await codeOf(buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }], filename: 'x'.repeat(70000), timestamp: T }))).toBe('ERR_TOO_LARGE');
  });

  it('a timestamp outside u32 (negative, over 2^32-1, fractional): refused before anything is signed', async () => {
    const s = await signer('rsa1024-a');
    for (const timestamp of [-1, 2 ** 32, 1.5]) {
      const made = buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }], timestamp });
      // Today a RangeError from the time helper, not an ItlError (reported: other bad options give ItlError codes).
      await expect(made).rejects.toThrow(/timestamp/);
    }
  });
});
