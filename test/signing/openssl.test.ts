/**
 * OpenSSL as an independent RSA implementation: it verifies our signatures over the signed range
 * (cut out by this test's own header walker, not by src/), and our verifier accepts a signature
 * that OpenSSL made and the test patched in.
 *
 * Needs the `openssl` binary. Without it these tests are skipped with a loud reason (install it
 * in CI: apt-get install -y openssl).
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTrustList, decodeTrustList, signFile, verifySignedFile, verifyTrustList, type DigestName } from '../../src/index.js';
import { cert, entry, OPENSSL, ROOT, rootFile, signer, splitSignature, vector } from './helpers.js';

function openssl(args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

function withTemp<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'itl-openssl-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The public key of a certificate file as PEM, extracted by openssl itself. */
function publicKeyPem(certPath: string, dir: string): string {
  const r = openssl(['x509', '-in', join(ROOT, certPath), '-pubkey', '-noout', '-out', 'pub.pem'], dir);
  if (r.status !== 0) throw new Error(r.out);
  return join(dir, 'pub.pem');
}

/** One vector per digest and per key size, plus the .sgn files. */
const CASES: [string, DigestName, string][] = [
  ['signed/itl-rsa1024-sha1-min.tlv', 'sha1', 'vectors/keys/rsa1024-a.cert.pem'],
  ['signed/itl-rsa1024-sha256-min.tlv', 'sha256', 'vectors/keys/rsa1024-a.cert.pem'],
  ['signed/itl-rsa1024-sha512-min.tlv', 'sha512', 'vectors/keys/rsa1024-a.cert.pem'],
  ['signed/itl-rsa2048-sha1.tlv', 'sha1', 'vectors/keys/rsa2048-a.cert.pem'],
  ['signed/itl-rsa4096-sha256.tlv', 'sha256', 'vectors/keys/rsa4096-a.cert.pem'],
  ['signed/ctl-rsa1024-sha512-certutils.tlv', 'sha512', 'vectors/keys/rsa1024-a.cert.pem'],
  ['signed/itl-rsa2048-sha512-certutils-v1.1.tlv', 'sha512', 'vectors/keys/rsa2048-a.cert.pem'],
  ['signed/SEP001122334455.cnf.xml.sgn', 'sha1', 'vectors/keys/rsa1024-a.cert.pem'],
  ['signed/New_Zealand-g3-tones.xml.sgn', 'sha512', 'vectors/keys/rsa1024-a.cert.pem'],
];

if (!OPENSSL.available) {
  describe('openssl cross-checks', () => {
    // CI installs openssl (.ci/run), so there a missing binary is a failure, not a skip.
    if (process.env.CI) it('openssl is on PATH (.ci/run installs it)', () => expect(OPENSSL.available).toBe(true));
    else it.skip('SKIPPED: the openssl binary is not on PATH, so signatures are not cross-checked with OpenSSL; install it (apt-get install -y openssl)', () => {});
  });
  // Loud on purpose: a skipped cross-check is easy to miss in a green run.
  console.warn('test/signing/openssl.test.ts: openssl not found on PATH; OpenSSL cross-checks SKIPPED');
} else {
  describe(`openssl cross-checks (${OPENSSL.version})`, () => {
    it.each(CASES)('openssl dgst verifies %s (%s) over the file minus its SIGNATURE element', (file, digest, certPath) => {
      const bytes = vector(file);
      const { range, signature } = splitSignature(bytes);
      expect(range.length).toBe(entry(file.replace(/^signed\//, '')).expect.signedBytes);
      withTemp((dir) => {
        const pub = publicKeyPem(certPath, dir);
        writeFileSync(join(dir, 'range.bin'), range);
        writeFileSync(join(dir, 'sig.bin'), signature);
        const r = openssl(['dgst', `-${digest}`, '-verify', pub, '-signature', 'sig.bin', 'range.bin'], dir);
        expect(r).toEqual({ status: 0, out: 'Verified OK' });
        // And it is the signed range that matters: one more byte and OpenSSL refuses.
        writeFileSync(join(dir, 'range.bin'), Buffer.concat([range, Buffer.of(0)]));
        expect(openssl(['dgst', `-${digest}`, '-verify', pub, '-signature', 'sig.bin', 'range.bin'], dir).status).not.toBe(0);
      });
    });

    it.each(['sha1', 'sha256', 'sha512'] as DigestName[])('a signature made by openssl dgst -sign -%s and patched in verifies with verifyTrustList', async (digest) => {
      // Build with our signer, then replace the signature with OpenSSL's over the same range.
      const s = await signer('rsa2048-a');
      const built = await buildTrustList({
        signer: s,
        records: [{ certificate: s.certificate, role: 'SAST', dnsName: 'test-a-pub', ipAddress: '192.0.2.10' }, { certificate: cert('rsa1024-a'), role: 'TFTP' }],
        digest,
        timestamp: 1767225600,
      });
      const { range, signature: ours, offset } = splitSignature(built);
      const theirs = withTemp((dir) => {
        writeFileSync(join(dir, 'range.bin'), range);
        const r = openssl(['dgst', `-${digest}`, '-sign', join(ROOT, 'vectors/keys/rsa2048-a.key.pem'), '-out', 'sig.bin', 'range.bin'], dir);
        expect(r.status).toBe(0);
        return new Uint8Array(readFileSync(join(dir, 'sig.bin')));
      });
      expect(theirs.length).toBe(256);
      // PKCS#1 v1.5 is deterministic: OpenSSL's signature is ours.
      expect(Buffer.from(theirs).equals(Buffer.from(ours))).toBe(true);

      // Now a file whose signature only OpenSSL made: zero ours out first, then patch theirs in.
      const patched = built.slice();
      patched.fill(0, offset + 3, offset + 3 + 256);
      expect((await verifyTrustList(patched)).valid).toBe(false);
      patched.set(theirs, offset + 3);
      expect(await verifyTrustList(patched)).toMatchObject({ valid: true, digest, signer: { source: 'file', recordIndex: 0 } });
      expect(decodeTrustList(patched).header.signature).toEqual(theirs);
    });

    it('a .sgn whose signature openssl made (SHA-512, RSA 1024) verifies with verifySignedFile', async () => {
      const payload = new TextEncoder().encode('<device>openssl</device>\n');
      const built = await signFile(payload, await signer('rsa1024-a'), { filename: 'SEP0011.cnf.xml.sgn', digest: 'sha512', timestamp: 1767225600 });
      const { range, offset } = splitSignature(built);
      const theirs = withTemp((dir) => {
        writeFileSync(join(dir, 'range.bin'), range);
        expect(openssl(['dgst', '-sha512', '-sign', join(ROOT, 'vectors/keys/rsa1024-a.key.pem'), '-out', 'sig.bin', 'range.bin'], dir).status).toBe(0);
        return new Uint8Array(readFileSync(join(dir, 'sig.bin')));
      });
      const patched = built.slice();
      patched.fill(0, offset + 3, offset + 3 + 128);
      patched.set(theirs, offset + 3);
      expect(await verifySignedFile(patched, { certificate: rootFile('vectors/keys/rsa1024-a.cert.der') })).toMatchObject({ valid: true, digest: 'sha512' });
    });
  });
}
