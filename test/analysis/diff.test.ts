import { describe, expect, it } from '@jest/globals';
import {
  buildTrustList,
  decodeTrustList,
  diffTrustLists,
  encodeTrustList,
  matchRecords,
  ROLES,
  signTrustList,
  type BuildOptions,
  type TrustList,
  type TrustRecord,
} from '../../src/index.js';
import { cert, cleanRecords, emptyRec, model, rec, signer } from './helpers.js';

const clone = (list: TrustList): TrustList => decodeTrustList(encodeTrustList(list), { kind: list.kind });

async function built(overrides: Partial<BuildOptions> = {}): Promise<Uint8Array> {
  return buildTrustList({
    signer: await signer('rsa2048-a'),
    records: [
      { certificate: cert('rsa2048-a'), role: 'SAST' },
      { certificate: cert('rsa2048-b'), role: 'SAST' },
      { certificate: cert('rsa1024-a'), role: 'CCM+TFTP', dnsName: 'cucm-a', ipAddress: '192.0.2.1' },
    ],
    timestamp: 1_700_000_000,
    ...overrides,
  });
}

describe('diffTrustLists: same content', () => {
  it('identical lists are the same and identical, with no changes', () => {
    const d = diffTrustLists(model(cleanRecords()), model(cleanRecords()));
    expect(d).toEqual({ same: true, identical: true, header: [], records: { added: [], removed: [], changed: [], moved: [] } });
  });

  it('re-encoded bytes are the same and identical (bytes vs bytes, bytes vs decoded model)', async () => {
    const bytes = await built();
    const decoded = decodeTrustList(bytes);
    const again = encodeTrustList(decoded);
    expect(diffTrustLists(bytes, again)).toMatchObject({ same: true, identical: true, header: [] });
    expect(diffTrustLists(bytes, decoded)).toMatchObject({ same: true, identical: true, header: [] });
  });

  it('re-signing with a new timestamp: same content, TIMESTAMP_CHANGED and SIGNATURE_CHANGED are not content', async () => {
    const d = diffTrustLists(await built(), await built({ timestamp: 1_800_000_000 }));
    expect(d.same).toBe(true);
    expect(d.identical).toBe(false);
    expect(d.header).toEqual([
      expect.objectContaining({ code: 'SIGNATURE_CHANGED', field: 'signature', content: false }),
      expect.objectContaining({ code: 'TIMESTAMP_CHANGED', field: 'timestamp', before: 1_700_000_000, after: 1_800_000_000, content: false }),
    ]);
    expect(d.records).toEqual({ added: [], removed: [], changed: [], moved: [] });
  });

  it('record order only: same content, RECORD_MOVED for the one record that moved', () => {
    const [a, b, c] = cleanRecords();
    const d = diffTrustLists(model([a!, b!, c!]), model([b!, c!, a!]));
    expect(d.same).toBe(true);
    expect(d.identical).toBe(false);
    expect(d.records.moved).toEqual([expect.objectContaining({ code: 'RECORD_MOVED', beforeIndex: 0, afterIndex: 2 })]);
    expect(d.records.changed).toEqual([]);
  });

  it('element order inside a record only: RECORD_CHANGED with a non-content layout field', () => {
    const before = model(cleanRecords());
    const after = clone(before);
    const els = after.records[1]!.elements;
    after.records[1]!.elements = [els[0]!, ...els.slice(1).reverse()];
    const d = diffTrustLists(before, after);
    expect(d.same).toBe(true);
    expect(d.records.changed).toEqual([
      expect.objectContaining({
        code: 'RECORD_CHANGED',
        beforeIndex: 1,
        afterIndex: 1,
        matchedBy: 'certificate',
        content: false,
        fields: [{ field: 'layout', before: '1 2 3 4 5 6 7 8 9 10', after: '1 10 9 8 7 6 5 4 3 2', content: false }],
      }),
    ]);
  });

  it('header padding only: HEADER_PADDING_CHANGED, not content', () => {
    const before = clone(model(cleanRecords()));
    const after = clone(before);
    after.header.elements = [...after.header.elements, { tag: 13 }, { tag: 13 }, { tag: 13 }, { tag: 13 }];
    const d = diffTrustLists(before, after);
    expect(d.same).toBe(true);
    expect(d.header).toEqual([expect.objectContaining({ code: 'HEADER_PADDING_CHANGED', before: 0, after: 4, content: false })]);
  });

  it('header element order only (CUCM vs certutils signer-info order): HEADER_LAYOUT_CHANGED, not content', () => {
    const before = clone(model(cleanRecords()));
    const after = clone(before);
    const signerInfo = after.header.elements.find((e) => e.tag === 3)!;
    signerInfo.children = [signerInfo.children![0]!, signerInfo.children![2]!, signerInfo.children![1]!];
    const d = diffTrustLists(before, after);
    expect(d.same).toBe(true);
    expect(d.header).toEqual([expect.objectContaining({ code: 'HEADER_LAYOUT_CHANGED', field: 'layout', content: false })]);
    expect(d.header[0]!.after).toContain('3{4 6 5}');
  });
});

describe('diffTrustLists: records', () => {
  it('RECORD_ADDED: a record only in b, with a summary', () => {
    const d = diffTrustLists(model(cleanRecords()), model([...cleanRecords(), rec('rsa4096-a', 'CAPF', { dnsName: 'cucm-a' })]));
    expect(d.same).toBe(false);
    expect(d.records.added).toEqual([
      {
        code: 'RECORD_ADDED',
        index: 3,
        record: expect.objectContaining({ role: ROLES.CAPF, roleName: 'CAPF', dnsName: 'cucm-a', serialNumber: '7e5a0c3d', empty: false, certificateLength: cert('rsa4096-a').der.length }),
        message: expect.stringContaining('record 4 (CAPF'),
      },
    ]);
    expect(d.records.removed).toEqual([]);
  });

  it('RECORD_REMOVED: a record only in a', () => {
    const records = cleanRecords();
    const d = diffTrustLists(model(records), model([records[0]!, records[2]!]));
    expect(d.same).toBe(false);
    expect(d.records.removed).toEqual([expect.objectContaining({ code: 'RECORD_REMOVED', index: 1, record: expect.objectContaining({ roleName: 'CCM+TFTP' }) })]);
    expect(d.records.added).toEqual([]);
    expect(d.records.moved).toEqual([]);
  });

  it('RECORD_CHANGED matched by certificate: DNS name and IP changed', () => {
    const after = cleanRecords();
    after[1] = rec('rsa1024-a', 'CCM+TFTP', { dnsName: 'cucm-a2', ipAddress: '192.0.2.99' });
    const d = diffTrustLists(model(cleanRecords()), model(after));
    expect(d.same).toBe(false);
    expect(d.records.changed).toEqual([
      expect.objectContaining({
        beforeIndex: 1,
        afterIndex: 1,
        matchedBy: 'certificate',
        content: true,
        fields: [
          { field: 'dnsName', before: 'cucm-a', after: 'cucm-a2', content: true },
          { field: 'ipAddress', before: '192.0.2.1', after: '192.0.2.99', content: true },
        ],
      }),
    ]);
  });

  it('RECORD_CHANGED matched by certificate: role changed', () => {
    const after = cleanRecords();
    after[1] = rec('rsa1024-a', 'TFTP', { dnsName: 'cucm-a', ipAddress: '192.0.2.1' });
    const d = diffTrustLists(model(cleanRecords()), model(after));
    expect(d.records.changed).toEqual([expect.objectContaining({ matchedBy: 'certificate', fields: [{ field: 'role', before: 'CCM+TFTP', after: 'TFTP', content: true }] })]);
  });

  it('RECORD_CHANGED matched by serial+issuer: the certificate was dropped from the record', () => {
    const after = cleanRecords();
    delete after[2]!.certificate;
    after[2]!.certificateHash = new Uint8Array(20).fill(0xab);
    const d = diffTrustLists(model(cleanRecords()), model(after));
    expect(d.records.changed).toEqual([
      expect.objectContaining({
        beforeIndex: 2,
        afterIndex: 2,
        matchedBy: 'serial+issuer',
        fields: [
          expect.objectContaining({ field: 'certificate', content: true }),
          expect.objectContaining({ field: 'certificateHash', after: 'ab'.repeat(20) }),
        ],
      }),
    ]);
    expect(d.records.changed[0]!.fields[0]).not.toHaveProperty('after');
    expect(d.records.changed[0]!.fields[1]).not.toHaveProperty('before');
  });

  it('RECORD_CHANGED matched by role+dns: a server certificate regenerated under the same DNS name', () => {
    const after = cleanRecords();
    after[1] = rec('rsa1024-b', 'CCM+TFTP', { dnsName: 'cucm-a', ipAddress: '192.0.2.1' });
    const d = diffTrustLists(model(cleanRecords()), model(after));
    expect(d.records.added).toEqual([]);
    expect(d.records.removed).toEqual([]);
    expect(d.records.changed).toHaveLength(1);
    expect(d.records.changed[0]).toMatchObject({ beforeIndex: 1, afterIndex: 1, matchedBy: 'role+dns' });
    expect(d.records.changed[0]!.fields.map((f) => f.field)).toEqual(['subjectName', 'issuerName', 'serialNumber', 'publicKey', 'signature', 'certificate']);
  });

  it('role+dns does not pair records with certificates but no DNS name: removed + added', () => {
    const before = [rec('rsa2048-a', 'SAST'), rec('rsa1024-a', 'CCM')];
    const after = [rec('rsa2048-a', 'SAST'), rec('rsa1024-b', 'CCM')];
    const d = diffTrustLists(model(before), model(after));
    expect(d.records.changed).toEqual([]);
    expect(d.records.removed.map((r) => r.index)).toEqual([1]);
    expect(d.records.added.map((r) => r.index)).toEqual([1]);
  });

  it('emptied records pair by role (and DNS name when they have one)', () => {
    const before = [rec('rsa2048-a', 'SAST'), emptyRec(ROLES.TFTP), emptyRec(ROLES.TVS, 'tvs-1', '192.0.2.5')];
    const after = [rec('rsa2048-a', 'SAST'), emptyRec(ROLES.TVS, 'tvs-1', '192.0.2.6'), emptyRec(ROLES.TFTP)];
    const d = diffTrustLists(model(before), model(after));
    expect(d.records.added).toEqual([]);
    expect(d.records.removed).toEqual([]);
    expect(d.records.changed).toEqual([expect.objectContaining({ beforeIndex: 2, afterIndex: 1, matchedBy: 'role+dns', fields: [expect.objectContaining({ field: 'ipAddress' })] })]);
    expect(d.records.moved).toHaveLength(1);
    expect(d.records.changed[0]!.message).toContain('record 3 (now 2)');
  });

  it('an undocumented element added to a record is content', () => {
    const before = clone(model(cleanRecords()));
    const after = clone(before);
    after.records[0]!.elements.push({ tag: 99, value: Uint8Array.of(0xde, 0xad) });
    const d = diffTrustLists(before, after);
    expect(d.same).toBe(false);
    expect(d.records.changed[0]!.fields).toEqual([{ field: 'elements', after: 'TAG_99=dead', content: true }]);
  });

  it('one certificate in two roles pairs role with role, whatever the order', () => {
    const a = [rec('rsa2048-a', 'SAST'), rec('rsa2048-a', 'CCM+TFTP', { dnsName: 'x' })];
    const b = [rec('rsa2048-a', 'CCM+TFTP', { dnsName: 'x' }), rec('rsa2048-a', 'SAST')];
    expect(matchRecords(a, b)).toEqual([
      { beforeIndex: 0, afterIndex: 1, matchedBy: 'certificate' },
      { beforeIndex: 1, afterIndex: 0, matchedBy: 'certificate' },
    ]);
    const d = diffTrustLists(model(a), model(b));
    expect(d.same).toBe(true);
    expect(d.records.changed).toEqual([]);
  });

  it('pairing is one to one: a duplicated record missing from b is removed once', () => {
    const r = cleanRecords();
    const d = diffTrustLists(model([...r, rec('rsa1024-a', 'CCM+TFTP', { dnsName: 'cucm-a', ipAddress: '192.0.2.1' })]), model(r));
    expect(d.records.removed.map((x) => x.index)).toEqual([3]);
    expect(d.records.changed).toEqual([]);
  });

  it('pairing is greedy in rule order: a certificate pair wins over an earlier role+dns candidate', () => {
    // a[0] (rsa1024-a, dns x) could pair with b[0] (rsa1024-b, dns x) by role+dns, but b[1] holds its certificate.
    const a: TrustRecord[] = [rec('rsa1024-a', 'CCM', { dnsName: 'x' })];
    const b: TrustRecord[] = [rec('rsa1024-b', 'CCM', { dnsName: 'x' }), rec('rsa1024-a', 'CCM', { dnsName: 'y' })];
    expect(matchRecords(a, b)).toEqual([{ beforeIndex: 0, afterIndex: 1, matchedBy: 'certificate' }]);
  });

  it('is deterministic', () => {
    const a = model([...cleanRecords(), emptyRec(ROLES.TFTP), emptyRec(ROLES.TFTP)]);
    const b = model([emptyRec(ROLES.TFTP), ...cleanRecords().reverse()]);
    expect(diffTrustLists(a, b)).toEqual(diffTrustLists(a, b));
  });
});

describe('diffTrustLists: header', () => {
  it('SIGNER_CHANGED: the same records signed by the other SAST key', async () => {
    const a = await built();
    const b = await built({ signer: await signer('rsa2048-b') });
    const d = diffTrustLists(a, b);
    expect(d.same).toBe(false);
    const signerChanges = d.header.filter((h) => h.code === 'SIGNER_CHANGED');
    expect(signerChanges.map((h) => h.field)).toEqual(['signer/name', 'signer/serialNumber', 'signer/issuerName']);
    expect(signerChanges[1]).toMatchObject({ before: '81a3951a5c4c1c9b7eb4b4f00b8d6e38', after: '2b2b2b2b', content: true });
    expect(signerChanges.every((h) => h.content && h.message.startsWith('signer '))).toBe(true);
    expect(d.records).toEqual({ added: [], removed: [], changed: [], moved: [] });
  });

  it('DIGEST_CHANGED: SHA-1 to SHA-512', async () => {
    const d = diffTrustLists(await built(), await built({ digest: 'sha512' }));
    expect(d.same).toBe(false);
    expect(d.header.find((h) => h.code === 'DIGEST_CHANGED')).toEqual({
      code: 'DIGEST_CHANGED',
      field: 'digest',
      before: 'sha1',
      after: 'sha512',
      content: true,
      message: 'digest: "sha1" -> "sha512"',
    });
  });

  it('FILENAME_CHANGED, VERSION_CHANGED, SIGNER_VERSION_CHANGED', () => {
    const before = model(cleanRecords());
    const after = model(cleanRecords(), { filename: 'CTLFile.tlv', signerVersion: { major: 1, minor: 1 } });
    after.header.version = { major: 1, minor: 3 };
    const d = diffTrustLists(before, after);
    expect(d.same).toBe(false);
    expect(d.header.map((h) => [h.code, h.before, h.after, h.content])).toEqual([
      ['VERSION_CHANGED', '1.2', '1.3', true],
      ['SIGNER_VERSION_CHANGED', undefined, '1.1', true],
      ['FILENAME_CHANGED', 'ITLFile.tlv', 'CTLFile.tlv', true],
    ]);
  });

  it('MODULUS_CODE_CHANGED and a long signature shortened in the message', () => {
    const d = diffTrustLists(model(cleanRecords()), model(cleanRecords(), { signatureLength: 128 }));
    expect(d.header.map((h) => h.code)).toEqual(['MODULUS_CODE_CHANGED', 'SIGNATURE_CHANGED']);
    expect(d.header[1]!.message).toMatch(/^signature: [0-9a-f]{16}\.\.\. \(256 bytes\) -> [0-9a-f]{16}\.\.\. \(128 bytes\)$/);
  });

  it('TRAILING_CHANGED: models from a lenient decode', () => {
    const before = model(cleanRecords());
    const after = { ...model(cleanRecords()), trailing: Uint8Array.of(1, 2) };
    const d = diffTrustLists(before, after);
    expect(d.same).toBe(false);
    expect(d.header).toEqual([expect.objectContaining({ code: 'TRAILING_CHANGED', after: '0102', content: true })]);
  });

  it('a signature removed is content even when nothing else changes', () => {
    const before = model(cleanRecords());
    const after = model(cleanRecords());
    delete after.header.signature;
    const d = diffTrustLists(before, after);
    expect(d.same).toBe(false);
    expect(d.header).toEqual([expect.objectContaining({ code: 'SIGNATURE_CHANGED', content: true })]);
  });

  it('a signed list against its unsigned model: the signature fields and the signature appearing are content', async () => {
    const unsigned = model(cleanRecords(), { unsigned: true });
    const signed = await signTrustList(unsigned, await signer('rsa2048-a'));
    const d = diffTrustLists(unsigned, signed);
    expect(d.header.map((h) => [h.code, h.content])).toEqual([
      ['DIGEST_CHANGED', true],
      ['SIGNATURE_ALGORITHM_CHANGED', true],
      ['MODULUS_CODE_CHANGED', true],
      ['SIGNATURE_CHANGED', true],
      ['HEADER_PADDING_CHANGED', false],
    ]);
  });
});
