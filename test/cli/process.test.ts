/**
 * The real thing: `node bin/itl.js` as a child process, against the build in dist/ (`npm test`
 * builds first). Checks what in-process tests cannot: the shim, exit codes, binary stdout, pipes.
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { goodVectors, inlineVector, md5, readVector, ROOT, sha1 } from './fixtures.js';

const BIN = join(ROOT, 'bin', 'itl.js');
const BUILT = join(ROOT, 'dist', 'cli', 'main.js');

function itl(args: string[], input?: Uint8Array | string, env: Record<string, string> = {}) {
  if (!existsSync(BUILT)) throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
  const r = spawnSync(process.execPath, [BIN, ...args], {
    input: input ?? '',
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

const inline = inlineVector();

describe('bin/itl.js as a process', () => {
  it('is executable and starts with a node shebang', () => {
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('inspect - reads stdin and exits 0', () => {
    const r = itl(['inspect', '-'], inline.bytes);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const text = r.stdout.toString('utf8');
    expect(text).toContain(md5(inline.bytes));
    expect(text).toContain(sha1(inline.bytes));
    expect(text).not.toContain('\u001b[');
  });

  it('decode | encode - -o - round-trips through real pipes', () => {
    const inputs = [inline.bytes, ...goodVectors().slice(0, 5).map(readVector)];
    for (const bytes of inputs) {
      const d = itl(['decode', '-'], bytes);
      expect(d.code).toBe(0);
      const e = itl(['encode', '-', '-o', '-'], d.stdout);
      expect(e.code).toBe(0);
      expect(Buffer.compare(e.stdout, Buffer.from(bytes))).toBe(0);
    }
  });

  it('malformed input: exit 2 and one stderr line starting with the code', () => {
    const r = itl(['inspect', '-'], new Uint8Array([1, 0, 2, 1, 2, 2, 0, 2, 0x01, 0x90]));
    expect(r.code).toBe(2);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/^ERR_HEADER_LENGTH: HeaderLength 400 is past the end [^\n]*\(header\/headerLength, offset 5\)\n$/);
  });

  it('usage errors and --version', () => {
    const u = itl(['inspect', '--frob']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^ERR_USAGE: [^\n]*\n$/);
    const v = itl(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.toString()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('inspect with no FILE works from any cwd (resolves the bundled vector from the package root)', () => {
    const r = spawnSync(process.execPath, [BIN, 'inspect'], { cwd: '/', env: { PATH: process.env.PATH ?? '' } });
    const hasBundled = goodVectors().some((p) => p === 'vectors/signed/itl-rsa2048-sha1.tlv' || (p.startsWith('vectors/structural/') && p.includes('cucm')));
    expect(r.status).toBe(hasBundled ? 0 : 2);
    if (hasBundled) expect(r.stdout.toString()).toMatch(/^(ITL|CTL) trust list {2}vectors\//);
  });
});

