/**
 * Helpers for the CLI tests of the signing and checking commands: a temporary working directory
 * per test file, TEST ONLY key paths (vectors/keys, absolute), and the argument lists that build
 * the two clusters of the migration story (the same shapes as test/trust/fixtures.ts).
 */
import { afterAll } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './fixtures.js';
import { runCli, type CliResult } from './run.js';

export const KEYS = join(ROOT, 'vectors', 'keys');
/** Absolute path of a TEST ONLY key or certificate file. */
export const key = (name: string) => join(KEYS, name);

/** 2024-01-01T00:00:00Z and later fixed instants. */
export const T0 = 1704067200;
export const T_ROLLBACK = T0 + 86400;
export const T_B = T0 + 2 * 86400;

/** A fresh directory, removed after the test file. */
export function workDir(): { dir: string; path(name: string): string; read(name: string): Uint8Array; write(name: string, bytes: Uint8Array | string): string } {
  const dir = mkdtempSync(join(tmpdir(), 'itl-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    path: (name) => join(dir, name),
    read: (name) => new Uint8Array(readFileSync(join(dir, name))),
    write: (name, bytes) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    },
  };
}

/** Run `itl` in-process with `cwd` (relative paths resolve there). */
export function itlIn(cwd: string, argv: string[], opts: { env?: Record<string, string>; stdin?: Uint8Array | string } = {}): Promise<CliResult> {
  return runCli(argv, { cwd, ...opts });
}

/** Cluster A (CUCM 12+ shape), signed by its ITLRecovery key: SAST, SAST, CCM+TFTP, CAPF, TVS. */
export function clusterAArgs(out: string, timestamp = T0): string[] {
  return [
    'build', '-o', out, '--signer', key('rsa2048-a.combined.pem'),
    '--sast', key('rsa1024-a.cert.pem'),
    '--ccm-tftp', `${key('rsa1024-a.cert.pem')},dns=10.48.47.153,ip=10.48.47.153`,
    '--capf', key('rsa4096-a.cert.pem'),
    '--tvs', `${key('ec384-a.cert.pem')},dns=tvs-test-a,ip=10.48.47.154`,
    '--timestamp', String(timestamp),
  ];
}

/** Cluster B, signed by its ITLRecovery key (certificate and key in two files): SAST, SAST, TFTP. */
export function clusterBArgs(out: string, timestamp = T_B): string[] {
  return [
    'build', '-o', out, '--signer', key('rsa2048-b.cert.pem'), '--signer-key', key('rsa2048-b.key.pem'),
    '--sast', key('rsa1024-b.cert.pem'),
    '--tftp', `${key('rsa1024-b.cert.pem')},dns=cucm-test-b-pub,ip=10.50.0.10`,
    '--timestamp', String(timestamp),
  ];
}

/** The first line of stdout. */
export const firstLine = (r: CliResult) => r.stdout.split('\n')[0]!;

/** Exit 2 and one stderr line starting with `code`. */
export function expectError(r: CliResult, code: string, exitCode = 2): void {
  if (r.code !== exitCode || !r.stderr.startsWith(`${code}: `) || r.stderr.trimEnd().includes('\n')) {
    throw new Error(`expected exit ${exitCode} and one ${code} line, got exit ${r.code}, stderr ${JSON.stringify(r.stderr)}, stdout ${JSON.stringify(r.stdout.slice(0, 200))}`);
  }
}
