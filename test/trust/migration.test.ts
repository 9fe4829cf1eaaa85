/**
 * The migration story end to end, with the library only: phones of cluster A move to cluster B
 * and hit "Trust List Update Failed"; a rollback ITL signed by A's key gets them out
 * (format.md §6.2, §7). One phone's state is carried from step to step.
 */
import { describe, it, expect } from '@jest/globals';
import { buildRollbackItl, decodeTrustList, evaluateTrust, isBlankItl, resignTrustList, signFile, toColonHex, type TrustDecision } from '../../src/index.js';
import { build, cert, clusterBRecords, CONFIG_NAME, CONFIG_XML, itlA, itlB, signer, T_B, T_ROLLBACK, type Stem } from './fixtures.js';

/** What the phone holds, updated only when it accepts a trust list. */
const phone: { itl?: Uint8Array } = {};

async function offer(candidate: Uint8Array, kind?: 'config'): Promise<TrustDecision> {
  const d = await evaluateTrust({ installed: phone.itl ? { itl: phone.itl } : {}, candidate, ...(kind && { kind }) });
  if (d.accepted === true && d.candidateKind === 'ITL') phone.itl = candidate;
  return d;
}

const configFrom = async (stem: Stem) => signFile(CONFIG_XML, await signer(stem), { filename: CONFIG_NAME, timestamp: T_B });

describe('moving a phone from cluster A to cluster B', () => {
  let rollback: Uint8Array;

  it('1. a new phone takes cluster A\'s ITL on first use', async () => {
    const d = await offer(await itlA());
    expect(d).toMatchObject({ accepted: true, rule: 'first-use' });
    expect(d.signature?.valid).toBe(true);
    expect(phone.itl).toBe(await itlA());
  });

  it("2. the A phone does not take cluster B's ITL; the remedies name a rollback ITL signed by A's SAST", async () => {
    const d = await offer(await itlB());
    expect(d.accepted).not.toBe(true);
    // A's ITL lists a TVS, which does not know cluster B: the phone would ask it and be refused.
    expect(d).toMatchObject({ accepted: 'needs-tvs', rule: 'tvs' });
    expect(phone.itl).toBe(await itlA());
    const codes = d.remedies.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['ERASE_TRUST_LIST', 'ROLLBACK_ITL', 'RESIGN', 'TVS_TRUST']));
    const rb = d.remedies.find((r) => r.code === 'ROLLBACK_ITL')!;
    const recovery = cert('rsa2048-a');
    expect(rb.keys?.[0]).toEqual({ list: 'ITL', subjectName: recovery.subject.cucm, serialNumber: toColonHex(recovery.serialNumber) });
    expect(rb.text).toContain('ITLRECOVERY_test-a-pub');
  });

  it("3. the rollback ITL built from A's ITL with A's ITLRecovery key is accepted by the A phone", async () => {
    rollback = await buildRollbackItl({ from: await itlA(), signer: await signer('rsa2048-a'), timestamp: T_ROLLBACK });
    expect(isBlankItl(decodeTrustList(rollback))).toBe(true);
    const d = await offer(rollback);
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    expect(d.signer).toMatchObject({ list: 'ITL', role: 'SAST', recordIndex: 0, subjectName: cert('rsa2048-a').subject.cucm });
    expect(phone.itl).toBe(rollback);
  });

  it('   while it holds the rollback ITL, the phone also takes unsigned configs (pre-8.0 clusters)', async () => {
    expect(await offer(CONFIG_XML, 'config')).toMatchObject({ accepted: true, rule: 'blank-itl' });
  });

  it("4. the phone holding the rollback ITL takes cluster B's ITL", async () => {
    const d = await offer(await itlB());
    expect(d).toMatchObject({ accepted: true, rule: 'blank-itl' });
    expect(phone.itl).toBe(await itlB());
  });

  it("5. the phone holding B's ITL takes B's signed configuration", async () => {
    const d = await offer(await configFrom('rsa1024-b'));
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed', candidateKind: 'config' });
    expect(d.signer).toMatchObject({ list: 'ITL', role: 'TFTP', subjectName: cert('rsa1024-b').subject.cucm });
  });

  it("   and no longer takes cluster A's configuration or an unsigned one", async () => {
    expect((await offer(await configFrom('rsa1024-a'))).accepted).toBe(false);
    expect(await offer(CONFIG_XML, 'config')).toMatchObject({ accepted: false, rule: 'unsigned-config' });
  });

  it("   and takes B's next ITL, signed by B's CallManager key (a SAST of B's ITL)", async () => {
    const next = await build('rsa1024-b', clusterBRecords(), { timestamp: T_B + 3600 });
    expect(await offer(next)).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });
});

describe('the other ways out the remedies name', () => {
  it("RESIGN: B's ITL re-signed with A's key is accepted by an A phone, which then trusts B's own keys", async () => {
    const resigned = await resignTrustList(await itlB(), await signer('rsa2048-a'));
    const first = await evaluateTrust({ installed: { itl: await itlA() }, candidate: resigned });
    expect(first).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
    // Its records are B's, so B's next ITL (signed by B's ITLRecovery) is accepted afterwards.
    const next = await evaluateTrust({ installed: { itl: resigned }, candidate: await itlB() });
    expect(next).toMatchObject({ accepted: true, rule: 'signed-by-installed' });
  });

  it("ERASE_TRUST_LIST: an erased phone takes B's ITL on first use", async () => {
    expect(await evaluateTrust({ installed: {}, candidate: await itlB() })).toMatchObject({ accepted: true, rule: 'first-use' });
  });

  it("without any remedy, a phone still holding A's ITL does not take B's configuration", async () => {
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: await configFrom('rsa1024-b') });
    expect(d.accepted).not.toBe(true);
  });
});
