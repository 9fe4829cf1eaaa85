/**
 * resignTrustList: what `utils itl reset localkey|remotekey` does (format.md §7.5): the records are
 * kept byte for byte; signer fields, digest and signature are replaced; HeaderLength and padding
 * are recomputed.
 */
import { describe, it, expect } from '@jest/globals';
import { decodeTrustList, evaluateTrust, resignTrustList, verifyTrustList } from '../../src/index.js';
import {
  build,
  cert,
  clusterBRecords,
  cstr,
  fromHex,
  headerTlvs,
  headerValue,
  hex,
  itlA,
  recordSlices,
  recordValue,
  signer,
  T0,
  T_B,
  once,
} from './fixtures.js';

/** A's ITL (signed by ITLRecovery) re-signed with A's CallManager key: `utils itl reset localkey`. */
const localkey = () => once('localkey', async () => resignTrustList(await itlA(), await signer('rsa1024-a')));

const body = (b: Uint8Array) => b.subarray(headerTlvs(b).headerLength);
const topTags = (b: Uint8Array) => headerTlvs(b).elements.map((e) => e.tag);

describe('resignTrustList with another installed anchor (localkey)', () => {
  it('keeps every record byte for byte', async () => {
    const a = await itlA();
    const r = await localkey();
    expect(hex(body(r))).toBe(hex(body(a)));
    expect(recordSlices(r).map(hex)).toEqual(recordSlices(a).map(hex));
  });

  it("names the new signer with its own SAST record's bytes", async () => {
    const r = await localkey();
    const rec = recordSlices(await itlA())[1]!; // SAST rsa1024-a
    expect(hex(headerValue(r, 4))).toBe(hex(recordValue(rec, 3)));
    expect(hex(headerValue(r, 5))).toBe(hex(recordValue(rec, 6)));
    expect(hex(headerValue(r, 6))).toBe(hex(recordValue(rec, 5)));
    expect(hex(headerValue(r, 5))).toBe('0123456789abcdef');
  });

  it('replaces modulus code and signature, keeps digest, timestamp and filename, and keeps the CUCM element order', async () => {
    const a = await itlA();
    const r = await localkey();
    expect(hex(headerValue(r, 11))).toBe('01');
    expect(headerValue(r, 12)!.length).toBe(128);
    expect(hex(headerValue(r, 8))).toBe(hex(headerValue(a, 8)));
    expect(hex(headerValue(r, 15))).toBe(hex(headerValue(a, 15)));
    expect(hex(headerValue(r, 14))).toBe(hex(headerValue(a, 14)));
    expect(topTags(r).filter((t) => t !== 13)).toEqual(topTags(a).filter((t) => t !== 13));
  });

  it('recomputes HeaderLength and padding: a multiple of 4, fewer than 4 pad bytes, records start right there', async () => {
    const a = await itlA();
    const r = await localkey();
    const { headerLength, elements } = headerTlvs(r); // the walker throws if HeaderLength is not an element boundary
    expect(headerLength % 4).toBe(0);
    const pads = elements.filter((e) => e.tag === 13).length;
    expect(pads).toBeLessThan(4);
    // The header shrank by 128 (signature) + 8 (serial) + 2 × 7 (names), i.e. 150 bytes before padding,
    // so the padding must have changed: 150 is not a multiple of 4.
    const unpadded = (b: Uint8Array) => headerTlvs(b).headerLength - headerTlvs(b).elements.filter((e) => e.tag === 13).length;
    expect(unpadded(a) - unpadded(r)).toBe(150);
    expect(pads).not.toBe(headerTlvs(a).elements.filter((e) => e.tag === 13).length);
    expect(r.length).toBe(headerLength + body(a).length);
  });

  it('verifies with the installed ITL, so a phone holding A accepts it', async () => {
    const r = await localkey();
    const v = await verifyTrustList(r, { trustList: decodeTrustList(await itlA()) });
    expect(v).toMatchObject({ valid: true, digest: 'sha1' });
    expect(v.signer).toMatchObject({ recordIndex: 1, role: 0 });
    expect(await evaluateTrust({ installed: { itl: await itlA() }, candidate: r })).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it('re-signing back with ITLRecovery (remotekey) gives the original file exactly', async () => {
    const back = await resignTrustList(await localkey(), await signer('rsa2048-a'));
    expect(hex(back)).toBe(hex(await itlA()));
  });

  it('takes the list as bytes or as a model', async () => {
    const fromModel = await resignTrustList(decodeTrustList(await itlA()), await signer('rsa1024-a'));
    expect(hex(fromModel)).toBe(hex(await localkey()));
  });
});

describe('resignTrustList options and other signers', () => {
  it('digest: sha512 writes code 3 and verifies', async () => {
    const r = await resignTrustList(await itlA(), await signer('rsa2048-a'), { digest: 'sha512' });
    expect(hex(headerValue(r, 8))).toBe('03');
    expect(hex(body(r))).toBe(hex(body(await itlA())));
    expect(await verifyTrustList(r, { trustList: decodeTrustList(await itlA()) })).toMatchObject({ valid: true, digest: 'sha512' });
  });

  it('timestamp: replaces TIMESTAMP', async () => {
    const r = await resignTrustList(await itlA(), await signer('rsa2048-a'), { timestamp: T_B });
    expect(hex(headerValue(r, 15))).toBe(T_B.toString(16).padStart(8, '0'));
    expect(T_B).not.toBe(T0);
  });

  it('a certutils-layout list keeps SIGNER_VERSION, the 4, 6, 5 order and its `,`-joined names', async () => {
    const b = await build('rsa2048-b', clusterBRecords().map(({ certificate, role }) => ({ certificate, role: role! })), { layout: 'certutils' });
    const r = await resignTrustList(b, await signer('rsa1024-b'));
    expect(topTags(r).filter((t) => t !== 13)).toEqual([1, 2, 28, 3, 7, 12, 14, 15]);
    expect(headerTlvs(r).elements.find((e) => e.tag === 3)!.children!.map((e) => e.tag)).toEqual([4, 6, 5]);
    expect(hex(headerValue(r, 4))).toBe(hex(cstr(cert('rsa1024-b').subject.certutils)));
    expect(hex(body(r))).toBe(hex(body(b)));
    expect((await verifyTrustList(r, { trustList: decodeTrustList(b) })).valid).toBe(true);
  });

  it('copies an odd stored serial (leading 00) of the new signer record instead of deriving it', async () => {
    const list = decodeTrustList(await itlA());
    const serial = fromHex('000123456789abcdef');
    list.records[1]!.serialNumber = serial;
    list.records[1]!.elements.find((e) => e.tag === 6)!.value = serial;
    const r = await resignTrustList(list, await signer('rsa1024-a'));
    expect(hex(headerValue(r, 5))).toBe('000123456789abcdef');
    expect((await verifyTrustList(r)).valid).toBe(true);
  });

  it('signerInfo overrides the copied fields', async () => {
    const r = await resignTrustList(await itlA(), await signer('rsa1024-a'), { signerInfo: { name: 'CN=x', serialNumber: fromHex('0a0b'), issuerName: 'CN=y' } });
    expect(hex(headerValue(r, 4))).toBe(hex(cstr('CN=x')));
    expect(hex(headerValue(r, 5))).toBe('0a0b');
  });

  it('with a key the list does not hold: derives the signer from the certificate; the phone holding A rejects it', async () => {
    const r = await resignTrustList(await itlA(), await signer('rsa2048-b'));
    const b = cert('rsa2048-b');
    expect(hex(headerValue(r, 5))).toBe(hex(b.serialNumber));
    expect(hex(headerValue(r, 4))).toBe(hex(cstr(b.subject.cucm)));
    expect(hex(body(r))).toBe(hex(body(await itlA())));
    expect(await verifyTrustList(r, { certificate: b })).toMatchObject({ valid: true });
    expect((await verifyTrustList(r)).valid).toBe(false);
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: r });
    expect(d.accepted).not.toBe(true);
  });

  it('refuses a key that does not belong to the signer certificate', async () => {
    const a = await signer('rsa2048-a');
    const b = await signer('rsa2048-b');
    await expect(resignTrustList(await itlA(), { certificate: a.certificate, privateKey: b.privateKey })).rejects.toMatchObject({ code: 'ERR_SIGNER' });
  });
});
