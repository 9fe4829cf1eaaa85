/** itl rollback, itl resign and itl sign-file: the files verify against what phones hold, options reach the bytes. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { decodeSignedFile, decodeTrustList, isBlankItl, roleName } from '../../src/index.js';
import { inlineVector, withHeaderLength } from './fixtures.js';
import { clusterAArgs, clusterBArgs, expectError, firstLine, itlIn, key, T_B, T_ROLLBACK, workDir } from './workdir.js';

const w = workDir();
const itl = (argv: string[], opts?: Parameters<typeof itlIn>[2]) => itlIn(w.dir, argv, opts);
const roles = (bytes: Uint8Array) => decodeTrustList(bytes).records.map((r) => roleName(r.role!));
const A_SIGNER = ['--signer', key('rsa2048-a.combined.pem')];

beforeAll(async () => {
  expect((await itl(clusterAArgs('a.tlv'))).code).toBe(0);
  expect((await itl(clusterBArgs('b.tlv'))).code).toBe(0);
});

describe('itl rollback', () => {
  it('from the installed ITL: blank, verifies with that ITL, reproducible', async () => {
    const args = ['rollback', '--from', 'a.tlv', ...A_SIGNER, '--timestamp', String(T_ROLLBACK)];
    const r = await itl([...args, '-o', 'rb.tlv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote rb\.tlv \(\d+ bytes\): rollback ITL, 5 records \(SAST, SAST, CCM\+TFTP, CAPF, TVS; 2 empty\), SHA-1, signed by CN=ITLRECOVERY_test-a-pub;/);
    const rb = w.read('rb.tlv');
    const l = decodeTrustList(rb);
    expect(isBlankItl(l)).toBe(true);
    expect(l.header.timestamp).toBe(T_ROLLBACK);
    expect(l.records[2]).toMatchObject({ role: 2, dnsName: '10.48.47.153', ipAddress: '10.48.47.153' });
    expect(l.records[2]!.certificate).toBeUndefined();
    expect(firstLine(await itl(['verify', 'rb.tlv', '--trust', 'a.tlv']))).toMatch(/^VALID: /);
    expect((await itl([...args, '-o', 'rb2.tlv'])).code).toBe(0);
    expect(w.read('rb2.tlv')).toEqual(rb);
    expect((await itl([...args.slice(0, -2), '-o', 'rb3.tlv'], { env: { SOURCE_DATE_EPOCH: String(T_ROLLBACK) } })).code).toBe(0);
    expect(w.read('rb3.tlv')).toEqual(rb);
  });

  it('--blank-sast, --drop-capf, --drop-second-sast, --empty-fields role-only, --digest, --filename reach the file', async () => {
    const base = ['rollback', '--from', 'a.tlv', ...A_SIGNER, '--timestamp', '1'];
    expect((await itl([...base, '--drop-capf', '-o', 'x1.tlv'])).code).toBe(0);
    expect(roles(w.read('x1.tlv'))).toEqual(['SAST', 'SAST', 'CCM+TFTP', 'TVS']);
    expect((await itl([...base, '--drop-second-sast', '-o', 'x2.tlv'])).code).toBe(0);
    expect(roles(w.read('x2.tlv'))).toEqual(['SAST', 'CCM+TFTP', 'CAPF', 'TVS']);
    expect((await itl([...base, '--blank-sast', '-o', 'x3.tlv'])).code).toBe(0);
    expect(roles(w.read('x3.tlv'))).toEqual(['CCM+TFTP', 'CAPF', 'TVS']);
    // Without its SAST record the file still verifies with the phone's ITL.
    expect((await itl(['verify', 'x3.tlv', '--trust', 'a.tlv'])).code).toBe(0);
    expect((await itl(['verify', 'x3.tlv'])).code).toBe(1);
    expect((await itl([...base, '--empty-fields', 'role-only', '--digest', 'sha256', '--filename', 'ITLSEP001122334455.tlv', '-o', 'x4.tlv'])).code).toBe(0);
    const l = decodeTrustList(w.read('x4.tlv'));
    expect(l.records[2]!.elements!.map((e) => e.tag)).toEqual([1, 4]);
    expect(l.header).toMatchObject({ digest: 'sha256', filename: 'ITLSEP001122334455.tlv' });
  });

  it('without --from: the signer as SAST plus empty TFTP and TVS records', async () => {
    expect((await itl(['rollback', ...A_SIGNER, '--timestamp', '1', '-o', 'alone.tlv'])).code).toBe(0);
    const bytes = w.read('alone.tlv');
    expect(roles(bytes)).toEqual(['SAST', 'TFTP', 'TVS']);
    expect(isBlankItl(decodeTrustList(bytes))).toBe(true);
    expect((await itl(['verify', 'alone.tlv'])).code).toBe(0);
  });

  it('refuses a signer the installed ITL does not list (phones would reject the file)', async () => {
    expectError(await itl(['rollback', '--from', 'b.tlv', ...A_SIGNER, '-o', 'no.tlv']), 'ERR_BUILD');
  });

  it('usage and input errors: exit 2', async () => {
    expectError(await itl(['rollback', ...A_SIGNER]), 'ERR_USAGE');
    expectError(await itl(['rollback', '-o', 'x.tlv']), 'ERR_USAGE');
    expectError(await itl(['rollback', ...A_SIGNER, '-o', 'x.tlv', '--empty-fields', 'none']), 'ERR_USAGE');
    expectError(await itl(['rollback', ...A_SIGNER, '-o', 'x.tlv', '--from', '-'], { stdin: withHeaderLength(inlineVector().bytes, 40000) }), 'ERR_HEADER_LENGTH');
  });
});

describe('itl resign', () => {
  it("B's ITL re-signed with A's key: records unchanged, verifies with A's ITL", async () => {
    const r = await itl(['resign', 'b.tlv', '-o', 'b-by-a.tlv', ...A_SIGNER, '--timestamp', String(T_B)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote b-by-a\.tlv .*signed by CN=ITLRECOVERY_test-a-pub;/);
    const before = decodeTrustList(w.read('b.tlv'));
    const after = decodeTrustList(w.read('b-by-a.tlv'));
    expect(after.records.map((x) => x.certificate)).toEqual(before.records.map((x) => x.certificate));
    expect((await itl(['verify', 'b-by-a.tlv', '--trust', 'a.tlv'])).code).toBe(0);
    expect((await itl(['trust', '--installed', 'a.tlv', 'b-by-a.tlv'])).code).toBe(0);
    // Not self-verifying: B does not list A's key (the RESIGN remedy says so).
    expect(firstLine(await itl(['verify', 'b-by-a.tlv']))).toMatch(/^INVALID SIGNER_NOT_FOUND/);
  });

  it('re-signing with a key the list holds names the signer from its record; --digest; timestamps', async () => {
    expect((await itl(['resign', 'a.tlv', '-o', 'a-ccm.tlv', '--signer', key('rsa1024-a.cert.pem'), '--signer-key', key('rsa1024-a.key.pem'), '--digest', 'sha512', '--timestamp', '9'])).code).toBe(0);
    const l = decodeTrustList(w.read('a-ccm.tlv'));
    expect(l.header).toMatchObject({ digest: 'sha512', timestamp: 9 });
    expect(firstLine(await itl(['verify', 'a-ccm.tlv']))).toMatch(/^VALID: .* with record 2 /);
    expect((await itl(['resign', 'a-ccm.tlv', '-o', 'keep.tlv', ...A_SIGNER, '--keep-timestamp'])).code).toBe(0);
    expect(decodeTrustList(w.read('keep.tlv')).header).toMatchObject({ timestamp: 9, digest: 'sha512' });
    expect((await itl(['resign', 'a.tlv', '-o', 'env.tlv', ...A_SIGNER], { env: { SOURCE_DATE_EPOCH: '1234' } })).code).toBe(0);
    expect(decodeTrustList(w.read('env.tlv')).header.timestamp).toBe(1234);
  });

  it('usage and input errors: exit 2', async () => {
    expectError(await itl(['resign', 'a.tlv', ...A_SIGNER]), 'ERR_USAGE');
    expectError(await itl(['resign', '-o', 'x.tlv', ...A_SIGNER]), 'ERR_USAGE');
    expectError(await itl(['resign', 'a.tlv', '-o', 'x.tlv', ...A_SIGNER, '--timestamp', '1', '--keep-timestamp']), 'ERR_USAGE');
    expectError(await itl(['resign', '-', '-o', 'x.tlv', ...A_SIGNER], { stdin: new Uint8Array([1, 0, 2]) }), 'ERR_TRUNCATED');
    expectError(await itl(['resign', 'a.tlv', '-o', 'x.tlv', '--signer', key('ec256-a.combined.pem')]), 'ERR_SIGNER');
  });
});

describe('itl sign-file', () => {
  beforeAll(() => {
    w.write('SEP001122334455.cnf.xml', '<device/>\n');
  });
  const B_TFTP = ['--signer', key('rsa1024-b.cert.pem'), '--signer-key', key('rsa1024-b.key.pem')];

  it('defaults: OUT = IN.sgn, FILENAME = its basename; verifies with the TFTP certificate', async () => {
    const r = await itl(['sign-file', 'SEP001122334455.cnf.xml', ...B_TFTP, '--timestamp', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote SEP001122334455\.cnf\.xml\.sgn \(\d+ bytes\): signed file SEP001122334455\.cnf\.xml\.sgn, 10 bytes payload, SHA-1, signed by CN=cucm-test-b-pub;/);
    const f = decodeSignedFile(w.read('SEP001122334455.cnf.xml.sgn'));
    expect(f.header).toMatchObject({ filename: 'SEP001122334455.cnf.xml.sgn', timestamp: 5, version: { major: 1, minor: 0 } });
    expect(new TextDecoder().decode(f.payload)).toBe('<device/>\n');
    expect((await itl(['verify', 'SEP001122334455.cnf.xml.sgn', '--cert', key('rsa1024-b.cert.pem')])).code).toBe(0);
    expect((await itl(['sign-file', 'SEP001122334455.cnf.xml', ...B_TFTP, '--timestamp', '5', '-o', 'again.sgn', '--filename', 'SEP001122334455.cnf.xml.sgn'])).code).toBe(0);
    expect(w.read('again.sgn')).toEqual(w.read('SEP001122334455.cnf.xml.sgn'));
  });

  it('FILENAME from -o, or --filename with a path; --digest; -o - and stdin', async () => {
    expect((await itl(['sign-file', 'SEP001122334455.cnf.xml', '-o', 'out/../named.xml.sgn', ...B_TFTP, '--digest', 'sha512'])).code).toBe(0);
    expect(decodeSignedFile(w.read('named.xml.sgn')).header).toMatchObject({ filename: 'named.xml.sgn', digest: 'sha512' });
    expect((await itl(['sign-file', 'SEP001122334455.cnf.xml', '-o', 'tones.sgn', '--filename', 'New_Zealand/g3-tones.xml.sgn', ...B_TFTP])).code).toBe(0);
    expect(decodeSignedFile(w.read('tones.sgn')).header.filename).toBe('New_Zealand/g3-tones.xml.sgn');
    const toStdout = await itl(['sign-file', 'SEP001122334455.cnf.xml', '-o', '-', ...B_TFTP, '--timestamp', '5']);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdoutBytes).toEqual(w.read('SEP001122334455.cnf.xml.sgn'));
    const fromStdin = await itl(['sign-file', '-', '-o', '-', '--filename', 'x.sgn', ...B_TFTP], { stdin: 'payload' });
    expect(fromStdin.code).toBe(0);
    expect(new TextDecoder().decode(decodeSignedFile(fromStdin.stdoutBytes).payload)).toBe('payload');
  });

  it('usage and input errors: exit 2', async () => {
    expectError(await itl(['sign-file', ...B_TFTP]), 'ERR_USAGE');
    expectError(await itl(['sign-file', '-', ...B_TFTP], { stdin: 'x' }), 'ERR_USAGE');
    expectError(await itl(['sign-file', '-', '-o', '-', ...B_TFTP], { stdin: 'x' }), 'ERR_USAGE');
    expectError(await itl(['sign-file', 'SEP001122334455.cnf.xml', '--filename', '', ...B_TFTP]), 'ERR_USAGE');
    expectError(await itl(['sign-file', 'missing.xml', ...B_TFTP]), 'ERR_IO');
    expectError(await itl(['sign-file', 'SEP001122334455.cnf.xml', '--signer', key('rsa1024-b.cert.pem')]), 'ERR_NO_KEY');
  });
});
