/** itl build: what was asked is what is written, it verifies, and it is reproducible. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { decodeTrustList, roleName, type TrustList } from '../../src/index.js';
import { parseCertificate } from '../../src/x509/index.js';
import { parseRecordArg } from '../../src/cli/commands/build.js';
import { clusterAArgs, expectError, firstLine, itlIn, key, T0, workDir } from './workdir.js';

const w = workDir();
const itl = (argv: string[], opts?: Parameters<typeof itlIn>[2]) => itlIn(w.dir, argv, opts);
const der = (file: string) => parseCertificate(new Uint8Array(readFileSync(key(file)))).der;
const roles = (l: TrustList) => l.records.map((r) => roleName(r.role!));
const tags = (els: { tag: number; children?: unknown[] }[]) => els.map((e) => e.tag);

describe('itl build', () => {
  let a: Uint8Array;
  beforeAll(async () => {
    const r = await itl(clusterAArgs('a.tlv'));
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toMatch(/^wrote a\.tlv \(\d+ bytes\): ITL, 5 records \(SAST, SAST, CCM\+TFTP, CAPF, TVS\), SHA-1, signed by CN=ITLRECOVERY_test-a-pub;/);
    a = w.read('a.tlv');
  });

  it('writes what was asked: signer first as SAST, then the role flags in command-line order, with dns/ip', () => {
    const l = decodeTrustList(a);
    expect(l.kind).toBe('ITL');
    expect(roles(l)).toEqual(['SAST', 'SAST', 'CCM+TFTP', 'CAPF', 'TVS']);
    expect(l.records.map((r) => r.certificate)).toEqual([der('rsa2048-a.cert.pem'), der('rsa1024-a.cert.pem'), der('rsa1024-a.cert.pem'), der('rsa4096-a.cert.pem'), der('ec384-a.cert.pem')]);
    expect(l.records[2]).toMatchObject({ dnsName: '10.48.47.153', ipAddress: '10.48.47.153' });
    expect(l.records[4]).toMatchObject({ dnsName: 'tvs-test-a', ipAddress: '10.48.47.154' });
    expect(l.records[0]!.dnsName).toBeUndefined();
    expect(l.header).toMatchObject({ filename: 'ITLFile.tlv', digest: 'sha1', timestamp: T0 });
    expect(l.header.signer?.name).toBe('CN=ITLRECOVERY_test-a-pub;OU=TEST ONLY;O=itl-codec test;L=SJ;ST=CA;C=US');
    // CUCM layout: no SIGNER_VERSION, signer info 4, 5, 6, records in ascending tag order.
    expect(l.header.signerVersion).toBeUndefined();
    expect(tags(l.header.elements.find((e) => e.tag === 3)!.children!)).toEqual([4, 5, 6]);
    expect(tags(l.records[2]!.elements!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('verifies with itl verify, with the signer record 1', async () => {
    const r = await itl(['verify', 'a.tlv']);
    expect(r.code).toBe(0);
    expect(firstLine(r)).toMatch(/^VALID: signature verifies \(SHA-1, RSA\) with record 1 \(CN=ITLRECOVERY_test-a-pub;/);
  });

  it('gives the same bytes for the same --timestamp, and SOURCE_DATE_EPOCH stands in for it', async () => {
    expect((await itl(clusterAArgs('a2.tlv'))).code).toBe(0);
    expect(w.read('a2.tlv')).toEqual(a);
    const args = clusterAArgs('a3.tlv').slice(0, -2);
    expect((await itl(args, { env: { SOURCE_DATE_EPOCH: String(T0) } })).code).toBe(0);
    expect(w.read('a3.tlv')).toEqual(a);
    // --timestamp wins over SOURCE_DATE_EPOCH.
    expect((await itl(clusterAArgs('a4.tlv'), { env: { SOURCE_DATE_EPOCH: '5' } })).code).toBe(0);
    expect(w.read('a4.tlv')).toEqual(a);
  });

  it('without --timestamp or SOURCE_DATE_EPOCH uses the current time', async () => {
    const before = Math.floor(Date.now() / 1000);
    expect((await itl(['build', '-o', 'now.tlv', '--signer', key('rsa2048-a.combined.pem')])).code).toBe(0);
    const t = decodeTrustList(w.read('now.tlv')).header.timestamp!;
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('--digest, --layout certutils, --signer-version, --filename are written as asked', async () => {
    const r = await itl([
      'build', '-o', 'c.tlv', '--signer', key('rsa2048-a.combined.pem'), '--tftp', key('rsa1024-a.cert.pem'),
      '--digest', 'sha512', '--layout', 'certutils', '--signer-version', '1.1', '--filename', 'ITLSEP001122334455.tlv', '--timestamp', '1',
    ]);
    expect(r.code).toBe(0);
    const l = decodeTrustList(w.read('c.tlv'));
    expect(l.header).toMatchObject({ digest: 'sha512', filename: 'ITLSEP001122334455.tlv', signerVersion: { major: 1, minor: 1 }, timestamp: 1 });
    expect(tags(l.header.elements).slice(0, 3)).toEqual([1, 2, 28]);
    expect(tags(l.header.elements.find((e) => e.tag === 3)!.children!)).toEqual([4, 6, 5]);
    expect(tags(l.records[1]!.elements!)).toEqual([1, 3, 5, 6, 4, 7, 8, 9]);
    expect(l.header.signer?.name).toBe('C=US,ST=CA,L=SJ,O=itl-codec test,OU=TEST ONLY,CN=ITLRECOVERY_test-a-pub');
    expect(roles(l)).toEqual(['SAST', 'TFTP']);
    expect((await itl(['verify', 'c.tlv'])).code).toBe(0);
    for (const d of ['sha1', 'sha256'] as const) {
      expect((await itl(['build', '-o', `${d}.tlv`, '--signer', key('rsa2048-a.combined.pem'), '--digest', d, '--timestamp', '1'])).code).toBe(0);
      expect(decodeTrustList(w.read(`${d}.tlv`)).header.digest).toBe(d);
    }
  });

  it('--ctl builds a CTL named CTLFile.tlv', async () => {
    expect((await itl(['build', '--ctl', '-o', 'ctl.tlv', '--signer', key('rsa2048-a.combined.pem'), '--ccm-tftp', key('rsa1024-a.cert.pem'), '--timestamp', '7'])).code).toBe(0);
    const l = decodeTrustList(w.read('ctl.tlv'));
    expect(l.kind).toBe('CTL');
    expect(l.header.filename).toBe('CTLFile.tlv');
    expect(roles(l)).toEqual(['SAST', 'CCM+TFTP']);
    expect((await itl(['verify', 'ctl.tlv'])).code).toBe(0);
  });

  it('one record per role flag: the same file for --sast and --tftp is two records; a signer listed as SAST is not added again', async () => {
    const signerCert = key('rsa2048-a.cert.pem');
    expect((await itl(['build', '-o', 'd.tlv', '--signer', key('rsa2048-a.combined.pem'), '--tftp', signerCert, '--sast', signerCert, '--tvs', signerCert, '--timestamp', '1'])).code).toBe(0);
    const l = decodeTrustList(w.read('d.tlv'));
    expect(roles(l)).toEqual(['TFTP', 'SAST', 'TVS']);
    // Listed only in another role: the SAST record is added first.
    expect((await itl(['build', '-o', 'e.tlv', '--signer', key('rsa2048-a.combined.pem'), '--tftp', signerCert, '--timestamp', '1'])).code).toBe(0);
    expect(roles(decodeTrustList(w.read('e.tlv')))).toEqual(['SAST', 'TFTP']);
    // The combined PEM (key + certificate) works as a certificate argument too.
    expect((await itl(['build', '-o', 'f.tlv', '--signer', key('rsa2048-a.combined.pem'), '--sast', key('rsa2048-a.combined.pem'), '--timestamp', '1'])).code).toBe(0);
    expect(roles(decodeTrustList(w.read('f.tlv')))).toEqual(['SAST']);
  });

  it('takes the signer as certificate + key, PKCS#12 with --password-env, an encrypted PEM key, all giving the same file', async () => {
    const base = ['--tftp', key('rsa1024-a.cert.pem'), '--timestamp', String(T0)];
    const ways: [string, string[], Record<string, string>][] = [
      ['combined', ['--signer', key('rsa2048-a.combined.pem')], {}],
      ['cert+key', ['--signer', key('rsa2048-a.cert.pem'), '--signer-key', key('rsa2048-a.key.pem')], {}],
      ['cert+pkcs1', ['--signer', key('rsa2048-a.cert.der'), '--signer-key', key('rsa2048-a.pkcs1.pem')], {}],
      ['p12', ['--signer', key('rsa2048-a.p12'), '--password-env', 'P12_PASS'], { P12_PASS: 'test-password' }],
      ['enc', ['--signer', key('rsa2048-a.cert.pem'), '--signer-key', key('rsa2048-a.enc.pem'), '--password-env', 'KEY_PASS'], { KEY_PASS: 'test-password' }],
      ['cert+p12 key', ['--signer', key('rsa2048-a.cert.pem'), '--signer-key', key('rsa2048-a.p12'), '--password-env', 'P'], { P: 'test-password' }],
    ];
    const outputs: Uint8Array[] = [];
    for (const [name, signer, env] of ways) {
      const r = await itl(['build', '-o', `${name}.tlv`, ...signer, ...base], { env });
      expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 0, stderr: '' });
      outputs.push(w.read(`${name}.tlv`));
    }
    for (const o of outputs) expect(o).toEqual(outputs[0]);
  });

  it('-o - writes only the bytes to stdout', async () => {
    const r = await itl([...clusterAArgs('-')]);
    expect(r.code).toBe(0);
    expect(r.stdoutBytes).toEqual(a);
    expect(r.stderr).toBe('');
  });

  const usage: [string, string[]][] = [
    ['no -o', ['build', '--signer', 'x.pem']],
    ['no --signer', ['build', '-o', 'x.tlv']],
    ['bad --digest', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--digest', 'md5']],
    ['bad --layout', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--layout', 'cisco']],
    ['bad --timestamp', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--timestamp', 'yesterday']],
    ['--timestamp over 32 bits', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--timestamp', '4294967296']],
    ['bad --signer-version', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--signer-version', 'one']],
    ['bad ip=', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--tftp', 'c.pem,ip=10.0.0.256']],
    ['unknown record field', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--tftp', 'c.pem,port=69']],
    ['empty dns=', ['build', '-o', 'x.tlv', '--signer', 'x.pem', '--tftp', 'c.pem,dns=']],
    ['positional argument', ['build', 'x.pem', '-o', 'x.tlv', '--signer', 'x.pem']],
    ['--password-env of an unset variable', ['build', '-o', 'x.tlv', '--signer', key('rsa2048-a.p12'), '--password-env', 'NOT_SET']],
  ];
  it.each(usage)('%s: exit 2, ERR_USAGE', async (_, argv) => {
    expectError(await itl(argv), 'ERR_USAGE');
  });

  it('a bad SOURCE_DATE_EPOCH is a usage error', async () => {
    expectError(await itl(['build', '-o', 'x.tlv', '--signer', key('rsa2048-a.combined.pem')], { env: { SOURCE_DATE_EPOCH: 'now' } }), 'ERR_USAGE');
  });

  // Every row has its env: jest would take a missing fourth argument for a done callback.
  const refused: [string, string[], string, Record<string, string>][] = [
    ['a missing certificate file', ['--signer', key('rsa2048-a.combined.pem'), '--tftp', 'no-such.pem'], 'ERR_IO', {}],
    ['a missing signer file', ['--signer', 'no-such.pem'], 'ERR_IO', {}],
    ['a certificate without a key', ['--signer', key('rsa2048-a.cert.pem')], 'ERR_NO_KEY', {}],
    ['a key that is not the certificate\'s', ['--signer', key('rsa2048-a.cert.pem'), '--signer-key', key('rsa2048-b.key.pem')], 'ERR_KEY_MISMATCH', {}],
    ['an encrypted key without a password', ['--signer', key('rsa2048-a.cert.pem'), '--signer-key', key('rsa2048-a.enc.pem')], 'ERR_KEY_PASSWORD_REQUIRED', {}],
    ['a wrong PKCS#12 password', ['--signer', key('rsa2048-a.p12'), '--password-env', 'P'], 'ERR_KEY_PASSWORD', { P: 'wrong' }],
    ['an EC signer', ['--signer', key('ec256-a.combined.pem')], 'ERR_SIGNER', {}],
    ['three SAST records', ['--signer', key('rsa2048-a.combined.pem'), '--sast', key('rsa1024-a.cert.pem'), '--sast', key('rsa1024-b.cert.pem')], 'ERR_BUILD', {}],
    ['a certificate file that is not one', ['--signer', key('rsa2048-a.combined.pem'), '--tftp', key('README.md')], 'ERR_X509_INPUT', {}],
  ];
  it.each(refused)('%s: exit 2 with the library\'s code', async (_, args, code, env) => {
    const r = await itl(['build', '-o', 'x.tlv', ...args], { env });
    expectError(r, code);
  });

  it('the password hint names the flag', async () => {
    const r = await itl(['build', '-o', 'x.tlv', '--signer', key('rsa2048-a.cert.pem'), '--signer-key', key('rsa2048-a.enc.pem')]);
    expect(r.stderr).toContain('--password-env');
  });
});

describe('CERT[,dns=NAME][,ip=A.B.C.D]', () => {
  it('splits trailing fields off and keeps commas that belong to the path', () => {
    expect(parseRecordArg('tftp', 'a.pem')).toEqual({ path: 'a.pem' });
    expect(parseRecordArg('tftp', 'a.pem,dns=cucm1,ip=10.0.0.1')).toEqual({ path: 'a.pem', dnsName: 'cucm1', ipAddress: '10.0.0.1' });
    expect(parseRecordArg('tftp', 'a.pem,ip=10.0.0.1,dns=cucm1')).toEqual({ path: 'a.pem', dnsName: 'cucm1', ipAddress: '10.0.0.1' });
    expect(parseRecordArg('tftp', 'dir,with,commas/a.pem,dns=x')).toEqual({ path: 'dir,with,commas/a.pem', dnsName: 'x' });
    expect(parseRecordArg('tftp', 'odd,name.pem')).toEqual({ path: 'odd,name.pem' });
  });
});
