/**
 * buildRollbackItl (format.md §7): signed by a key the phones hold, header signer fields copied byte
 * for byte from the installed record, TFTP / CCM+TFTP / TVS records emptied exactly as CUCM empties
 * CTL records (§7.2), CAPF and a second SAST kept, and the options for what the sources leave open.
 * Byte checks use the independent walker in fixtures.ts, not the decoder under test.
 */
import { describe, it, expect } from '@jest/globals';
import {
  buildRollbackItl,
  decodeTrustList,
  encodeTrustList,
  evaluateTrust,
  isBlankItl,
  isEmptyRecord,
  ItlError,
  signTrustList,
  verifyTrustList,
  type TrustList,
} from '../../src/index.js';
import {
  build,
  cert,
  clusterARecords,
  clusterBRecords,
  cstr,
  flatTlvs,
  fromHex,
  headerTlvs,
  headerValue,
  hex,
  itlA,
  itlB,
  recordSlices,
  recordValue,
  signer,
  T_ROLLBACK,
} from './fixtures.js';

const rollbackCache = new Map<string, Promise<Uint8Array>>();
/** Rollback ITLs from cluster A's ITL, cached per option set (RSA signing is slowish). */
function rollbackA(key: string, options: Record<string, unknown> = {}, stem: 'rsa2048-a' | 'rsa1024-a' = 'rsa2048-a'): Promise<Uint8Array> {
  const k = `${stem}:${key}`;
  let p = rollbackCache.get(k);
  if (!p) {
    p = (async () => buildRollbackItl({ from: await itlA(), signer: await signer(stem), timestamp: T_ROLLBACK, ...options }))();
    rollbackCache.set(k, p);
  }
  return p;
}

const roles = (bytes: Uint8Array) => recordSlices(bytes).map((r) => (recordValue(r, 4) ? (recordValue(r, 4)![0]! << 8) | recordValue(r, 4)![1]! : undefined));

describe('rollback ITL from the installed ITL, defaults (format.md §7.4)', () => {
  it('has the header in CUCM order: 1, 2, 3{4,5,6}, 7{8, 9{10,11}}, 12, 14, 15, pads; no SIGNER_VERSION', async () => {
    const rb = await rollbackA('default');
    const { headerLength, elements } = headerTlvs(rb);
    const top = elements.map((e) => e.tag);
    const pads = top.filter((t) => t === 13).length;
    expect(top).toEqual([1, 2, 3, 7, 12, 14, 15, ...Array(pads).fill(13)]);
    expect(pads).toBeLessThan(4);
    expect(elements[2]!.children!.map((e) => e.tag)).toEqual([4, 5, 6]);
    expect(elements[3]!.children!.map((e) => e.tag)).toEqual([8, 9]);
    expect(elements[3]!.children![1]!.children!.map((e) => e.tag)).toEqual([10, 11]);
    expect(flatTlvs(elements).some((e) => e.tag === 28)).toBe(false);
    expect(headerLength % 4).toBe(0);
    expect(hex(headerValue(rb, 1))).toBe('0102');
    expect(hex(headerValue(rb, 8))).toBe('01'); // SHA-1 unless asked otherwise
    expect(hex(headerValue(rb, 10))).toBe('00');
    expect(hex(headerValue(rb, 11))).toBe('02'); // 2048-bit ITLRecovery key
    expect(headerValue(rb, 12)!.length).toBe(256);
    expect(hex(headerValue(rb, 14))).toBe(hex(cstr('ITLFile.tlv')));
    expect(hex(headerValue(rb, 15))).toBe(T_ROLLBACK.toString(16).padStart(8, '0'));
  });

  it("names the signer with the installed SAST record's own SUBJECT_NAME, SERIAL_NUMBER and ISSUER_NAME bytes", async () => {
    const rb = await rollbackA('default');
    const installed = recordSlices(await itlA())[0]!;
    expect(hex(headerValue(rb, 4))).toBe(hex(recordValue(installed, 3)));
    expect(hex(headerValue(rb, 5))).toBe(hex(recordValue(installed, 6)));
    expect(hex(headerValue(rb, 6))).toBe(hex(recordValue(installed, 5)));
  });

  it("verifies with the installed ITL's SAST record (the key the phones already trust)", async () => {
    const rb = await rollbackA('default');
    const installed = decodeTrustList(await itlA());
    const v = await verifyTrustList(rb, { trustList: installed });
    expect(v.valid).toBe(true);
    expect(v.digest).toBe('sha1');
    expect(v.signer).toMatchObject({ source: 'trust-list', recordIndex: 0, role: 0 });
    const decision = await evaluateTrust({ installed: { itl: installed }, candidate: rb });
    expect(decision).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(decision.signer).toMatchObject({ list: 'ITL', recordIndex: 0, role: 'SAST' });
  });

  it('does not verify with a key the phones do not hold', async () => {
    const rb = await rollbackA('default');
    const v = await verifyTrustList(rb, { trustList: decodeTrustList(await itlB()) });
    expect(v.valid).toBe(false);
    expect(v.reason).toBe('SIGNER_NOT_FOUND');
  });

  it("keeps the signer's SAST record, the second SAST and the CAPF record byte for byte", async () => {
    const rb = recordSlices(await rollbackA('default'));
    const a = recordSlices(await itlA());
    expect(rb).toHaveLength(5);
    expect(hex(rb[0])).toBe(hex(a[0]));
    expect(hex(rb[1])).toBe(hex(a[1]));
    expect(hex(rb[3])).toBe(hex(a[3]));
  });

  it('empties the CCM+TFTP record to exactly 01 0002 0021 | 02 000d "10.48.47.153\\0" | 04 0002 0002 | 0a 0004 0a302f99 (33 bytes, §7.2)', async () => {
    const rb = recordSlices(await rollbackA('default'));
    const expected = fromHex('010002 0021' + '02000d' + hex(cstr('10.48.47.153'))! + '040002 0002' + '0a0004 0a302f99');
    expect(expected.length).toBe(33);
    expect(hex(rb[2])).toBe(hex(expected));
  });

  it('empties the TVS record to role plus its DNS name and IP', async () => {
    const rb = recordSlices(await rollbackA('default'));
    const expected = fromHex('010002 001f' + '02000b' + hex(cstr('tvs-test-a'))! + '040002 0015' + '0a0004 0a302f9a');
    expect(hex(rb[4])).toBe(hex(expected));
  });

  it('decodes as a blank ITL: its TFTP and TVS entries are empty, the rest keeps its certificates', async () => {
    const list = decodeTrustList(await rollbackA('default'));
    expect(list.kind).toBe('ITL');
    expect(isBlankItl(list)).toBe(true);
    expect(list.records.map(isEmptyRecord)).toEqual([false, false, true, false, true]);
    expect(list.records[2]).toMatchObject({ role: 2, dnsName: '10.48.47.153', ipAddress: '10.48.47.153' });
    expect(list.records[2]!.certificate).toBeUndefined();
    expect(list.records[2]!.subjectName).toBeUndefined();
    expect(list.records[2]!.serialNumber).toBeUndefined();
    expect(list.records[4]).toMatchObject({ role: 21, dnsName: 'tvs-test-a', ipAddress: '10.48.47.154' });
    expect(list.header.signer?.serialNumber && hex(list.header.signer.serialNumber)).toBe('81a3951a5c4c1c9b7eb4b4f00b8d6e38');
    expect(encodeTrustList(list)).toEqual(await rollbackA('default'));
  });

  it('is self-consistent too: it verifies against its own SAST record (a phone with nothing installed)', async () => {
    const v = await verifyTrustList(await rollbackA('default'));
    expect(v.valid).toBe(true);
    expect(v.signer).toMatchObject({ source: 'file', recordIndex: 0 });
  });

  it('is idempotent: the rollback of a rollback ITL is the same file', async () => {
    const again = await buildRollbackItl({ from: await rollbackA('default'), signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(hex(again)).toBe(hex(await rollbackA('default')));
  });

  it('builds the same bytes from the installed ITL as bytes or as a decoded model', async () => {
    const fromModel = await buildRollbackItl({ from: decodeTrustList(await itlA()), signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(hex(fromModel)).toBe(hex(await rollbackA('default')));
  });
});

describe('rollback ITL options', () => {
  it("digest: 'sha512' writes code 3 and still verifies against the installed ITL", async () => {
    const rb = await rollbackA('sha512', { digest: 'sha512' });
    expect(hex(headerValue(rb, 8))).toBe('03');
    const v = await verifyTrustList(rb, { trustList: decodeTrustList(await itlA()) });
    expect(v).toMatchObject({ valid: true, digest: 'sha512' });
  });

  it('signs with SHA-1 by default even when the installed ITL was signed with SHA-512', async () => {
    const from = await build('rsa2048-a', clusterARecords(), { digest: 'sha512' });
    expect(hex(headerValue(from, 8))).toBe('03');
    const rb = await buildRollbackItl({ from, signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(hex(headerValue(rb, 8))).toBe('01');
    expect((await verifyTrustList(rb, { trustList: decodeTrustList(from) })).valid).toBe(true);
  });

  it("emptyRecordFields: 'role-only' writes 01 0002 000a 04 0002 <role> (10 bytes) for TVS and CCM+TFTP", async () => {
    const rb = recordSlices(await rollbackA('role-only', { emptyRecordFields: 'role-only' }));
    expect(hex(rb[4])).toBe('010002000a0400020015');
    expect(hex(rb[2])).toBe('010002000a0400020002');
    expect(hex(rb[0])).toBe(hex(recordSlices(await itlA())[0]));
  });

  it('emptyRecordFields rejects anything else', async () => {
    await expect(
      buildRollbackItl({ from: await itlA(), signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK, emptyRecordFields: 'all' as never }),
    ).rejects.toMatchObject({ code: 'ERR_BUILD' });
  });

  it('blankSast: true leaves out every SAST record, yet the header still names the installed signer and phones verify it', async () => {
    const rb = await rollbackA('blankSast', { blankSast: true });
    expect(roles(rb)).toEqual([2, 4, 21]);
    const installed = recordSlices(await itlA())[0]!;
    expect(hex(headerValue(rb, 4))).toBe(hex(recordValue(installed, 3)));
    expect(hex(headerValue(rb, 5))).toBe(hex(recordValue(installed, 6)));
    expect(hex(headerValue(rb, 6))).toBe(hex(recordValue(installed, 5)));
    const decision = await evaluateTrust({ installed: { itl: await itlA() }, candidate: rb });
    expect(decision).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it('blankSast: false (default) keeps both SAST records', async () => {
    expect(roles(await rollbackA('default'))).toEqual([0, 0, 2, 4, 21]);
  });

  it('keepCapf: false drops the CAPF record; the default keeps it', async () => {
    expect(roles(await rollbackA('noCapf', { keepCapf: false }))).toEqual([0, 0, 2, 21]);
    expect(roles(await rollbackA('default'))).toContain(4);
  });

  it("keepSecondSast: false keeps only the signer's SAST record", async () => {
    const rb = recordSlices(await rollbackA('noSecond', { keepSecondSast: false }));
    expect(roles(await rollbackA('noSecond', { keepSecondSast: false }))).toEqual([0, 2, 4, 21]);
    expect(hex(rb[0])).toBe(hex(recordSlices(await itlA())[0]));
  });

  it("keepSecondSast: false with the CallManager key as signer keeps the CallManager SAST record, not ITLRecovery's", async () => {
    const rb = await rollbackA('noSecond', { keepSecondSast: false }, 'rsa1024-a');
    const a = recordSlices(await itlA());
    expect(roles(rb)).toEqual([0, 2, 4, 21]);
    expect(hex(recordSlices(rb)[0])).toBe(hex(a[1]));
  });

  it("signed by the second anchor (CallManager, rsa1024-a): header names that record's bytes and verifies against it", async () => {
    const rb = await rollbackA('default', {}, 'rsa1024-a');
    const a = recordSlices(await itlA());
    expect(hex(headerValue(rb, 4))).toBe(hex(recordValue(a[1]!, 3)));
    expect(hex(headerValue(rb, 5))).toBe(hex(recordValue(a[1]!, 6)));
    expect(hex(headerValue(rb, 11))).toBe('01'); // 1024-bit
    const v = await verifyTrustList(rb, { trustList: decodeTrustList(await itlA()) });
    expect(v.valid).toBe(true);
    expect(v.signer?.role).toBe(0);
    // Its own CCM+TFTP record is emptied like any other.
    expect(roles(rb)).toEqual([0, 0, 2, 4, 21]);
    expect(recordSlices(rb)[2]!.length).toBe(33);
  });

  it('refuses a signer the installed ITL does not list (phones would reject the file)', async () => {
    const attempt = buildRollbackItl({ from: await itlA(), signer: await signer('rsa2048-b'), timestamp: T_ROLLBACK });
    await expect(attempt).rejects.toBeInstanceOf(ItlError);
    await expect(attempt).rejects.toMatchObject({ code: 'ERR_BUILD' });
  });

  it('allowUnknownSigner builds it anyway, and the A phone then rejects it', async () => {
    const rb = await buildRollbackItl({ from: await itlA(), signer: await signer('rsa2048-b'), timestamp: T_ROLLBACK, allowUnknownSigner: true });
    const decision = await evaluateTrust({ installed: { itl: await itlA() }, candidate: rb });
    expect(decision.accepted).not.toBe(true);
  });

  it('empties TFTP (role 3) records too, and writes an empty DNSNAME (02 0001 00) and no IP when the old record had none', async () => {
    // A certutils-layout ITL: records carry neither DNSNAME nor IPADDRESS (format.md §4.9).
    const b = await build('rsa2048-b', clusterBRecords().map(({ certificate, role }) => ({ certificate, role: role! })), { layout: 'certutils' });
    const rb = recordSlices(await buildRollbackItl({ from: b, signer: await signer('rsa2048-b'), timestamp: T_ROLLBACK }));
    expect(hex(rb[2])).toBe('010002000e' + '02000100' + '0400020003');
  });

  it('writes the CUCM header order (no SIGNER_VERSION, 3{4,5,6}) even from a certutils-layout ITL, with its certutils-style names copied', async () => {
    const b = await build('rsa2048-b', clusterBRecords().map(({ certificate, role }) => ({ certificate, role: role! })), { layout: 'certutils' });
    expect(headerTlvs(b).elements.map((e) => e.tag)).toContain(28);
    const rb = await buildRollbackItl({ from: b, signer: await signer('rsa2048-b'), timestamp: T_ROLLBACK });
    const { elements } = headerTlvs(rb);
    expect(elements.map((e) => e.tag).filter((t) => t !== 13)).toEqual([1, 2, 3, 7, 12, 14, 15]);
    expect(elements[2]!.children!.map((e) => e.tag)).toEqual([4, 5, 6]);
    expect(hex(headerValue(rb, 4))).toBe(hex(cstr(cert('rsa2048-b').subject.certutils)));
    expect(hex(headerValue(rb, 4))).toBe(hex(recordValue(recordSlices(b)[0]!, 3)));
  });

  it('keeps the DNS name and IP of a TFTP record that has them', async () => {
    const rb = recordSlices(await buildRollbackItl({ from: await itlB(), signer: await signer('rsa2048-b'), timestamp: T_ROLLBACK }));
    const expected = '010002' + (5 + 3 + 16 + 5 + 7).toString(16).padStart(4, '0') + '020010' + hex(cstr('cucm-test-b-pub')) + '0400020003' + '0a00040a32000a';
    expect(hex(rb[2])).toBe(expected);
  });

  it('keeps records of other roles (APP-SERVER) unchanged', async () => {
    const from = await build('rsa2048-a', [...clusterARecords(), { certificate: cert('leaf-a'), role: 'APP-SERVER' }]);
    const rb = recordSlices(await buildRollbackItl({ from, signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK }));
    expect(hex(rb[5])).toBe(hex(recordSlices(from)[5]));
  });
});

describe('rollback ITL without an installed ITL (from the signer certificate alone)', () => {
  const standalone = (() => {
    let p: Promise<Uint8Array> | undefined;
    return () => (p ??= (async () => buildRollbackItl({ signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK }))());
  })();

  it('holds a full SAST record of the signer, then empty TFTP and TVS records (role only)', async () => {
    const rb = recordSlices(await standalone());
    expect(rb).toHaveLength(3);
    expect(hex(recordValue(rb[0]!, 4))).toBe('0000');
    expect(hex(recordValue(rb[0]!, 9))).toBe(hex(cert('rsa2048-a').der));
    expect(hex(rb[1])).toBe('010002000a0400020003');
    expect(hex(rb[2])).toBe('010002000a0400020015');
  });

  it('derives the header signer fields from the certificate (magnitude serial, CUCM names)', async () => {
    const rb = await standalone();
    const c = cert('rsa2048-a');
    expect(hex(headerValue(rb, 5))).toBe('81a3951a5c4c1c9b7eb4b4f00b8d6e38');
    expect(hex(headerValue(rb, 4))).toBe(hex(cstr(c.subject.cucm)));
    expect(hex(headerValue(rb, 6))).toBe(hex(cstr(c.issuer.cucm)));
  });

  it('verifies on its own and against cluster A (whose record was built the same way), and decodes as blank', async () => {
    const rb = await standalone();
    expect((await verifyTrustList(rb)).valid).toBe(true);
    expect(isBlankItl(decodeTrustList(rb))).toBe(true);
    expect(await evaluateTrust({ installed: { itl: await itlA() }, candidate: rb })).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it('emptyRoles chooses the empty records', async () => {
    const rb = recordSlices(await buildRollbackItl({ signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK, emptyRoles: ['CCM+TFTP'] }));
    expect(rb.map((r) => hex(recordValue(r, 4)))).toEqual(['0000', '0002']);
    expect(hex(rb[1])).toBe('010002000a0400020002');
  });

  it('blankSast without an installed ITL writes only empty records, still verifiable against cluster A', async () => {
    const rb = await buildRollbackItl({ signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK, blankSast: true });
    expect(recordSlices(rb).map(hex)).toEqual(['010002000a0400020003', '010002000a0400020015']);
    expect((await verifyTrustList(rb, { trustList: decodeTrustList(await itlA()) })).valid).toBe(true);
  });
});

describe('rollback header copies the installed record bytes, not what the certificate would give (§4.3, §7.3)', () => {
  /**
   * Cluster A's ITL with its ITLRecovery SAST record rewritten as another producer might have
   * stored it: a certutils-style subject (`,`-joined, DER order), a CTL-Client-style issuer, and
   * the serial with its DER sign byte 00. The certificate itself is unchanged. Re-signed with A.
   */
  const oddInstalled = (() => {
    let p: Promise<{ bytes: Uint8Array; subject: Uint8Array; issuer: Uint8Array; serial: Uint8Array }> | undefined;
    return () =>
      (p ??= (async () => {
        const list: TrustList = decodeTrustList(await itlA());
        const c = cert('rsa2048-a');
        const subject = cstr(c.subject.certutils);
        const issuer = cstr('cn="ITLRECOVERY_test-a-pub";ou=TEST ONLY;o=itl-codec test');
        const serial = c.serialNumberDer;
        expect(hex(serial)).toBe('0081a3951a5c4c1c9b7eb4b4f00b8d6e38');
        const rec = list.records[0]!;
        const set = (tag: number, value: Uint8Array) => {
          const el = rec.elements.find((e) => e.tag === tag)!;
          el.value = value;
        };
        set(3, subject);
        set(5, issuer);
        set(6, serial);
        rec.subjectName = new TextDecoder().decode(subject.subarray(0, -1));
        rec.issuerName = new TextDecoder().decode(issuer.subarray(0, -1));
        rec.serialNumber = serial;
        const bytes = await signTrustList(list, await signer('rsa2048-a'), { signerRecord: rec });
        return { bytes, subject, issuer, serial };
      })());
  })();

  it('the doctored installed ITL really stores the odd bytes and verifies on its own', async () => {
    const { bytes, subject, issuer, serial } = await oddInstalled();
    const r0 = recordSlices(bytes)[0]!;
    expect(hex(recordValue(r0, 3))).toBe(hex(subject));
    expect(hex(recordValue(r0, 5))).toBe(hex(issuer));
    expect(hex(recordValue(r0, 6))).toBe(hex(serial));
    expect(hex(subject)).not.toBe(hex(cstr(cert('rsa2048-a').subject.cucm)));
    expect((await verifyTrustList(bytes)).valid).toBe(true);
  });

  it('the rollback header SIGNER_NAME / SERIAL_NUMBER / ISSUER_NAME equal the installed record bytes exactly', async () => {
    const { bytes, subject, issuer, serial } = await oddInstalled();
    const rb = await buildRollbackItl({ from: bytes, signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    const signerInfo = headerTlvs(rb).elements.find((e) => e.tag === 3)!;
    expect(signerInfo.children!.map((e) => [e.tag, hex(e.value)])).toEqual([
      [4, hex(subject)],
      [5, hex(serial)],
      [6, hex(issuer)],
    ]);
    // and the record itself is kept whole
    expect(hex(recordSlices(rb)[0])).toBe(hex(recordSlices(bytes)[0]));
  });

  it('a phone holding the doctored ITL accepts that rollback', async () => {
    const { bytes } = await oddInstalled();
    const rb = await buildRollbackItl({ from: bytes, signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    const decision = await evaluateTrust({ installed: { itl: bytes }, candidate: rb });
    expect(decision).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(decision.signer).toMatchObject({ list: 'ITL', recordIndex: 0 });
  });

  it('the same phone does not accept a rollback whose signer fields were derived from the certificate', async () => {
    const { bytes, serial } = await oddInstalled();
    const derived = await buildRollbackItl({ signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(hex(headerValue(derived, 5))).not.toBe(hex(serial));
    const decision = await evaluateTrust({ installed: { itl: bytes }, candidate: derived });
    expect(decision.accepted).not.toBe(true);
    expect(decision.rule).not.toBe('signed-by-installed');
  });

  it('copies names that are not UTF-8 or carry bytes after the NUL exactly as stored', async () => {
    const list = decodeTrustList(await itlA());
    const rec = list.records[0]!;
    const subject = Uint8Array.from([...new TextEncoder().encode('CN=Soci'), 0xe9, ...new TextEncoder().encode('t;O=x'), 0]); // Latin-1 e-acute
    const issuer = Uint8Array.from([...cstr('CN=ITLRECOVERY_test-a-pub'), 0x20, 0x20]); // padding after the NUL
    rec.elements.find((e) => e.tag === 3)!.value = subject;
    rec.elements.find((e) => e.tag === 5)!.value = issuer;
    rec.subjectName = new TextDecoder().decode(subject.subarray(0, -1));
    rec.issuerName = 'CN=ITLRECOVERY_test-a-pub';
    const installed = await signTrustList(list, await signer('rsa2048-a'));
    expect(hex(recordValue(recordSlices(installed)[0]!, 3))).toBe(hex(subject));
    expect(hex(recordValue(recordSlices(installed)[0]!, 5))).toBe(hex(issuer));
    const rb = await buildRollbackItl({ from: installed, signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(hex(headerValue(rb, 4))).toBe(hex(subject));
    expect(hex(headerValue(rb, 6))).toBe(hex(issuer));
    expect(await evaluateTrust({ installed: { itl: installed }, candidate: rb })).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it('finds the signer in a certificate-less installed SAST record (serial + PUBLICKEY) whose serial keeps the DER 00 sign byte', async () => {
    // Record 0 without CERTIFICATE and SIGNATURE (as CTL-Client era / CUCM 8 records may be, §4.7, §4.9), serial stored
    // as DER contents 00 81 a3 ... (§4.4, §11.6). findCertificateRecord documents "same serial number (stored bytes or
    // the DER-minimal magnitude) with a key match", so the ITLRecovery signer must still be found.
    const list = decodeTrustList(await itlA());
    const rec = list.records[0]!;
    delete rec.certificate;
    delete rec.signature;
    rec.elements = rec.elements.filter((e) => e.tag !== 8 && e.tag !== 9);
    const serial = cert('rsa2048-a').serialNumberDer;
    rec.serialNumber = serial;
    rec.elements.find((e) => e.tag === 6)!.value = serial;
    const installed = await signTrustList(list, await signer('rsa2048-a'), { signerRecord: rec });
    expect(recordValue(recordSlices(installed)[0]!, 9)).toBeUndefined();
    const rb = await buildRollbackItl({ from: installed, signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(hex(headerValue(rb, 5))).toBe(hex(serial));
    expect(await evaluateTrust({ installed: { itl: installed }, candidate: rb })).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it('copies a CUCM-stored serial with a leading 00 for the CallManager anchor as well', async () => {
    const list = decodeTrustList(await itlA());
    const rec = list.records[1]!; // SAST rsa1024-a, serial 0123456789abcdef
    const serial = fromHex('000123456789abcdef');
    rec.elements.find((e) => e.tag === 6)!.value = serial;
    rec.serialNumber = serial;
    const installed = await signTrustList(list, await signer('rsa2048-a'));
    const rb = await buildRollbackItl({ from: installed, signer: await signer('rsa1024-a'), timestamp: T_ROLLBACK });
    expect(hex(headerValue(rb, 5))).toBe('000123456789abcdef');
    expect(await evaluateTrust({ installed: { itl: installed }, candidate: rb })).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });
});
