/** itl trust: exit 0 accepted, 1 rejected, 3 needs TVS, 2 malformed; explanation and remedies. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { inlineVector, withHeaderLength } from './fixtures.js';
import { clusterAArgs, clusterBArgs, expectError, firstLine, itlIn, key, T_ROLLBACK, workDir } from './workdir.js';

const w = workDir();
const itl = (argv: string[], opts?: Parameters<typeof itlIn>[2]) => itlIn(w.dir, argv, opts);

beforeAll(async () => {
  for (const args of [
    clusterAArgs('a.tlv'),
    clusterBArgs('b.tlv'),
    ['rollback', '--from', 'a.tlv', '--signer', key('rsa2048-a.combined.pem'), '-o', 'rollback.tlv', '--timestamp', String(T_ROLLBACK)],
    // An ITL where cucm-test-b-pub is a TFTP record only, and one signed by that key.
    ['build', '-o', 'tftp-only.tlv', '--signer', key('rsa2048-b.cert.pem'), '--signer-key', key('rsa2048-b.key.pem'), '--tftp', key('rsa1024-b.cert.pem'), '--timestamp', '1'],
    ['build', '-o', 'by-tftp.tlv', '--signer', key('rsa1024-b.cert.pem'), '--signer-key', key('rsa1024-b.key.pem'), '--timestamp', '2'],
    ['build', '-o', 'by-a-ccm.tlv', '--signer', key('rsa1024-a.cert.pem'), '--signer-key', key('rsa1024-a.key.pem'), '--timestamp', '3'],
    ['build', '--ctl', '-o', 'ctl-a.tlv', '--signer', key('rsa1024-a.cert.pem'), '--signer-key', key('rsa1024-a.key.pem'), '--ccm-tftp', key('rsa1024-a.cert.pem'), '--timestamp', '1'],
  ]) {
    const r = await itl(args);
    expect({ args, code: r.code, stderr: r.stderr }).toEqual({ args, code: 0, stderr: '' });
  }
  w.write('SEP001122334455.cnf.xml', '<device/>\n');
  expect((await itl(['sign-file', 'SEP001122334455.cnf.xml', '--signer', key('rsa1024-b.cert.pem'), '--signer-key', key('rsa1024-b.key.pem'), '--timestamp', '1'])).code).toBe(0);
});

describe('itl trust', () => {
  it('nothing installed: ACCEPTED first-use, exit 0, no remedies', async () => {
    const r = await itl(['trust', 'b.tlv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('ACCEPTED first-use\nA phone with no trust list installed accepts the ITL on first use ("leap of faith").\nIts own signature is consistent.\n');
  });

  it("an A phone offered B's ITL: NEEDS-TVS (A lists a TVS), exit 3, with remedies as a list", async () => {
    const r = await itl(['trust', '--installed', 'a.tlv', 'b.tlv']);
    expect(r.code).toBe(3);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NEEDS-TVS tvs');
    expect(lines[1]).toMatch(/^The ITL is signed by CN=ITLRECOVERY_test-b-pub;.* \(serial 2B:2B:2B:2B\), which no installed record allows\.$/);
    expect(lines[2]).toMatch(/^The phone will ask the TVS servers its ITL lists \(tvs-test-a\)/);
    expect(lines[3]).toBe('');
    expect(lines[4]).toBe('Remedies:');
    expect(lines.slice(5).map((l) => /^ {2}- ([A-Z_]+): /.exec(l)?.[1])).toEqual(['ERASE_TRUST_LIST', 'ROLLBACK_ITL', 'RESIGN', 'TVS_TRUST']);
  });

  it('a phone holding an ITL without TVS rejects a stranger: REJECTED signer-unknown, exit 1', async () => {
    const r = await itl(['trust', '--installed', 'b.tlv', 'a.tlv']);
    expect(r.code).toBe(1);
    expect(firstLine(r)).toBe('REJECTED signer-unknown');
    expect(r.stdout).toContain('("Trust List Update Failed")');
    expect(r.stdout).toMatch(/^ {2}- ROLLBACK_ITL: /m);
  });

  it('the rollback ITL is accepted by the A phone, and a phone holding it accepts B', async () => {
    const rb = await itl(['trust', '--installed', 'a.tlv', 'rollback.tlv']);
    expect(rb.code).toBe(0);
    expect(firstLine(rb)).toBe('ACCEPTED signed-by-installed');
    const b = await itl(['trust', '--installed', 'rollback.tlv', 'b.tlv']);
    expect(b.code).toBe(0);
    expect(firstLine(b)).toBe('ACCEPTED blank-itl');
  });

  it('--itl-anchors sast+tftp lets a TFTP record sign the next ITL', async () => {
    const strict = await itl(['trust', '--installed', 'tftp-only.tlv', 'by-tftp.tlv']);
    expect(strict.code).toBe(1);
    expect(firstLine(strict)).toBe('REJECTED signer-role');
    const loose = await itl(['trust', '--installed', 'tftp-only.tlv', 'by-tftp.tlv', '--itl-anchors', 'sast+tftp']);
    expect(loose.code).toBe(0);
    expect(firstLine(loose)).toBe('ACCEPTED signed-by-installed');
  });

  it('.sgn candidates are configuration files: signed by a TFTP record of the ITL, accepted', async () => {
    const r = await itl(['trust', '--installed', 'b.tlv', 'SEP001122334455.cnf.xml.sgn']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ACCEPTED signed-by-installed\nThe configuration file is signed by TFTP record 3 /);
    expect((await itl(['trust', '--installed', 'a.tlv', 'SEP001122334455.cnf.xml.sgn'])).code).toBe(3);
  });

  it('--kind config: an unsigned config is refused by a phone with an ITL, taken with a rollback ITL', async () => {
    const r = await itl(['trust', '--installed', 'b.tlv', 'SEP001122334455.cnf.xml', '--kind', 'config']);
    expect(r.code).toBe(1);
    expect(firstLine(r)).toBe('REJECTED unsigned-config');
    expect(r.stdout).toMatch(/^ {2}- SIGN_CONFIG: /m);
    expect((await itl(['trust', '--installed', 'rollback.tlv', 'SEP001122334455.cnf.xml', '--kind', 'config'])).code).toBe(0);
  });

  it('--installed-ctl: a CTL signer vouches for a new ITL', async () => {
    const r = await itl(['trust', '--installed-ctl', 'ctl-a.tlv', 'by-tftp.tlv']);
    expect(r.code).toBe(1);
    const ok = await itl(['trust', '--installed-ctl', 'ctl-a.tlv', '--installed', 'b.tlv', 'by-a-ccm.tlv', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ accepted: true, rule: 'signed-by-installed', signer: { list: 'CTL' } });
  });

  it('--json: the decision, with hex for bytes', async () => {
    const r = await itl(['trust', '--installed', 'a.tlv', 'b.tlv', '--json']);
    expect(r.code).toBe(3);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({
      candidate: 'b.tlv',
      installed: { itl: 'a.tlv', ctl: null },
      verdict: 'needs-tvs',
      accepted: 'needs-tvs',
      rule: 'tvs',
      candidateKind: 'ITL',
      tvs: [{ dnsName: 'tvs-test-a', ipAddress: '10.48.47.154' }],
      signature: { valid: false, reason: 'SIGNER_NOT_FOUND' },
    });
    expect(j.remedies.map((x: { code: string }) => x.code)).toEqual(['ERASE_TRUST_LIST', 'ROLLBACK_ITL', 'RESIGN', 'TVS_TRUST']);
    const first = JSON.parse((await itl(['trust', 'a.tlv', '--json'])).stdout);
    expect(first.signature.signer.serialNumber).toBe('81a3951a5c4c1c9b7eb4b4f00b8d6e38');
  });

  it('malformed input: exit 2', async () => {
    expectError(await itl(['trust', '-'], { stdin: withHeaderLength(inlineVector().bytes, 40000) }), 'ERR_HEADER_LENGTH');
    expectError(await itl(['trust', '--installed', '-', 'a.tlv'], { stdin: 'not a trust list' }), 'ERR_FIRST_ELEMENT');
    expectError(await itl(['trust', '-'], { stdin: '<device/>' }), 'ERR_FIRST_ELEMENT');
  });

  it('usage errors: exit 2', async () => {
    expectError(await itl(['trust']), 'ERR_USAGE');
    expectError(await itl(['trust', 'a.tlv', '--kind', 'sgn']), 'ERR_USAGE');
    expectError(await itl(['trust', 'a.tlv', '--itl-anchors', 'tftp']), 'ERR_USAGE');
    expectError(await itl(['trust', '--installed', 'missing.tlv', 'a.tlv']), 'ERR_IO');
  });
});
