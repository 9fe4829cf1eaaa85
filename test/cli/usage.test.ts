import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../../src/cli/main.js';
import { ROOT } from './fixtures.js';
import { runCli } from './run.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const oneErrorLine = (stderr: string, code: string) => {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr.startsWith(`${code}: `)).toBe(true);
};

describe('usage', () => {
  it('--help lists every command in the table', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[()+]/g, '\\$&')}$`, 'm'));
    expect((await runCli(['help'])).stdout).toBe(r.stdout);
    expect((await runCli(['-h'])).stdout).toBe(r.stdout);
  });

  it.each(COMMANDS.map((c) => c.name))('help %s and %s --help print the same usage', async (name) => {
    const a = await runCli(['help', name]);
    const b = await runCli([name, '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(new RegExp(`^Usage: itl ${name} `));
    expect(b.stdout).toBe(a.stdout);
  });

  it('--version prints the package version', async () => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await runCli(['-v'])).stdout).toBe(`${version}\n`);
  });

  const usageCases: [string, string[]][] = [
    ['no command', []],
    ['unknown command', ['frobnicate']],
    ['unknown global option', ['--frob']],
    ['help for an unknown command', ['help', 'frobnicate']],
    ['unknown option', ['inspect', '--frob']],
    ['too many arguments', ['inspect', 'a', 'b']],
    ['missing FILE', ['decode']],
    ['missing -o', ['encode', 'x.json']],
    ['-o without a value', ['encode', 'x.json', '-o']],
    ['a value for a flag', ['inspect', '--json=yes']],
  ];
  it.each(usageCases)('%s: exit 2 and one ERR_USAGE line', async (_, argv) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    oneErrorLine(r.stderr, 'ERR_USAGE');
  });

  it('a missing file is ERR_IO (exit 2), naming the file', async () => {
    const r = await runCli(['inspect', 'no/such/file.tlv']);
    expect(r.code).toBe(2);
    oneErrorLine(r.stderr, 'ERR_IO');
    expect(r.stderr).toContain('no/such/file.tlv');
    const d = await runCli(['encode', 'missing.json', '-o', '-']);
    oneErrorLine(d.stderr, 'ERR_IO');
  });

  it('an unwritable output is ERR_IO', async () => {
    const r = await runCli(['encode', '-', '-o', '/no/such/dir/out.tlv'], { stdin: '{"format":"itl-codec/trust-list@1","kind":"ITL","header":[{"tag":1,"name":"VERSION","value":"1.2"}],"records":[]}' });
    expect(r.code).toBe(2);
    oneErrorLine(r.stderr, 'ERR_IO');
  });
});
