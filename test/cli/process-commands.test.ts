/**
 * The signing and checking commands as real processes (`node bin/itl.js`, the build in dist/):
 * exit codes as scripts see them, reproducible bytes across processes, and a start-up path for
 * inspect that does not load pkijs.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ROOT } from './fixtures.js';
import { clusterAArgs, clusterBArgs, key, T_ROLLBACK } from './workdir.js';

const BIN = join(ROOT, 'bin', 'itl.js');
const BUILT = join(ROOT, 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'itl-proc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function itl(args: string[], env: Record<string, string> = {}) {
  if (!existsSync(BUILT)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, maxBuffer: 16 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stdoutBytes: r.stdout, stderr: r.stderr.toString('utf8') };
}
const read = (name: string) => readFileSync(join(dir, name));

describe('node bin/itl.js: build, verify, trust, rollback, diff, lint, sign-file', () => {
  it('build in two processes with the same --timestamp gives the same bytes, which verify', () => {
    expect(itl(clusterAArgs('a.tlv'))).toMatchObject({ code: 0, stderr: '' });
    expect(itl(clusterAArgs('a2.tlv'))).toMatchObject({ code: 0, stderr: '' });
    expect(Buffer.compare(read('a.tlv'), read('a2.tlv'))).toBe(0);
    const v = itl(['verify', 'a.tlv']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^VALID: /);
    // SOURCE_DATE_EPOCH in a real environment.
    expect(itl(clusterAArgs('a3.tlv').slice(0, -2), { SOURCE_DATE_EPOCH: '1704067200' }).code).toBe(0);
    expect(Buffer.compare(read('a.tlv'), read('a3.tlv'))).toBe(0);
  });

  it('verify exits 1 on a tampered file with the reason first, 2 on a malformed one', () => {
    const bytes = Buffer.from(read('a.tlv'));
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(join(dir, 'bad.tlv'), bytes);
    const r = itl(['verify', 'bad.tlv']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^INVALID SIGNATURE_MISMATCH: /);
    writeFileSync(join(dir, 'junk.tlv'), 'junk');
    const m = itl(['verify', 'junk.tlv']);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^ERR_[A-Z_]+: [^\n]*\n$/);
  });

  it('trust exits 3 (needs TVS), then 0 for the rollback and for B after it; diff 1; lint 0', () => {
    expect(itl(clusterBArgs('b.tlv')).code).toBe(0);
    expect(itl(['trust', '--installed', 'a.tlv', 'b.tlv']).code).toBe(3);
    expect(itl(['rollback', '--from', 'a.tlv', '--signer', key('rsa2048-a.combined.pem'), '-o', 'rb.tlv', '--timestamp', String(T_ROLLBACK)]).code).toBe(0);
    expect(itl(['trust', '--installed', 'a.tlv', 'rb.tlv']).stdout).toMatch(/^ACCEPTED signed-by-installed\n/);
    expect(itl(['trust', '--installed', 'rb.tlv', 'b.tlv']).code).toBe(0);
    expect(itl(['trust', '--installed', 'b.tlv', 'a.tlv']).code).toBe(1);
    expect(itl(['diff', 'a.tlv', 'rb.tlv']).code).toBe(1);
    expect(itl(['diff', 'a.tlv', 'a2.tlv']).code).toBe(0);
    expect(itl(['lint', 'rb.tlv']).code).toBe(0);
  });

  it('sign-file and a PKCS#12 signer with --password-env; build -o - writes binary stdout', () => {
    writeFileSync(join(dir, 'SEP001122334455.cnf.xml'), '<device/>\n');
    const s = itl(['sign-file', 'SEP001122334455.cnf.xml', '--signer', key('rsa1024-b.cert.pem'), '--signer-key', key('rsa1024-b.key.pem')]);
    expect(s.code).toBe(0);
    expect(itl(['verify', 'SEP001122334455.cnf.xml.sgn', '--trust', 'b.tlv']).code).toBe(0);
    expect(itl(['verify', 'SEP001122334455.cnf.xml.sgn']).code).toBe(1);
    const p = itl(['build', '-o', '-', '--signer', key('rsa2048-a.p12'), '--password-env', 'PASS', '--timestamp', '1'], { PASS: 'test-password' });
    expect(p.code).toBe(0);
    expect(p.stdoutBytes[0]).toBe(1);
    expect(itl(['build', '-o', '-', '--signer', key('rsa2048-a.p12'), '--password-env', 'PASS']).code).toBe(2);
  });

  it('help lists every command', () => {
    const h = itl(['--help']);
    for (const name of ['inspect', 'decode', 'encode', 'verify', 'trust', 'diff', 'lint', 'build', 'rollback', 'resign', 'sign-file']) {
      expect(h.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
  });
});

describe('start-up cost', () => {
  /** Modules dist/cli/main.js loads with static imports, following relative ones. */
  function staticImports(file: string, seen = new Set<string>()): Set<string> {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]/gm)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) {
        const path = resolve(dirname(file), spec);
        if (!seen.has(path)) {
          seen.add(path);
          staticImports(path, seen);
        }
      } else seen.add(spec);
    }
    return seen;
  }

  it('the CLI entry does not import pkijs, asn1js or itl-codec/x509 statically (inspect starts without them)', () => {
    if (!existsSync(BUILT)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
    const loaded = [...staticImports(BUILT)];
    expect(loaded.filter((m) => /pkijs|asn1js|[\\/]x509[\\/]/.test(m))).toEqual([]);
    // The x509 code is still reachable, by a dynamic import.
    expect(readFileSync(BUILT, 'utf8')).toMatch(/import\(["']\.\.\/x509\/index\.js["']\)/);
  });
});
