/** lint and diff over the committed vectors (vectors/signed, vectors/structural): real builder output. */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeTrustList, diffTrustLists, encodeTrustList, lintTrustList } from '../../src/index.js';

const DIR = new URL('../../vectors/', import.meta.url);
const vector = (path: string) => new Uint8Array(readFileSync(new URL(path, DIR)));
const lintCodes = (path: string, fileName = 'ITLFile.tlv') => lintTrustList(vector(path), { fileName }).findings.map((f) => `${f.code}${f.records ? `[${f.records.join(',')}]` : ''}`);

/** Every .tlv under vectors/ that decodes strictly. */
function decodable(): string[] {
  const out: string[] = [];
  for (const dir of ['signed', 'structural']) {
    for (const f of readdirSync(new URL(`${dir}/`, DIR)).filter((n) => n.endsWith('.tlv')).sort()) {
      try {
        decodeTrustList(vector(`${dir}/${f}`));
        out.push(`${dir}/${f}`);
      } catch {
        // malformed vectors: decodeTrustList's business
      }
    }
  }
  return out;
}

describe('lint on the signed vectors', () => {
  it('the demo ITL: only the 4096-bit CAPF key', () => expect(lintCodes('signed/itl-rsa2048-sha1.tlv')).toEqual(['RSA_KEY_OVER_2048[3]']));
  it('a per-device ITL served under its own name, FILENAME ITLFile.tlv: nothing', () => {
    expect(lintCodes('signed/ITLSEP001122334455.tlv', '/tftpboot/ITLSEP001122334455.tlv')).toEqual([]);
  });
  it('certutils SHA-512 with signer version 1.1 and an EC TFTP certificate: nothing', () => {
    expect(lintCodes('signed/itl-rsa2048-sha512-certutils-v1.1.tlv')).toEqual([]);
  });
  it('certutils SHA-512 CTL with the default signer version 1.0', () => {
    expect(lintCodes('signed/ctl-rsa1024-sha512-certutils.tlv', 'CTLFile.tlv')).toEqual(['RSA_KEY_OVER_2048[2]', 'DIGEST_NEEDS_SIGNER_VERSION_1_1']);
  });
  it('the CTL vector served as ITLFile.tlv is an error', () => {
    const r = lintTrustList(vector('signed/ctl-rsa1024-sha1.tlv'), { fileName: 'ITLFile.tlv' });
    expect(r.ok).toBe(false);
    expect(r.findings.find((f) => f.code === 'FILENAME_MISMATCH')).toMatchObject({ severity: 'error' });
  });
  it('signer listed only as TFTP', () => expect(lintCodes('signed/invalid-itl-signer-not-sast.tlv')).toEqual(['SIGNER_NOT_SAST[1]']));
  it('signer not listed at all', () => expect(lintCodes('signed/invalid-itl-signer-not-found.tlv')).toEqual(['SIGNER_NOT_SAST[]', 'RSA_KEY_OVER_2048[3]']));
  it('SIGNATURE_MODULUS patched after signing', () => expect(lintCodes('signed/invalid-itl-modulus-code.tlv')).toEqual(['MODULUS_CODE_MISMATCH']));
  it('the rollback ITL: emptied TFTP and TVS records are expected', () => {
    const r = lintTrustList(vector('signed/itl-rollback-rsa2048-sha1.tlv'), { fileName: 'ITLFile.tlv' });
    expect(r.rollback).toBe(true);
    expect(r.ok).toBe(true);
    expect(r.findings.map((f) => f.code)).toEqual(['ROLLBACK_LIST', 'RSA_KEY_OVER_2048']);
    expect(r.findings[0]!.records).toEqual([2, 4, 5]);
  });
  it('the S8-shaped non-secure CTL (emptied CCM+TFTP records) is recognised as such', () => {
    const f = lintTrustList(vector('structural/cucm-ctl-s8-shape.tlv'), { fileName: 'CTLFile.tlv' }).findings;
    expect(f).toEqual([expect.objectContaining({ code: 'ROLLBACK_LIST', records: [2, 4], message: expect.stringContaining('non-secure-mode CTL') })]);
  });
  it('every decodable vector lints without throwing, as bytes and as its decoded model, with the same findings', () => {
    const paths = decodable();
    expect(paths.length).toBeGreaterThan(20);
    for (const p of paths) expect(lintTrustList(decodeTrustList(vector(p)))).toEqual(lintTrustList(vector(p)));
  });
});

describe('diff on the signed vectors', () => {
  it('every decodable vector is the same as and identical to its re-encoding', () => {
    for (const p of decodable()) {
      const d = diffTrustLists(vector(p), encodeTrustList(decodeTrustList(vector(p))));
      expect({ p, same: d.same, identical: d.identical, header: d.header }).toEqual({ p, same: true, identical: true, header: [] });
    }
  });

  it('utils itl reset localkey: same records, the signer changed to the CallManager key', () => {
    const d = diffTrustLists(vector('signed/itl-rsa2048-sha1.tlv'), vector('signed/itl-resigned-rsa1024-sha1.tlv'));
    expect(d.same).toBe(false);
    expect(d.header.filter((h) => h.content).map((h) => h.code)).toEqual(['SIGNER_CHANGED', 'SIGNER_CHANGED', 'SIGNER_CHANGED', 'MODULUS_CODE_CHANGED']);
    expect(d.records).toEqual({ added: [], removed: [], changed: [], moved: [] });
  });

  it('rollback: the TFTP and TVS records are emptied (paired by role and DNS name), the rest unchanged', () => {
    const d = diffTrustLists(vector('signed/itl-rsa2048-sha1.tlv'), vector('signed/itl-rollback-rsa2048-sha1.tlv'));
    expect(d.same).toBe(false);
    expect(d.header.every((h) => !h.content)).toBe(true);
    expect(d.records.changed.map((c) => [c.beforeIndex, c.afterIndex, c.matchedBy])).toEqual([
      [2, 2, 'role+dns'],
      [4, 4, 'role+dns'],
      [5, 5, 'role+dns'],
    ]);
    expect(d.records.changed[0]!.fields.map((f) => f.field)).toEqual(['subjectName', 'issuerName', 'serialNumber', 'publicKey', 'signature', 'certificate']);
  });

  it('SHA-1 vs SHA-512: only the digest is content', () => {
    const d = diffTrustLists(vector('signed/itl-rsa1024-sha1-min.tlv'), vector('signed/itl-rsa1024-sha512-min.tlv'));
    expect(d.header.filter((h) => h.content).map((h) => h.code)).toEqual(['DIGEST_CHANGED']);
  });
});
