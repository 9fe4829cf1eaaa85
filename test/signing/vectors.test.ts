/**
 * Manifest-driven: every signed vector decodes to what vectors/signed/manifest.json says (values
 * from the generator's inputs and format.md arithmetic), encodes back byte for byte, verifies (or
 * fails) as stated, and regenerating the vectors changes no byte.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeSignedFile,
  decodeTrustList,
  encodeSignedFile,
  encodeTrustList,
  roleName,
  verifySignedFile,
  verifyTrustList,
  type Element,
  type TrustListHeader,
  type TrustRecord,
  type VerifyOptions,
  type VerifyResult,
} from '../../src/index.js';
import { parseCertificate } from '../../src/x509/index.js';
import { makeSignedVectors, writeSignedVectors, type HeaderExpect, type RecordExpect, type SignatureExpect, type VerifyWith } from '../../scripts/make-signed-vectors.js';
import { findSignature, hex, manifest, rootFile, vector, VECTORS } from './helpers.js';

const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('hex');
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** `1,2,3{4,5,6},7{8,9{10,11}},12,14,15,13` from a decoded element list. */
function layoutOf(elements: readonly Element[]): string {
  return elements.map((e) => (e.children ? `${e.tag}{${layoutOf(e.children)}}` : String(e.tag))).join(',');
}

function headerFacts(h: TrustListHeader, kind: HeaderExpect['kind'], size: number): Partial<HeaderExpect> {
  const sig = h.elements.find((e) => e.tag === 12);
  return {
    kind,
    headerLength: h.headerLength!,
    headerLayout: layoutOf(h.elements),
    padding: h.elements.filter((e) => e.tag === 13).length,
    version: `${h.version!.major}.${h.version!.minor}`,
    ...(h.signerVersion && { signerVersion: `${h.signerVersion.major}.${h.signerVersion.minor}` }),
    signer: { name: h.signer!.name!, serialNumber: hex(h.signer!.serialNumber!), issuerName: h.signer!.issuerName! },
    digest: h.digest as HeaderExpect['digest'],
    signatureAlgorithm: h.signatureAlgorithm as 0,
    modulusCode: h.modulusCode!,
    signatureLength: h.signature!.length,
    signatureOffset: sig!.offset!,
    signedBytes: size - 3 - h.signature!.length,
    filename: h.filename!,
    timestamp: h.timestamp!,
  };
}

function recordFacts(r: TrustRecord, want: RecordExpect): RecordExpect {
  return {
    role: r.role!,
    roleName: roleName(r.role!),
    length: r.recordLength!,
    layout: r.elements.map((e) => e.tag).join(','),
    ...(want.certificate !== undefined && { certificate: want.certificate }), // checked below against the bytes
    ...(r.dnsName !== undefined && { dnsName: r.dnsName }),
    ...(r.subjectName !== undefined && { subjectName: r.subjectName }),
    ...(r.issuerName !== undefined && { issuerName: r.issuerName }),
    ...(r.serialNumber !== undefined && { serialNumber: hex(r.serialNumber) }),
    ...(r.publicKey !== undefined && { publicKeyLength: r.publicKey.length, publicKeySha1: sha1(r.publicKey) }),
    ...(r.signature !== undefined && { signatureLength: r.signature.length }),
    ...(r.certificate !== undefined && { certificateLength: r.certificate.length, certificateSha1: sha1(r.certificate) }),
    ...(r.ipAddress !== undefined && { ipAddress: r.ipAddress }),
    ...(want.emptied && { emptied: true }),
  };
}

/** A manifest `with` as verify options: files are read, certificates parsed. */
function optionsOf(w: VerifyWith | undefined): VerifyOptions {
  if (!w) return {};
  return {
    ...(w.certificate && { certificate: parseCertificate(rootFile(w.certificate)) }),
    ...(w.trustList && { trustList: decodeTrustList(vector(w.trustList)) }),
    ...(w.roles && { roles: w.roles }),
  };
}

function outcome(r: VerifyResult, want: SignatureExpect): SignatureExpect {
  return {
    valid: r.valid,
    ...(want.reason !== undefined && { reason: r.reason! }),
    ...(want.signer !== undefined && { signer: want.signer }),
    ...(want.digest !== undefined && { digest: r.digest as SignatureExpect['digest'] }),
    ...(want.source !== undefined && { source: r.signer?.source ?? ('none' as never) }),
    ...(want.recordIndex !== undefined && { recordIndex: r.signer?.recordIndex ?? -1 }),
    ...(want.with !== undefined && { with: want.with }),
  };
}

const entries = manifest().vectors;

describe('vectors/signed/manifest.json', () => {
  it('lists every .tlv and .sgn file in vectors/signed, and every listed file exists', () => {
    const files = readdirSync(join(VECTORS, 'signed')).filter((f) => f.endsWith('.tlv') || f.endsWith('.sgn'));
    expect(entries.map((e) => e.file.replace(/^signed\//, '')).sort()).toEqual(files.sort());
  });

  it('has the demo ITL the CLI inspects, signed by ITLRecovery with SHA-1 and the roles asked for', () => {
    const demo = entries.find((e) => e.file === 'signed/itl-rsa2048-sha1.tlv')!;
    expect(demo.expect.roles).toEqual(['SAST', 'SAST', 'TFTP', 'CAPF', 'TVS', 'TVS']);
    expect(demo.signature).toMatchObject({ valid: true, signer: 'vectors/keys/rsa2048-a.cert.pem', digest: 'sha1' });
    for (const r of demo.expect.records!) {
      expect(r.ipAddress).toMatch(/^192\.0\.2\.\d+$/);
      expect(r.dnsName).toMatch(/^test-a-/);
    }
  });

  it('covers every digest, RSA 1024/2048/4096 signers, both layouts, signer versions 1.0 and 1.1, ITL and CTL', () => {
    const signed = entries.filter((e) => e.signature.valid);
    expect(new Set(signed.map((e) => e.expect.digest))).toEqual(new Set(['sha1', 'sha256', 'sha512']));
    expect(new Set(signed.map((e) => e.expect.signatureLength))).toEqual(new Set([128, 256, 512]));
    expect(new Set(signed.map((e) => e.expect.headerLayout.includes('3{4,6,5}')))).toEqual(new Set([true, false]));
    expect(new Set(signed.map((e) => e.expect.signerVersion).filter(Boolean))).toEqual(new Set(['1.0', '1.1']));
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(['ITL', 'CTL', 'SGN']));
    expect(new Set(entries.filter((e) => !e.signature.valid).map((e) => e.signature.reason))).toEqual(
      new Set(['SIGNATURE_MISMATCH', 'SIGNER_NOT_FOUND', 'SIGNER_NOT_SAST', 'MODULUS_MISMATCH']),
    );
  });
});

describe.each(entries.map((e) => [e.file, e] as const))('%s', (file, e) => {
  const bytes = vector(file);

  it('has the size and SHA-256 the manifest records', () => {
    expect({ size: bytes.length, sha256: sha256(bytes) }).toEqual({ size: e.size, sha256: e.sha256 });
  });

  it("has its SIGNATURE where the test's own header walker finds it", () => {
    const s = findSignature(bytes);
    expect({ offset: s.offset, length: s.length, headerLength: s.headerLength }).toEqual({
      offset: e.expect.signatureOffset,
      length: e.expect.signatureLength,
      headerLength: e.expect.headerLength,
    });
  });

  if (e.kind === 'SGN') {
    it('decodes to the expected header and payload and encodes back byte for byte', () => {
      const f = decodeSignedFile(bytes);
      const { records: _r, roles: _o, recordCount: _c, ...want } = e.expect;
      expect({ ...headerFacts(f.header, 'SGN', bytes.length), payloadLength: f.payload.length, payloadSha256: sha256(f.payload) }).toEqual(want);
      expect(hex(encodeSignedFile(f))).toBe(hex(bytes));
    });
  } else {
    it('decodes to the expected header and records and encodes back byte for byte', () => {
      const list = decodeTrustList(bytes);
      expect(list.kind).toBe(e.kind);
      const { records, roles, recordCount, ...want } = e.expect;
      expect(headerFacts(list.header, list.kind, bytes.length)).toEqual(want);
      expect(list.records.map((r) => roleName(r.role!))).toEqual(roles);
      expect(list.records).toHaveLength(recordCount!);
      expect(list.records.map((r, i) => recordFacts(r, records![i]!))).toEqual(records);
      for (const [i, r] of records!.entries()) {
        if (r.certificate) expect(hex(list.records[i]!.certificate!)).toBe(hex(parseCertificate(rootFile(r.certificate)).der));
      }
      expect(hex(encodeTrustList(list))).toBe(hex(bytes));
    });
  }

  const verify = (options: VerifyOptions): Promise<VerifyResult> => (e.kind === 'SGN' ? verifySignedFile(bytes, options) : verifyTrustList(bytes, options));

  it(`verifies as the manifest says: ${e.signature.valid ? 'valid' : e.signature.reason}`, async () => {
    const r = await verify(optionsOf(e.signature.with));
    expect(outcome(r, e.signature)).toEqual(e.signature);
    if (!r.valid) expect(r.message).toEqual(expect.any(String));
  });

  if (e.signature.signer) {
    it("verifies with the signer's certificate given explicitly", async () => {
      const r = await verify({ certificate: parseCertificate(rootFile(e.signature.signer!)) });
      expect(r.valid).toBe(true);
    });
  }

  for (const w of e.verifyWith ?? []) {
    it(`with ${JSON.stringify(w.with)}: ${w.valid ? 'valid' : w.reason}`, async () => {
      expect(outcome(await verify(optionsOf(w.with)), w)).toEqual(w);
    });
  }
});

describe('regenerating the signed vectors', () => {
  it('changes no byte (files and manifest)', async () => {
    const generated = await makeSignedVectors();
    expect([...generated.files.keys()].sort()).toEqual(entries.map((e) => e.file.replace(/^signed\//, '')).sort());
    for (const [name, bytes] of generated.files) expect({ name, sha256: sha256(bytes) }).toEqual({ name, sha256: sha256(vector(`signed/${name}`)) });
    expect(generated.manifest).toEqual(manifest());

    // The written form too: the script's writer into a temporary directory.
    const dir = mkdtempSync(join(tmpdir(), 'itl-signed-'));
    try {
      writeSignedVectors(generated, dir);
      for (const f of readdirSync(join(dir, 'signed'))) {
        expect({ f, same: readFileSync(join(dir, 'signed', f)).equals(readFileSync(join(VECTORS, 'signed', f))) }).toEqual({ f, same: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
