/** verifyTrustList options: an explicit certificate, a public key, an installed trust list, roles. */
import { describe, expect, it } from '@jest/globals';
import { buildTrustList, decodeTrustList, ROLES, verifyTrustList, type TrustList } from '../../src/index.js';
import { cert, rootFile, signer, vector } from './helpers.js';

const demoBytes = vector('signed/itl-rsa2048-sha1.tlv'); // signed by rsa2048-a (SAST record 0)
const sha256Bytes = vector('signed/itl-rsa4096-sha256.tlv'); // signed by rsa4096-a, SHA-256
const T = 1767225600;
/** WebCrypto's BufferSource wants an ArrayBuffer-backed view (TypeScript 5.7+). */
const buf = (b: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(b);

describe('verify with an explicit certificate', () => {
  it('accepts DER bytes and ParsedCertificate fields; names the source "certificate"', async () => {
    for (const certificate of [rootFile('vectors/keys/rsa2048-a.cert.der'), cert('rsa2048-a')]) {
      const r = await verifyTrustList(demoBytes, { certificate });
      expect(r).toMatchObject({ valid: true, digest: 'sha1', signer: { source: 'certificate' } });
      expect(r.signer?.recordIndex).toBeUndefined();
    }
    expect((await verifyTrustList(demoBytes, { certificate: cert('rsa2048-a') })).signer).toMatchObject({ subjectName: cert('rsa2048-a').subject.cucm });
  });

  it('a certificate of the same size with another key: SIGNATURE_MISMATCH; another size: MODULUS_MISMATCH', async () => {
    expect(await verifyTrustList(demoBytes, { certificate: cert('rsa2048-b') })).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect(await verifyTrustList(demoBytes, { certificate: rootFile('vectors/keys/rsa4096-a.cert.der') })).toMatchObject({ valid: false, reason: 'MODULUS_MISMATCH' });
  });

  it('an EC certificate: UNSUPPORTED_KEY; bytes that are no certificate: UNSUPPORTED_KEY', async () => {
    expect(await verifyTrustList(demoBytes, { certificate: cert('ec256-a') })).toMatchObject({ valid: false, reason: 'UNSUPPORTED_KEY' });
    expect(await verifyTrustList(demoBytes, { certificate: Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00) })).toMatchObject({ valid: false, reason: 'UNSUPPORTED_KEY' });
  });

  it('takes precedence over the records: a file signed by a key it does not list verifies with that certificate', async () => {
    const bytes = vector('signed/invalid-itl-signer-not-found.tlv');
    expect((await verifyTrustList(bytes)).reason).toBe('SIGNER_NOT_FOUND');
    expect((await verifyTrustList(bytes, { certificate: cert('rsa2048-b') })).valid).toBe(true);
  });
});

describe('verify with a public key', () => {
  it('SubjectPublicKeyInfo bytes', async () => {
    expect(await verifyTrustList(demoBytes, { publicKey: cert('rsa2048-a').spki })).toMatchObject({ valid: true, signer: { source: 'public-key' } });
    expect(await verifyTrustList(demoBytes, { publicKey: cert('rsa2048-b').spki })).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect(await verifyTrustList(demoBytes, { publicKey: cert('rsa1024-a').spki })).toMatchObject({ valid: false, reason: 'MODULUS_MISMATCH' });
  });

  it('a CryptoKey, whether imported for the file digest or another one', async () => {
    const subtle = globalThis.crypto.subtle;
    const spki = cert('rsa4096-a').spki;
    for (const hash of ['SHA-256', 'SHA-1', 'SHA-512']) {
      const key = await subtle.importKey('spki', buf(spki), { name: 'RSASSA-PKCS1-v1_5', hash }, true, ['verify']);
      expect({ hash, r: await verifyTrustList(sha256Bytes, { publicKey: key }) }).toMatchObject({ hash, r: { valid: true, digest: 'sha256', signer: { source: 'public-key' } } });
    }
  });

  it('a non-extractable CryptoKey bound to another hash gives a result (UNSUPPORTED_KEY), not a raw WebCrypto exception', async () => {
    // WebCrypto fixes the hash at import; re-binding needs exportKey, which a non-extractable key refuses.
    // The result must still be a VerifyResult: verifyTrustList throws only ItlError, and only for bytes that do not decode.
    const key = await globalThis.crypto.subtle.importKey('spki', buf(cert('rsa4096-a').spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['verify']);
    const r = await verifyTrustList(sha256Bytes, { publicKey: key }).catch((e: unknown) => ({ threw: String(e) }));
    expect(r).toMatchObject({ valid: false, reason: 'UNSUPPORTED_KEY' });
    // Imported for the file's digest, the same non-extractable key just works.
    const right = await globalThis.crypto.subtle.importKey('spki', buf(cert('rsa4096-a').spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    expect(await verifyTrustList(sha256Bytes, { publicKey: right })).toMatchObject({ valid: true });
  });

  it('a CryptoKey of another algorithm or size is refused with a reason', async () => {
    const subtle = globalThis.crypto.subtle;
    const ec = await subtle.importKey('spki', buf(cert('ec256-a').spki), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
    expect(await verifyTrustList(demoBytes, { publicKey: ec })).toMatchObject({ valid: false, reason: 'UNSUPPORTED_KEY' });
    const small = await subtle.importKey('spki', buf(cert('rsa1024-a').spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, true, ['verify']);
    expect(await verifyTrustList(demoBytes, { publicKey: small })).toMatchObject({ valid: false, reason: 'MODULUS_MISMATCH' });
  });
});

describe('verify against an installed trust list (what a phone does with a new file)', () => {
  const installedDemo = decodeTrustList(demoBytes);

  it('valid when the signer is a SAST record of the installed list; recordIndex points into that list', async () => {
    const resigned = vector('signed/itl-resigned-rsa1024-sha1.tlv'); // signed by rsa1024-a, SAST record 1 of the demo
    expect(await verifyTrustList(resigned, { trustList: installedDemo })).toMatchObject({ valid: true, signer: { source: 'trust-list', recordIndex: 1, role: ROLES.SAST } });
  });

  it("ignores the file's own records: a self-consistent file from another cluster is SIGNER_NOT_FOUND", async () => {
    const s = await signer('rsa2048-b');
    const other = await buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }], timestamp: T });
    expect((await verifyTrustList(other)).valid).toBe(true);
    expect(await verifyTrustList(other, { trustList: installedDemo })).toMatchObject({ valid: false, reason: 'SIGNER_NOT_FOUND' });
  });

  it('SIGNER_NOT_SAST when the installed list has the signer only as TFTP; the roles option widens it', async () => {
    const s = await signer('rsa2048-a');
    // Installed list: ITLRecovery as SAST, CallManager only as TFTP.
    const installed: TrustList = decodeTrustList(
      await buildTrustList({ signer: s, records: [{ certificate: s.certificate, role: 'SAST' }, { certificate: cert('rsa1024-a'), role: 'TFTP' }], timestamp: T }),
    );
    const byCallManager = vector('signed/itl-rsa1024-sha256-min.tlv'); // signed by rsa1024-a
    expect(await verifyTrustList(byCallManager, { trustList: installed })).toMatchObject({ valid: false, reason: 'SIGNER_NOT_SAST' });
    expect(await verifyTrustList(byCallManager, { trustList: installed, roles: [ROLES.TFTP] })).toMatchObject({ valid: true, signer: { source: 'trust-list', recordIndex: 1, role: ROLES.TFTP } });
    expect(await verifyTrustList(byCallManager, { trustList: installed, roles: [ROLES.SAST, ROLES.TFTP, ROLES['CCM+TFTP']] })).toMatchObject({ valid: true });
    // Narrowing works too: the demo's own SAST signer is refused when only TFTP counts.
    expect(await verifyTrustList(demoBytes, { roles: [ROLES.TFTP] })).toMatchObject({ valid: false, reason: 'SIGNER_NOT_SAST' });
  });

  it('a trust-list record matching the serial but holding a different key: SIGNATURE_MISMATCH, not a pass', async () => {
    const installed = decodeTrustList(demoBytes);
    // Swap the SAST record's key material for cluster B's while keeping A's serial and issuer.
    const b = cert('rsa2048-b');
    const forged: TrustList = {
      ...installed,
      records: installed.records.map((r, i) => (i === 0 ? { ...r, certificate: b.der, publicKey: b.publicKey, signature: b.signature } : r)),
    };
    expect(await verifyTrustList(demoBytes, { trustList: forged })).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });
});
