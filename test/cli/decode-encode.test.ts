import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allVectors, goodVectors, inlineVector, malformedVectors, readVector } from './fixtures.js';
import { runCli } from './run.js';

const inline = inlineVector();

/** decode FILE, then encode the JSON from stdin to stdout: the bytes must come back unchanged. */
async function roundTrip(bytes: Uint8Array): Promise<Uint8Array> {
  const d = await runCli(['decode', '-'], { stdin: bytes });
  expect({ code: d.code, stderr: d.stderr }).toEqual({ code: 0, stderr: '' });
  const e = await runCli(['encode', '-', '-o', '-'], { stdin: d.stdout });
  expect({ code: e.code, stderr: e.stderr }).toEqual({ code: 0, stderr: '' });
  return e.stdoutBytes;
}

describe('itl decode | itl encode', () => {
  it('gives the inline vector back byte for byte', async () => {
    expect(Buffer.from(await roundTrip(inline.bytes)).equals(Buffer.from(inline.bytes))).toBe(true);
  });

  const vectors = goodVectors();
  it('finds vectors to check (the vectors are committed)', () => expect(vectors.length).toBeGreaterThan(0));
  const each = it.each(vectors);
  each('gives %s back byte for byte', async (path) => {
    const bytes = readVector(path);
    const back = await roundTrip(bytes);
    expect(back.length).toBe(bytes.length);
    expect(Buffer.from(back).equals(Buffer.from(bytes))).toBe(true);
  });

  const lenient = malformedVectors().filter((m) => !m.lenientError && !m.lenientUnspecified);
  it('finds lenient to check (the vectors are committed)', () => expect(lenient.length).toBeGreaterThan(0));
  const lenientEach = it.each(lenient);
  lenientEach('decode --lenient | encode gives malformed $path back byte for byte', async ({ path }) => {
    const bytes = readVector(path);
    const d = await runCli(['decode', path, '--lenient']);
    expect(d.code).toBe(0);
    const e = await runCli(['encode', '-', '-o', '-'], { stdin: d.stdout });
    expect(e.code).toBe(0);
    expect(Buffer.from(e.stdoutBytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('covers every .tlv under vectors/: valid ones strictly, malformed ones leniently or as exit 2', () => {
    const covered = new Set([...goodVectors(), ...malformedVectors().map((m) => m.path)]);
    expect(allVectors().filter((p) => !covered.has(p))).toEqual([]);
  });

  it('decode prints the JSON form pretty-printed with 2 spaces and a final newline', async () => {
    const d = await runCli(['decode', '-'], { stdin: inline.bytes });
    const json = JSON.parse(d.stdout);
    expect(d.stdout).toBe(JSON.stringify(json, null, 2) + '\n');
    expect(json.format).toBe('itl-codec/trust-list@1');
    expect(json.kind).toBe('ITL');
    expect(json.records).toHaveLength(3);
    const compact = await runCli(['decode', '-', '--compact'], { stdin: inline.bytes });
    expect(compact.stdout).toBe(JSON.stringify(json) + '\n');
  });

  it('reads and writes files, and applies an edit made in the JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'itl-cli-'));
    try {
      writeFileSync(join(dir, 'in.tlv'), inline.bytes);
      const d = await runCli(['decode', 'in.tlv'], { cwd: dir });
      expect(d.code).toBe(0);
      const json = JSON.parse(d.stdout);
      const filename = json.header.find((e: { name: string }) => e.name === 'FILENAME');
      filename.value = 'ITLSEP001122334455.tlv';
      writeFileSync(join(dir, 'edited.json'), JSON.stringify(json));
      const e = await runCli(['encode', 'edited.json', '-o', 'out.tlv'], { cwd: dir });
      expect({ code: e.code, stdout: e.stdout, stderr: e.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
      const out = new Uint8Array(readFileSync(join(dir, 'out.tlv')));
      // 11 more bytes of FILENAME, then padding to a 4-byte boundary is whatever was stored: HeaderLength grows.
      expect(out.length).toBe(inline.bytes.length + 'ITLSEP001122334455.tlv'.length - 'ITLFile.tlv'.length);
      const i = await runCli(['inspect', 'out.tlv', '--json'], { cwd: dir });
      expect(JSON.parse(i.stdout).header.filename).toBe('ITLSEP001122334455.tlv');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('encode refuses malformed JSON with ERR_JSON and its path (exit 2)', async () => {
    const notJson = await runCli(['encode', '-', '-o', '-'], { stdin: '{nope' });
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^ERR_JSON: not JSON: [^\n]*\n$/);
    const d = await runCli(['decode', '-'], { stdin: inline.bytes });
    const json = JSON.parse(d.stdout);
    json.records[1].elements[1].tag = 'two';
    const bad = await runCli(['encode', '-', '-o', '-'], { stdin: JSON.stringify(json) });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^ERR_JSON: .*records\[1\]\[1\]/);
  });

  it('decode of malformed bytes: exit 2, one ERR_ line', async () => {
    const r = await runCli(['decode', '-'], { stdin: new Uint8Array([1, 0, 2, 1]) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERR_TRUNCATED: [^\n]*\n$/);
  });
});
