/**
 * evaluateTrust: every rule of the issue, in each direction (format.md §6.2, §7.1).
 * Installed lists and candidates are built from the TEST ONLY keys (fixtures.ts).
 */
import { describe, it, expect } from '@jest/globals';
import {
  buildRollbackItl,
  decodeSignedFile,
  decodeTrustList,
  emptiedRecord,
  encodeTrustList,
  evaluateTrust,
  isBlankItl,
  signFile,
  signTrustList,
  toColonHex,
  type TrustDecision,
  type TrustList,
} from '../../src/index.js';
import {
  build,
  cert,
  clusterARecords,
  clusterBRecords,
  CONFIG_NAME,
  CONFIG_XML,
  ctlA,
  itlA,
  itlANoTvs,
  itlATftpOnly,
  itlB,
  signer,
  T_B,
  T_ROLLBACK,
  type Stem,
  once,
} from './fixtures.js';


/** A later cluster-A ITL signed by one of A's keys. */
const newItlASignedBy = (stem: Stem) => once(`newA:${stem}`, () => build(stem, clusterARecords(), { timestamp: T_B }));
/** The blank rollback ITL of cluster A (defaults). */
const rollback = () => once('rollback', async () => buildRollbackItl({ from: await itlA(), signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK }));
/** A signed config served by a cluster. */
const config = (stem: Stem, digest: 'sha1' | 'sha512' = 'sha1') =>
  once(`cfg:${stem}:${digest}`, async () => signFile(CONFIG_XML, await signer(stem), { filename: CONFIG_NAME, timestamp: T_B, digest }));
/** A CTL of cluster A without the CallManager certificate: only ITLRecovery (SAST) and CAPF. */
const ctlARecoveryOnly = () => once('ctlARecoveryOnly', () => build('rsa2048-a', [clusterARecords()[0]!, clusterARecords()[3]!], { kind: 'CTL' }));

/** Flip one byte near the end of the file (inside the last record), after signing. */
function tamper(bytes: Uint8Array): Uint8Array {
  const out = bytes.slice();
  out[out.length - 1]! ^= 0x01;
  return out;
}

/** A list signed by `stem`'s key but whose header names `named`'s serial, issuer and subject. */
async function signedByNaming(list: Uint8Array, stem: Stem, named: Stem, over: { serialNumber?: Uint8Array; issuerName?: string; name?: string } = {}) {
  const c = cert(named);
  return signTrustList(decodeTrustList(list), await signer(stem), {
    signerInfo: { name: c.subject.cucm, serialNumber: c.serialNumber, issuerName: c.issuer.cucm, ...over },
  });
}

const codes = (d: TrustDecision) => d.remedies.map((r) => r.code);

describe('nothing installed: first use ("leap of faith")', () => {
  it('accepts a trust list and reports that its own signature is consistent', async () => {
    const d = await evaluateTrust({ candidate: await itlB() });
    expect(d).toMatchObject({ accepted: true, rule: 'first-use', candidateKind: 'ITL', remedies: [] });
    expect(d.signature?.valid).toBe(true);
    expect(d.signer).toMatchObject({ list: 'candidate', role: 'SAST', recordIndex: 0 });
    expect(d.explanation).toMatch(/consistent/);
    expect(d.explanation).not.toMatch(/not consistent/);
  });

  it('accepts a trust list whose own signature is broken, and says so', async () => {
    const d = await evaluateTrust({ installed: {}, candidate: tamper(await itlB()) });
    expect(d).toMatchObject({ accepted: true, rule: 'first-use' });
    expect(d.signature).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect(d.signer).toBeUndefined();
    expect(d.explanation).toMatch(/not consistent/);
  });

  it('accepts an unsigned configuration file (kind config)', async () => {
    const d = await evaluateTrust({ candidate: CONFIG_XML, kind: 'config' });
    expect(d).toMatchObject({ accepted: true, rule: 'first-use', candidateKind: 'config' });
  });

  it('does not apply once a trust list is installed', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: await itlB() });
    expect(d.rule).not.toBe('first-use');
    expect(d.accepted).toBe(false);
  });
});

describe('a CTL installed', () => {
  it('accepts a trust list signed by the CTL SAST (ITLRecovery)', async () => {
    const d = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: await newItlASignedBy('rsa2048-a') });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed', remedies: [] });
    expect(d.signer).toMatchObject({ list: 'CTL', role: 'SAST', recordIndex: 0 });
  });

  it('accepts a trust list signed by the CTL CCM+TFTP certificate (default ctlAnchors: SAST and CCM+TFTP)', async () => {
    const d = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: await newItlASignedBy('rsa1024-a') });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(d.signer).toMatchObject({ list: 'CTL', role: 'CCM+TFTP', recordIndex: 1 });
  });

  it('rejects a trust list signed by a certificate the CTL does not list', async () => {
    const d = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: await itlB() });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-unknown' });
    expect(codes(d)).toContain('UPDATE_CTL');
  });

  it('rejects a trust list signed by a CTL certificate whose role may not sign (CAPF)', async () => {
    const capfSigned = await build('rsa4096-a', clusterARecords(), { timestamp: T_B, allowSignerWithoutSast: true });
    const d = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: capfSigned });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-role' });
  });

  it('rules.ctlAnchors narrows (SAST only: CCM+TFTP rejected) and widens (CAPF accepted) the allowed roles', async () => {
    const narrow = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: await newItlASignedBy('rsa1024-a'), rules: { ctlAnchors: [0] } });
    expect(narrow).toMatchObject({ accepted: false, rule: 'signer-role' });
    const capfSigned = await build('rsa4096-a', clusterARecords(), { timestamp: T_B, allowSignerWithoutSast: true });
    const wide = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: capfSigned, rules: { ctlAnchors: [0, 2, 4] } });
    expect(wide).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(wide.signer).toMatchObject({ list: 'CTL', role: 'CAPF' });
  });

  it('a new CTL must be signed by a certificate in the installed CTL, even when the installed ITL lists its signer', async () => {
    // CTL holds only ITLRecovery + CAPF; the ITL also lists the CallManager key as SAST.
    const newCtl = await build('rsa1024-a', clusterARecords().filter((r) => r.role !== 'TVS'), { kind: 'CTL', timestamp: T_B });
    const d = await evaluateTrust({ installed: { ctl: await ctlARecoveryOnly(), itl: await itlANoTvs() }, candidate: newCtl, kind: 'CTL' });
    // Issue: "a CTL installed: the candidate must be signed by a certificate in the CTL with an allowed
    // role"; format.md §6.2 (S9): with a CTL the phone "uses the CTL file to authenticate". The CTL does
    // not list rsa1024-a, so the ITL's SAST record must not vouch for a new CTL.
    expect({ accepted: d.accepted, rule: d.rule, vouchedBy: d.signer?.list }).toEqual({ accepted: false, rule: 'signer-unknown', vouchedBy: undefined });
  });
});

describe('an ITL installed', () => {
  it("accepts a trust list signed by the ITL's SAST (ITLRecovery)", async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await newItlASignedBy('rsa2048-a') });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed', remedies: [] });
    expect(d.signer).toMatchObject({ list: 'ITL', role: 'SAST', recordIndex: 0, serialNumber: '81:A3:95:1A:5C:4C:1C:9B:7E:B4:B4:F0:0B:8D:6E:38' });
    expect(d.signature?.valid).toBe(true);
  });

  it("accepts a trust list signed by the ITL's second SAST (CallManager)", async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await newItlASignedBy('rsa1024-a') });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(d.signer).toMatchObject({ list: 'ITL', role: 'SAST', recordIndex: 1 });
  });

  it('accepts the installed list as bytes or as a model, and the candidate as bytes or as a model', async () => {
    const a = await evaluateTrust({ installed: { itl: decodeTrustList(await itlA()) }, candidate: decodeTrustList(await newItlASignedBy('rsa2048-a')) });
    expect(a).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it('rejects a trust list signed by an unknown certificate (no TVS listed)', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: await itlB() });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-unknown' });
    expect(d.explanation).toMatch(/ITLRECOVERY_test-b-pub/);
    expect(d.tvs).toBeUndefined();
  });

  it("itlAnchors 'sast' (default): a trust list signed by a key the ITL holds only as CCM+TFTP is rejected (signer-role)", async () => {
    const candidate = await newItlASignedBy('rsa1024-a');
    const byDefault = await evaluateTrust({ installed: { itl: await itlATftpOnly() }, candidate });
    expect(byDefault).toMatchObject({ accepted: false, rule: 'signer-role' });
    const explicit = await evaluateTrust({ installed: { itl: await itlATftpOnly() }, candidate, rules: { itlAnchors: 'sast' } });
    expect(explicit).toMatchObject({ accepted: false, rule: 'signer-role' });
  });

  it('explains a role rejection in plain English (an ITL, not "a ITL")', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlATftpOnly() }, candidate: await newItlASignedBy('rsa1024-a') });
    expect(d.explanation).toMatch(/may not sign an ITL/);
  });

  it("itlAnchors 'sast+tftp': the same trust list is accepted by its CCM+TFTP record", async () => {
    const d = await evaluateTrust({ installed: { itl: await itlATftpOnly() }, candidate: await newItlASignedBy('rsa1024-a'), rules: { itlAnchors: 'sast+tftp' } });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(d.signer).toMatchObject({ list: 'ITL', role: 'CCM+TFTP' });
  });

  it("itlAnchors 'sast+tftp' still does not let a CAPF or TVS record sign", async () => {
    const capfSigned = await build('rsa4096-a', clusterARecords(), { timestamp: T_B, allowSignerWithoutSast: true });
    const d = await evaluateTrust({ installed: { itl: await itlATftpOnly() }, candidate: capfSigned, rules: { itlAnchors: 'sast+tftp' } });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-role' });
  });
});

describe('a blank rollback ITL installed', () => {
  it('is recognised as blank', async () => {
    expect(isBlankItl(decodeTrustList(await rollback()))).toBe(true);
    expect(isBlankItl(decodeTrustList(await itlA()))).toBe(false);
  });

  it("accepts another cluster's ITL", async () => {
    const d = await evaluateTrust({ installed: { itl: await rollback() }, candidate: await itlB() });
    expect(d).toMatchObject({ accepted: true, rule: 'blank-itl', remedies: [] });
  });

  it("accepts another cluster's ITL when the rollback dropped its SAST records too (blankSast)", async () => {
    const blank = await buildRollbackItl({ from: await itlA(), signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK, blankSast: true });
    const d = await evaluateTrust({ installed: { itl: blank }, candidate: await itlB() });
    expect(d).toMatchObject({ accepted: true, rule: 'blank-itl' });
  });

  it('is not blank when only the TFTP entries are empty and a TVS entry still has its certificate', async () => {
    const list: TrustList = decodeTrustList(await itlA());
    list.records[2] = emptiedRecord(list.records[2]!, 'role+dns+ip');
    const half = await signTrustList(list, await signer('rsa2048-a'));
    expect(isBlankItl(decodeTrustList(half))).toBe(false);
    const d = await evaluateTrust({ installed: { itl: half }, candidate: await itlB() });
    expect(d.accepted).not.toBe(true);
    expect(d).toMatchObject({ accepted: 'needs-tvs', rule: 'tvs' });
  });

  it('is not blank when only the TVS entry is empty and the CCM+TFTP entry still has its certificate', async () => {
    const list: TrustList = decodeTrustList(await itlA());
    list.records[4] = emptiedRecord(list.records[4]!, 'role+dns+ip');
    const half = await signTrustList(list, await signer('rsa2048-a'));
    expect(isBlankItl(decodeTrustList(half))).toBe(false);
    const d = await evaluateTrust({ installed: { itl: half }, candidate: await itlB() });
    // The emptied TVS entry names no server to ask.
    expect(d).toMatchObject({ accepted: false, rule: 'signer-unknown' });
  });

  it('an ITL with no TFTP or TVS entries at all is not blank', async () => {
    const sastOnly = await build('rsa2048-a', clusterARecords().filter((r) => r.role === 'SAST'));
    expect(isBlankItl(decodeTrustList(sastOnly))).toBe(false);
    const d = await evaluateTrust({ installed: { itl: sastOnly }, candidate: await itlB() });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-unknown' });
  });
});

describe('TVS: signer unknown, but the installed ITL lists TVS servers', () => {
  it("answers needs-tvs and names the ITL's TVS servers", async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await itlB() });
    expect(d).toMatchObject({ accepted: 'needs-tvs', rule: 'tvs' });
    expect(d.tvs).toEqual([{ dnsName: 'tvs-test-a', ipAddress: '10.48.47.154', subjectName: cert('ec384-a').subject.cucm }]);
    expect(d.explanation).toMatch(/tvs-test-a/);
    expect(codes(d)).toEqual(expect.arrayContaining(['ERASE_TRUST_LIST', 'ROLLBACK_ITL', 'TVS_TRUST']));
  });

  it('answers false, not needs-tvs, when the ITL lists no TVS', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: await itlB() });
    expect(d.accepted).toBe(false);
    expect(codes(d)).not.toContain('TVS_TRUST');
  });

  it('answers needs-tvs for a signed configuration file from an unknown signer too', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await config('rsa1024-b') });
    expect(d).toMatchObject({ accepted: 'needs-tvs', rule: 'tvs', candidateKind: 'config' });
  });
});

describe('matching: header serial and issuer against the installed records, then the installed key', () => {
  it("rejects a file that names the installed SAST's serial and issuer but is signed by another key of the same size", async () => {
    const forged = await signedByNaming(await itlB(), 'rsa2048-b', 'rsa2048-a');
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: forged });
    expect(d).toMatchObject({ accepted: false, rule: 'signature-invalid' });
    expect(d.signature?.reason).toBe('SIGNATURE_MISMATCH');
    expect(d.signer).toMatchObject({ list: 'ITL', recordIndex: 0 });
  });

  it('rejects it when the other key has another size too (1024 vs 2048 bits)', async () => {
    const forged = await signedByNaming(await itlB(), 'rsa1024-b', 'rsa2048-a');
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: forged });
    expect(d).toMatchObject({ accepted: false, rule: 'signature-invalid' });
  });

  it("uses the installed record's key, not the candidate's own record that copies the installed serial and issuer", async () => {
    // The candidate carries its own SAST record naming A's serial and issuer, holding B's key.
    const list: TrustList = decodeTrustList(await itlB());
    const a = cert('rsa2048-a');
    const rec = list.records[0]!;
    rec.serialNumber = a.serialNumber;
    rec.issuerName = a.issuer.cucm;
    for (const el of rec.elements) if (el.tag === 5 || el.tag === 6) delete el.value;
    const forged = await signTrustList(list, await signer('rsa2048-b'), { signerInfo: { name: a.subject.cucm, serialNumber: a.serialNumber, issuerName: a.issuer.cucm } });
    const self = await evaluateTrust({ candidate: forged });
    expect(self.signature?.valid).toBe(true); // consistent on its own
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: forged });
    expect(d).toMatchObject({ accepted: false, rule: 'signature-invalid' });
  });

  it('rejects a file altered after signing', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: tamper(await newItlASignedBy('rsa2048-a')) });
    expect(d).toMatchObject({ accepted: false, rule: 'signature-invalid' });
  });

  it('does not match a record whose serial is right but whose issuer differs', async () => {
    const wrongIssuer = await signedByNaming(await newItlASignedBy('rsa2048-a'), 'rsa2048-a', 'rsa2048-a', { issuerName: 'CN=Someone Else;O=itl-codec test' });
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: wrongIssuer });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-unknown' });
  });

  it('does not match a record whose issuer is right but whose serial differs (the DER sign byte counts)', async () => {
    const withSignByte = await signedByNaming(await newItlASignedBy('rsa2048-a'), 'rsa2048-a', 'rsa2048-a', { serialNumber: cert('rsa2048-a').serialNumberDer });
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: withSignByte });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-unknown' });
  });

  it('does not use SIGNER_NAME for matching: right serial and issuer with another subject string verify', async () => {
    const renamed = await signedByNaming(await newItlASignedBy('rsa2048-a'), 'rsa2048-a', 'rsa2048-a', { name: 'CN=renamed' });
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: renamed });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });
});

describe('signed configuration files: judged by a TFTP or CCM+TFTP certificate of the installed lists', () => {
  it("accepts a config signed by the ITL's CCM+TFTP certificate", async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await config('rsa1024-a') });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed', candidateKind: 'config' });
    expect(d.signer).toMatchObject({ list: 'ITL', role: 'CCM+TFTP', recordIndex: 2 });
  });

  it("accepts a config signed by the ITL's TFTP certificate (role 3), given as a decoded SignedFile", async () => {
    const d = await evaluateTrust({ installed: { itl: await itlB() }, candidate: decodeSignedFile(await config('rsa1024-b')) });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed', candidateKind: 'config' });
    expect(d.signer).toMatchObject({ role: 'TFTP' });
  });

  it('accepts a SHA-512 signed config (digest code 3)', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await config('rsa1024-a', 'sha512') });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it('rejects a config signed by a key the ITL holds only as SAST (the ITL signer is not a config signer)', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: await config('rsa2048-a') });
    expect(d).toMatchObject({ accepted: false, rule: 'signer-role' });
    const sign = d.remedies.find((r) => r.code === 'SIGN_CONFIG');
    expect(sign?.keys?.map((k) => k.subjectName)).toEqual([cert('rsa1024-a').subject.cucm]);
  });

  it("accepts a config signed by the CTL's CCM+TFTP certificate, and rejects one signed by the CTL's SAST", async () => {
    const ok = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: await config('rsa1024-a') });
    expect(ok).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(ok.signer).toMatchObject({ list: 'CTL', role: 'CCM+TFTP' });
    const no = await evaluateTrust({ installed: { ctl: await ctlA() }, candidate: await config('rsa2048-a') });
    expect(no).toMatchObject({ accepted: false, rule: 'signer-role' });
  });

  it('rejects a config whose payload was changed after signing', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: tamper(await config('rsa1024-a')) });
    expect(d).toMatchObject({ accepted: false, rule: 'signature-invalid' });
  });

  it('rejects an unsigned config where a normal ITL is installed', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: CONFIG_XML, kind: 'config' });
    expect(d).toMatchObject({ accepted: false, rule: 'unsigned-config' });
  });

  it('a blank rollback ITL accepts unsigned configs', async () => {
    const d = await evaluateTrust({ installed: { itl: await rollback() }, candidate: CONFIG_XML, kind: 'config' });
    expect(d).toMatchObject({ accepted: true, rule: 'blank-itl', candidateKind: 'config' });
  });

  it("a blank rollback ITL accepts another cluster's signed config", async () => {
    const d = await evaluateTrust({ installed: { itl: await rollback() }, candidate: await config('rsa1024-b') });
    expect(d).toMatchObject({ accepted: true, rule: 'blank-itl', candidateKind: 'config' });
  });
});

describe('remedies: the concrete ways out when rejected', () => {
  it('names erase, a rollback ITL signed by an installed SAST (naming it), re-sign and TVS', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await itlB() });
    expect(codes(d)).toEqual(['ERASE_TRUST_LIST', 'ROLLBACK_ITL', 'RESIGN', 'TVS_TRUST']);
    const rb = d.remedies.find((r) => r.code === 'ROLLBACK_ITL')!;
    const recovery = cert('rsa2048-a');
    expect(rb.keys).toEqual([
      { list: 'ITL', subjectName: recovery.subject.cucm, serialNumber: toColonHex(recovery.serialNumber) },
      { list: 'ITL', subjectName: cert('rsa1024-a').subject.cucm, serialNumber: '01:23:45:67:89:AB:CD:EF' },
    ]);
    expect(rb.text).toContain(recovery.subject.cucm);
    expect(d.remedies.find((r) => r.code === 'RESIGN')!.keys?.length).toBeGreaterThan(0);
    expect(d.remedies.find((r) => r.code === 'TVS_TRUST')!.text).toContain('tvs-test-a');
    for (const r of d.remedies) expect(r.text.length).toBeGreaterThan(20);
  });

  it('does not offer TVS when the ITL has none, and adds UPDATE_CTL when a CTL is installed', async () => {
    const itlOnly = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: await itlB() });
    expect(codes(itlOnly)).toEqual(['ERASE_TRUST_LIST', 'ROLLBACK_ITL', 'RESIGN']);
    const both = await evaluateTrust({ installed: { itl: await itlANoTvs(), ctl: await ctlA() }, candidate: await itlB() });
    expect(codes(both)).toContain('UPDATE_CTL');
  });

  it('is empty when accepted', async () => {
    const cases = [
      { installed: {}, candidate: await itlB() },
      { installed: { itl: await rollback() }, candidate: await itlB() },
      { installed: { itl: await itlA() }, candidate: await newItlASignedBy('rsa2048-a') },
    ];
    for (const c of cases) {
      const d = await evaluateTrust(c);
      expect(d.accepted).toBe(true);
      expect(d.remedies).toEqual([]);
    }
  });

  it('are also given with needs-tvs (not accepted yet)', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await itlB() });
    expect(d.accepted).toBe('needs-tvs');
    expect(d.remedies.length).toBeGreaterThan(0);
  });

  it('the ROLLBACK_ITL key really works: a rollback built with it is accepted, and then B is', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: await itlB() });
    const named = d.remedies.find((r) => r.code === 'ROLLBACK_ITL')!.keys![0]!;
    expect(named.serialNumber).toBe(toColonHex(cert('rsa2048-a').serialNumber));
    const rb = await buildRollbackItl({ from: await itlANoTvs(), signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: rb })).toMatchObject({ accepted: true });
    expect(await evaluateTrust({ installed: { itl: rb }, candidate: await itlB() })).toMatchObject({ accepted: true, rule: 'blank-itl' });
  });

  it('candidate kinds: a CTL candidate is reported as a CTL', async () => {
    const d = await evaluateTrust({ installed: { itl: await itlANoTvs() }, candidate: encodeTrustList(decodeTrustList(await build('rsa2048-b', clusterBRecords(), { kind: 'CTL', timestamp: T_B }))) });
    expect(d.candidateKind).toBe('CTL');
    expect(d.accepted).toBe(false);
  });
});

describe('candidate kind', () => {
  it('detects a .sgn file by its FILENAME, and an explicit kind wins over the name', async () => {
    const sgn = await signFile(CONFIG_XML, await signer('rsa2048-a'), { filename: CONFIG_NAME, timestamp: T_B });
    expect((await evaluateTrust({ candidate: sgn })).candidateKind).toBe('config');
    // Told it is an ITL, the bytes are decoded as one: a config payload is not a record.
    await expect(evaluateTrust({ candidate: sgn, kind: 'ITL' })).rejects.toMatchObject({ code: 'ERR_RECORD_START' });
  });
});

describe('keyCache', () => {
  it('reuses the installed signer keys across evaluations, with the same decisions', async () => {
    const keyCache = new Map<string, CryptoKey>();
    const installed = { itl: await itlA() };
    const plain = await evaluateTrust({ installed, candidate: await itlB() });
    const first = await evaluateTrust({ installed, candidate: await itlB(), keyCache });
    const accepted = await evaluateTrust({ installed, candidate: await itlA(), keyCache });
    expect(keyCache.size).toBeGreaterThan(0);
    const size = keyCache.size;
    const again = await evaluateTrust({ installed, candidate: await itlA(), keyCache });
    expect(keyCache.size).toBe(size);
    expect([first.accepted, first.rule]).toEqual([plain.accepted, plain.rule]);
    expect([accepted.accepted, again.accepted, again.rule]).toEqual([true, true, 'signed-by-installed']);
  });
});
