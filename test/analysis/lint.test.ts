import { describe, expect, it } from '@jest/globals';
import { buildRollbackItl, buildTrustList, encodeTrustList, ItlError, LINT_RULES, lintTrustList, ROLES, type LintCode, type TrustList, type TrustRecord } from '../../src/index.js';
import { cert, cleanRecords, emptyRec, model, rec, signer, type ModelOptions } from './helpers.js';

const codes = (list: TrustList | Uint8Array, options = {}) => lintTrustList(list, options).findings.map((f) => f.code);
const finding = (list: TrustList | Uint8Array, code: LintCode, options = {}) => lintTrustList(list, options).findings.filter((f) => f.code === code);
const clean = (records: TrustRecord[] = cleanRecords(), o: ModelOptions = {}) => model(records, o);

describe('lintTrustList: a clean list', () => {
  it('has no findings, as a model and as bytes', () => {
    const list = clean();
    for (const input of [list, encodeTrustList(list)]) {
      const r = lintTrustList(input, { fileName: 'ITLFile.tlv' });
      expect(r.findings).toEqual([]);
      expect(r).toMatchObject({ ok: true, counts: { error: 0, warning: 0, info: 0 }, rollback: false, size: encodeTrustList(list).length });
    }
  });

  it('a list built and signed by buildTrustList has no findings', async () => {
    const bytes = await buildTrustList({
      signer: await signer('rsa2048-a'),
      records: [
        { certificate: cert('rsa2048-a'), role: 'SAST' },
        { certificate: cert('rsa1024-a'), role: 'CCM+TFTP', dnsName: 'cucm-a' },
      ],
      timestamp: 1_700_000_000,
    });
    expect(lintTrustList(bytes, { fileName: 'ITLFile.tlv' }).findings).toEqual([]);
  });

  it('every rule names its source and a severity', () => {
    for (const rule of Object.values(LINT_RULES)) {
      expect(rule.source).toMatch(/format\.md §/);
      expect(['error', 'warning', 'info']).toContain(rule.severity);
    }
  });
});

describe('lintTrustList: signature and signer', () => {
  it('NO_SIGNATURE: an unsigned model', () => {
    const r = lintTrustList(clean(cleanRecords(), { unsigned: true }));
    expect(r.findings.map((f) => f.code)).toEqual(['NO_SIGNATURE']);
    expect(r.ok).toBe(false);
    expect(r.findings[0]!.severity).toBe('error');
  });
  it('NO_SIGNATURE absent when signed', () => expect(codes(clean())).not.toContain('NO_SIGNATURE'));

  it('MODULUS_CODE_MISMATCH: code says 128 bytes, signature has 256', () => {
    const f = finding(clean(cleanRecords(), { modulusCode: 1 }), 'MODULUS_CODE_MISMATCH');
    expect(f).toHaveLength(1);
    expect(f[0]!.records).toBeUndefined();
  });
  it("MODULUS_CODE_MISMATCH: code and signature agree but the signer's key is 2048 bits", () => {
    const f = finding(clean(cleanRecords(), { signatureLength: 128 }), 'MODULUS_CODE_MISMATCH');
    expect(f).toHaveLength(1);
    expect(f[0]!.records).toEqual([0]);
    expect(f[0]!.message).toContain('2048 bits');
  });
  it('MODULUS_CODE_MISMATCH absent when code, signature and key agree (1024-bit signer)', () => {
    const records = [rec('rsa1024-a', 'SAST'), rec('rsa1024-a', 'CCM+TFTP', { dnsName: 'a' })];
    expect(codes(clean(records, { signerStem: 'rsa1024-a' }))).toEqual([]);
  });

  it('NO_SIGNER_INFO: no signer serial in the header', () => {
    const list = clean();
    delete list.header.signer;
    expect(codes(list)).toEqual(['NO_SIGNER_INFO']);
  });
  it('NO_SIGNER_INFO absent when the header names a signer', () => expect(codes(clean())).not.toContain('NO_SIGNER_INFO'));

  it('SIGNER_NOT_SAST: the signer is in the list only as CCM+TFTP', () => {
    const records = [rec('rsa1024-a', 'SAST'), rec('rsa2048-a', 'CCM+TFTP', { dnsName: 'a' })];
    const f = finding(clean(records), 'SIGNER_NOT_SAST');
    expect(f).toEqual([expect.objectContaining({ severity: 'error', records: [1] })]);
    expect(f[0]!.message).toContain('CCM+TFTP');
  });
  it('SIGNER_NOT_SAST: no record has the signer serial', () => {
    const f = finding(clean([rec('rsa1024-a', 'SAST')]), 'SIGNER_NOT_SAST');
    expect(f).toEqual([expect.objectContaining({ severity: 'error', records: [] })]);
  });
  it('SIGNER_NOT_SAST is a warning in a rollback list (blankSast)', async () => {
    const s = await signer('rsa2048-a');
    const from = encodeTrustList(clean());
    const bytes = await buildRollbackItl({ from, signer: s, blankSast: true, timestamp: 1_700_000_000 });
    const r = lintTrustList(bytes);
    expect(r.rollback).toBe(true);
    expect(r.findings.find((f) => f.code === 'SIGNER_NOT_SAST')).toMatchObject({ severity: 'warning' });
    expect(r.ok).toBe(true);
  });
  it('SIGNER_NOT_SAST absent when the signer is a SAST record (also listed under a second role)', () => {
    const records = [rec('rsa2048-a', 'CCM+TFTP', { dnsName: 'a' }), rec('rsa2048-a', 'SAST')];
    expect(codes(clean(records))).toEqual([]);
  });
});

describe('lintTrustList: records', () => {
  it('TOO_MANY_SAST: three SAST records', () => {
    const records = [...cleanRecords(), rec('rsa1024-a', 'SAST'), rec('rsa1024-b', 'SAST')];
    expect(finding(clean(records), 'TOO_MANY_SAST')).toEqual([expect.objectContaining({ severity: 'error', records: [0, 3, 4] })]);
  });
  it('TOO_MANY_SAST absent with exactly two', () => {
    expect(codes(clean([...cleanRecords(), rec('rsa1024-a', 'SAST')]))).toEqual([]);
  });

  it('EMPTY_RECORD: an emptied TFTP record next to a full CCM+TFTP record (not a rollback list)', () => {
    const records = [...cleanRecords(), emptyRec(ROLES.TFTP, 'tftp-2', '192.0.2.9')];
    const r = lintTrustList(clean(records));
    expect(r.rollback).toBe(false);
    expect(r.findings).toEqual([expect.objectContaining({ code: 'EMPTY_RECORD', severity: 'warning', records: [3] })]);
  });
  it('EMPTY_RECORD: an empty SAST record is flagged even in a rollback list', () => {
    const records = [rec('rsa2048-a', 'SAST'), emptyRec(ROLES.SAST), emptyRec(ROLES.TFTP), emptyRec(ROLES.TVS)];
    const r = lintTrustList(clean(records));
    expect(r.rollback).toBe(true);
    expect(r.findings.find((f) => f.code === 'EMPTY_RECORD')).toMatchObject({ records: [1] });
  });
  it('EMPTY_RECORD absent in a rollback ITL; ROLLBACK_LIST reported instead', async () => {
    const bytes = await buildRollbackItl({ from: encodeTrustList(clean()), signer: await signer('rsa2048-a'), timestamp: 1_700_000_000 });
    const r = lintTrustList(bytes, { fileName: 'ITLFile.tlv' });
    expect(r.findings).toEqual([expect.objectContaining({ code: 'ROLLBACK_LIST', severity: 'info', records: [1, 2] })]);
    expect(r.rollback).toBe(true);
  });
  it('EMPTY_RECORD: rollback: false turns the detection off', () => {
    const records = [rec('rsa2048-a', 'SAST'), emptyRec(ROLES.TFTP)];
    expect(codes(clean(records), { rollback: false })).toEqual(['EMPTY_RECORD']);
    expect(codes(clean(records))).toEqual(['ROLLBACK_LIST']);
  });
  it('ROLLBACK_LIST absent when one anchor record still has a certificate; rollback: true forces it', () => {
    const records = [...cleanRecords(), emptyRec(ROLES.TVS, 'tvs-2')];
    expect(codes(clean(records))).toEqual(['EMPTY_RECORD']);
    expect(lintTrustList(clean(records), { rollback: true }).findings).toEqual([expect.objectContaining({ code: 'ROLLBACK_LIST', records: [3] })]);
  });
  it('ROLLBACK_LIST on a non-secure-mode CTL (emptied CCM+TFTP records) says CTL', () => {
    const records = [rec('rsa2048-a', 'SAST'), emptyRec(ROLES['CCM+TFTP'], '10.48.47.153', '10.48.47.153'), rec('rsa4096-a', 'CAPF')];
    const f = finding(clean(records, { kind: 'CTL' }), 'ROLLBACK_LIST');
    expect(f[0]!.message).toContain('non-secure-mode CTL');
  });

  it('DUPLICATE_RECORD: the same certificate twice in the same role', () => {
    const records = [...cleanRecords(), rec('rsa1024-a', 'CCM+TFTP', { dnsName: 'other' })];
    expect(finding(clean(records), 'DUPLICATE_RECORD')).toEqual([expect.objectContaining({ severity: 'warning', records: [1, 3] })]);
  });
  it('DUPLICATE_RECORD absent for the same certificate in two roles', () => {
    expect(codes(clean([...cleanRecords(), rec('rsa1024-a', 'TFTP')]))).toEqual([]);
  });

  it('UNKNOWN_ROLE: role 6', () => {
    expect(finding(clean([...cleanRecords(), rec('rsa1024-b', 6)]), 'UNKNOWN_ROLE')).toEqual([expect.objectContaining({ severity: 'info', records: [3] })]);
  });
  it('UNKNOWN_ROLE absent for every documented role', () => {
    const roles = ['CCM', 'TFTP', 'CAPF', 'SRST', 'APP-SERVER'];
    expect(codes(clean([...cleanRecords(), ...roles.map((r) => rec('rsa1024-b', r))]))).toEqual([]);
  });

  it('UNKNOWN_TAG: an undocumented record tag and header tag', () => {
    const list = clean();
    list.records[2]!.elements = [...list.records[2]!.elements, { tag: 99, value: Uint8Array.of(0xde, 0xad) }];
    list.header.elements = [{ tag: 1 }, { tag: 2 }, { tag: 40, value: Uint8Array.of(1) }];
    const f = finding(list, 'UNKNOWN_TAG');
    expect(f).toEqual([
      expect.objectContaining({ severity: 'info', message: expect.stringContaining('TAG_40') }),
      expect.objectContaining({ severity: 'info', records: [2], message: expect.stringContaining('TAG_99') }),
    ]);
    expect(f[0]!.records).toBeUndefined();
  });
  it('UNKNOWN_TAG absent for the unconfirmed but documented tags 11 and 12', () => {
    const r = rec('rsa1024-b', 'TVS');
    r.certificateHash = new Uint8Array(20);
    r.hashAlgorithm = 'sha1';
    expect(codes(clean([...cleanRecords(), r]))).toEqual([]);
  });

  it('SERIAL_HAS_SIGN_BYTE: a record serial and a header serial stored as 00 81 ...', () => {
    const list = clean();
    const serial = Uint8Array.from([0, ...cert('rsa2048-a').serialNumber]);
    list.records[0]!.serialNumber = serial;
    list.header.signer!.serialNumber = serial;
    const f = finding(list, 'SERIAL_HAS_SIGN_BYTE');
    expect(f).toHaveLength(2);
    expect(f[0]!.records).toBeUndefined();
    expect(f[1]!.records).toEqual([0]);
    expect(codes(list)).not.toContain('SIGNER_NOT_SAST');
  });
  it('SERIAL_HAS_SIGN_BYTE absent for the magnitude form, and for a 00 before a byte below 0x80', () => {
    const list = clean();
    list.records[1]!.serialNumber = Uint8Array.of(0x00, 0x12);
    expect(cert('rsa2048-a').serialNumber[0]).toBe(0x81);
    expect(codes(list)).toEqual([]);
  });
});

describe('lintTrustList: keys and versions', () => {
  it('RSA_KEY_OVER_2048: a 4096-bit CAPF record (from its certificate)', () => {
    const f = finding(clean([...cleanRecords(), rec('rsa4096-a', 'CAPF')]), 'RSA_KEY_OVER_2048');
    expect(f).toEqual([expect.objectContaining({ severity: 'warning', records: [3], message: expect.stringContaining('4096-bit') })]);
  });
  it('RSA_KEY_OVER_2048: read from PUBLICKEY when there is no certificate', () => {
    const r = rec('rsa4096-a', 'CAPF');
    delete r.certificate;
    expect(finding(clean([...cleanRecords(), r]), 'RSA_KEY_OVER_2048')[0]!.records).toEqual([3]);
  });
  it('RSA_KEY_OVER_2048 absent at exactly 2048 bits and for EC keys', () => {
    expect(codes(clean([...cleanRecords(), rec('ec384-a', 'TVS')]))).toEqual([]);
  });

  it('PUBLIC_KEY_MISMATCH: PUBLICKEY of another certificate', () => {
    const r = rec('rsa1024-b', 'CAPF');
    r.publicKey = cert('rsa1024-a').publicKey;
    expect(finding(clean([...cleanRecords(), r]), 'PUBLIC_KEY_MISMATCH')).toEqual([expect.objectContaining({ severity: 'error', records: [3] })]);
  });
  it('PUBLIC_KEY_MISMATCH absent when they agree (RSA and EC)', () => {
    expect(codes(clean([...cleanRecords(), rec('ec256-a', 'APP-SERVER')]))).toEqual([]);
  });

  it('DIGEST_NEEDS_SIGNER_VERSION_1_1: SHA-512 without SIGNER_VERSION, and SHA-256 with 1.0', () => {
    expect(finding(clean(cleanRecords(), { digest: 'sha512' }), 'DIGEST_NEEDS_SIGNER_VERSION_1_1')[0]!.message).toMatch(/^digest SHA-512 with no signer version/);
    expect(codes(clean(cleanRecords(), { digest: 'sha512' }))).toEqual(['DIGEST_NEEDS_SIGNER_VERSION_1_1']);
    expect(finding(clean(cleanRecords(), { digest: 'sha256', signerVersion: { major: 1, minor: 0 } }), 'DIGEST_NEEDS_SIGNER_VERSION_1_1')[0]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('signer version 1.0'),
    });
  });
  it('DIGEST_NEEDS_SIGNER_VERSION_1_1 absent with SHA-512 and 1.1 (or 2.0), and with SHA-1', () => {
    expect(codes(clean(cleanRecords(), { digest: 'sha512', signerVersion: { major: 1, minor: 1 } }))).toEqual([]);
    expect(codes(clean(cleanRecords(), { digest: 'sha512', signerVersion: { major: 2, minor: 0 } }))).toEqual([]);
    expect(codes(clean(cleanRecords(), { digest: 'sha1' }))).toEqual([]);
  });

  it('EC_TFTP_NEEDS_SIGNER_VERSION_1_1: an EC certificate as TFTP without SIGNER_VERSION', () => {
    const f = finding(clean([...cleanRecords(), rec('ec256-a', 'TFTP', { dnsName: 'tftp-ec' })]), 'EC_TFTP_NEEDS_SIGNER_VERSION_1_1');
    expect(f).toEqual([expect.objectContaining({ severity: 'warning', records: [3] })]);
  });
  it('EC_TFTP_NEEDS_SIGNER_VERSION_1_1 absent with 1.1, and for EC in other roles', () => {
    expect(codes(clean([...cleanRecords(), rec('ec256-a', 'TFTP')], { signerVersion: { major: 1, minor: 1 } }))).toEqual([]);
    expect(codes(clean([...cleanRecords(), rec('ec256-a', 'TVS')]))).toEqual([]);
  });
});

describe('lintTrustList: the file as served', () => {
  /** APP-SERVER records until the file passes `size` bytes. */
  function bigList(limit: number): TrustList {
    const records = cleanRecords();
    const stems = ['rsa4096-a', 'ca-a', 'leaf-a', 'ec256-a', 'ec384-a', 'rsa1024-b', 'ec256-b'] as const;
    let i = 0;
    while (encodeTrustList(clean(records)).length <= limit) records.push(rec(stems[i % stems.length]!, 'APP-SERVER', { dnsName: `app-${i++}` }));
    return clean(records);
  }
  it('FILE_OVER_64K: a file over 65535 bytes', () => {
    const r = lintTrustList(bigList(0xffff));
    expect(r.size).toBeGreaterThan(0xffff);
    expect(r.findings.filter((f) => f.code === 'FILE_OVER_64K')).toEqual([expect.objectContaining({ severity: 'error' })]);
  });
  it('FILE_OVER_64K absent at exactly 65535 bytes', () => {
    const list = bigList(60_000);
    list.records.pop();
    const size = encodeTrustList(list).length;
    // Grow one DNS name until the file is exactly 65535 bytes.
    list.records[3]!.dnsName = 'x'.repeat(list.records[3]!.dnsName!.length + 0xffff - size);
    expect(encodeTrustList(list).length).toBe(0xffff);
    expect(codes(list)).not.toContain('FILE_OVER_64K');
  });

  it('FILENAME_MISMATCH: CTL content served as ITLFile.tlv is an error', () => {
    const f = finding(clean(cleanRecords(), { filename: 'CTLFile.tlv' }), 'FILENAME_MISMATCH', { fileName: '/srv/tftp/ITLFile.tlv' });
    expect(f).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('is a CTL but the file is served as ITLFile.tlv, where phones expect an ITL') })]);
  });
  it('FILENAME_MISMATCH: an unrelated name is a warning, and so is a missing FILENAME', () => {
    expect(finding(clean(cleanRecords(), { filename: 'ITLFile2.tlv' }), 'FILENAME_MISMATCH', { fileName: 'ITLFile.tlv' })[0]).toMatchObject({ severity: 'warning' });
    const list = clean();
    delete list.header.filename;
    expect(finding(list, 'FILENAME_MISMATCH', { fileName: 'ITLFile.tlv' })[0]).toMatchObject({ severity: 'warning' });
  });
  it('FILENAME_MISMATCH absent: per-device names with the generic or their own FILENAME; no fileName option', () => {
    expect(codes(clean(), { fileName: 'ITLSEP001122334455.tlv' })).toEqual([]);
    expect(codes(clean(cleanRecords(), { filename: 'ITLSEP001122334455.tlv' }), { fileName: 'C:\\tftp\\ITLSEP001122334455.tlv' })).toEqual([]);
    expect(codes(clean(cleanRecords(), { filename: 'CTLFile.tlv', kind: 'CTL' }), { fileName: 'CTLSEP58971ECC97C1.tlv' })).toEqual([]);
    expect(codes(clean(cleanRecords(), { filename: 'CTLFile.tlv' }))).toEqual([]);
  });
  it('FILENAME_MISMATCH absent for names phones do not request (a local copy): nothing to compare with', () => {
    expect(codes(clean(cleanRecords(), { filename: 'CTLFile.tlv' }), { fileName: 'backups/itl-2024.tlv' })).toEqual([]);
    expect(codes(clean(), { fileName: 'ITLSEP0011223344.tlv' })).toEqual([]);
  });
  it('FILENAME_MISMATCH: lower-case served name accepts the canonical generic name', () => {
    expect(codes(clean(), { fileName: 'itlfile.tlv' })).toEqual([]);
    expect(finding(clean(cleanRecords(), { filename: 'CTLFile.tlv' }), 'FILENAME_MISMATCH', { fileName: 'itlfile.tlv' })[0]).toMatchObject({ severity: 'error' });
  });
  it('FILENAME_MISMATCH: a per-device ITL carrying CTLFile.tlv is an error', () => {
    expect(finding(clean(cleanRecords(), { filename: 'CTLFile.tlv' }), 'FILENAME_MISMATCH', { fileName: 'ITLSEP001122334455.tlv' })[0]).toMatchObject({ severity: 'error' });
  });

  it('TRAILING_BYTES: a leniently decoded model with bytes after the last record', () => {
    const list = clean();
    list.trailing = Uint8Array.of(1, 2, 3);
    expect(finding(list, 'TRAILING_BYTES')).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringContaining('3 bytes') })]);
  });
  it('TRAILING_BYTES absent without trailing bytes', () => expect(codes(clean())).not.toContain('TRAILING_BYTES'));

  it('bytes are decoded strictly: trailing garbage throws an ItlError', () => {
    const bytes = encodeTrustList(clean());
    expect(() => lintTrustList(Uint8Array.from([...bytes, 1, 2, 3]))).toThrow(ItlError);
  });
});

describe('lintTrustList: result shape', () => {
  it('orders findings by rule, counts severities, ok is false only with errors', () => {
    const records = [...cleanRecords(), rec('rsa4096-a', 'CAPF'), rec('rsa4096-a', 'CAPF'), rec('rsa1024-b', 9)];
    const r = lintTrustList(clean(records, { digest: 'sha512' }));
    expect(r.findings.map((f) => f.code)).toEqual(['DUPLICATE_RECORD', 'RSA_KEY_OVER_2048', 'RSA_KEY_OVER_2048', 'DIGEST_NEEDS_SIGNER_VERSION_1_1', 'UNKNOWN_ROLE']);
    expect(r.counts).toEqual({ error: 0, warning: 4, info: 1 });
    expect(r.ok).toBe(true);
    const order = Object.keys(LINT_RULES);
    const idx = r.findings.map((f) => order.indexOf(f.code));
    expect([...idx].sort((a, b) => a - b)).toEqual(idx);
  });
});
