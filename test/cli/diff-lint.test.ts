/** itl diff (exit 0 same content, 1 different) and itl lint (exit 0 no errors, 1 errors), both 2 on malformed input. */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ROOT, inlineVector, withHeaderLength } from './fixtures.js';
import { clusterAArgs, clusterBArgs, expectError, firstLine, itlIn, key, T0, T_ROLLBACK, workDir } from './workdir.js';

const w = workDir();
const itl = (argv: string[], opts?: Parameters<typeof itlIn>[2]) => itlIn(w.dir, argv, opts);

beforeAll(async () => {
  for (const args of [
    clusterAArgs('a.tlv'),
    clusterAArgs('a-later.tlv', T0 + 60),
    clusterBArgs('b.tlv'),
    ['rollback', '--from', 'a.tlv', '--signer', key('rsa2048-a.combined.pem'), '-o', 'rollback.tlv', '--timestamp', String(T_ROLLBACK)],
    ['build', '--ctl', '-o', 'ITLFile.tlv', '--signer', key('rsa2048-a.combined.pem'), '--timestamp', '1'],
  ]) {
    expect((await itl(args)).code).toBe(0);
  }
});

describe('itl diff', () => {
  it('the same file: SAME, identical, exit 0', async () => {
    const r = await itl(['diff', 'a.tlv', 'a.tlv']);
    expect(r).toMatchObject({ code: 0, stdout: 'SAME: identical bytes\n', stderr: '' });
  });

  it('only the timestamp and signature differ: SAME content, exit 0, the changes listed as not content', async () => {
    const r = await itl(['diff', 'a.tlv', 'a-later.tlv']);
    expect(r.code).toBe(0);
    expect(firstLine(r)).toMatch(/^SAME content/);
    expect(r.stdout).toMatch(/^ {2}TIMESTAMP_CHANGED timestamp: 1704067200 -> 1704067260 {2}\(not content\)$/m);
    expect(r.stdout).toMatch(/^ {2}SIGNATURE_CHANGED .*\(not content\)$/m);
  });

  it('the rollback ITL against the installed one: DIFFERENT, exit 1, the emptied records named', async () => {
    const r = await itl(['diff', 'a.tlv', 'rollback.tlv']);
    expect(r.code).toBe(1);
    expect(firstLine(r)).toBe('DIFFERENT content');
    expect(r.stdout).toMatch(/^Records:$/m);
    expect(r.stdout).toMatch(/^ {2}RECORD_CHANGED record 3 \(CCM\+TFTP .*certificate changed$/m);
    const b = await itl(['diff', 'a.tlv', 'b.tlv']);
    expect(b.code).toBe(1);
    expect(b.stdout).toMatch(/^ {2}SIGNER_CHANGED /m);
    expect(b.stdout).toMatch(/^ {2}RECORD_REMOVED /m);
    expect(b.stdout).toMatch(/^ {2}RECORD_ADDED /m);
  });

  it('--json: the library diff', async () => {
    const r = await itl(['diff', 'a.tlv', 'rollback.tlv', '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ same: false, identical: false });
    expect(j.records.changed.map((c: { beforeIndex: number }) => c.beforeIndex)).toEqual([2, 4]);
    expect(JSON.parse((await itl(['diff', 'a.tlv', 'a.tlv', '--json'])).stdout)).toMatchObject({ same: true, identical: true });
  });

  it('malformed input and usage errors: exit 2', async () => {
    expectError(await itl(['diff', 'a.tlv', '-'], { stdin: withHeaderLength(inlineVector().bytes, 40000) }), 'ERR_HEADER_LENGTH');
    expectError(await itl(['diff', 'a.tlv']), 'ERR_USAGE');
    expectError(await itl(['diff', 'a.tlv', 'missing.tlv']), 'ERR_IO');
  });
});

describe('itl lint', () => {
  it('a good ITL: OK, exit 0 (warnings do not fail)', async () => {
    const r = await itl(['lint', 'a.tlv']);
    expect(r.code).toBe(0);
    expect(firstLine(r)).toBe('OK: 0 errors, 1 warning, 0 infos');
    expect(r.stdout).toMatch(/^ {2}WARNING RSA_KEY_OVER_2048: record 4 /m);
  });

  it('a rollback ITL: OK with the rollback rules', async () => {
    const r = await itl(['lint', 'rollback.tlv']);
    expect(r.code).toBe(0);
    expect(firstLine(r)).toMatch(/^OK: 0 errors, .* \(rollback rules applied\)$/);
    expect(r.stdout).toMatch(/^ {2}INFO ROLLBACK_LIST: /m);
  });

  it('error findings: FAILED, exit 1', async () => {
    const r = await itl(['lint', join(ROOT, 'vectors/signed/invalid-itl-signer-not-sast.tlv')]);
    expect(r.code).toBe(1);
    expect(firstLine(r)).toMatch(/^FAILED: 1 error/);
    expect(r.stdout).toMatch(/^ {2}ERROR SIGNER_NOT_SAST: /m);
  });

  it('the FILENAME check uses the file name, or --name', async () => {
    // A CTL saved as ITLFile.tlv: served under the ITL name, so an error.
    const r = await itl(['lint', 'ITLFile.tlv']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}ERROR FILENAME_MISMATCH: /m);
    expect((await itl(['lint', 'ITLFile.tlv', '--name', 'CTLFile.tlv'])).code).toBe(0);
    expect((await itl(['lint', '-'], { stdin: w.read('ITLFile.tlv') })).code).toBe(0);
    expect((await itl(['lint', 'a.tlv', '--name', 'CTLSEP001122334455.tlv'])).code).toBe(1);
  });

  it('--json: the library result', async () => {
    const r = await itl(['lint', 'rollback.tlv', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ file: 'rollback.tlv', ok: true, rollback: true, counts: { error: 0 } });
    expect(j.findings.map((f: { code: string }) => f.code)).toContain('ROLLBACK_LIST');
  });

  it('malformed input and usage errors: exit 2', async () => {
    expectError(await itl(['lint', '-'], { stdin: withHeaderLength(inlineVector().bytes, 40000) }), 'ERR_HEADER_LENGTH');
    expectError(await itl(['lint']), 'ERR_USAGE');
    expectError(await itl(['lint', 'a.tlv', '--name', '']), 'ERR_USAGE');
  });
});
