/**
 * The signature-bypass suite and the fuzzer's regressions, driven by vectors/hostile/manifest.json:
 * every crafted file gives exactly the outcome written next to it (a decode error code or a verify
 * reason, decided from format.md in scripts/make-hostile-vectors.ts), and evaluateTrust never
 * accepts a bypass case while a trust list is installed, except through the documented first-use
 * and blank-ITL rules.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  buildRollbackItl,
  decodeSignedFile,
  decodeTrustList,
  encodeTrustList,
  evaluateTrust,
  fromJSON,
  isBlankItl,
  ItlError,
  verifySignedFile,
  verifyTrustList,
  type TrustList,
  type VerifyResult,
} from '../../src/index.js';
import { loadSigner } from '../../src/x509/index.js';
import { generate, type HostileEntry, type HostileManifest } from '../../scripts/make-hostile-vectors.js';
import { readRoot, VECTORS } from './lib/corpus.js';
import { within } from './lib/guard.js';
import { hex } from './lib/tlv.js';

const manifest = JSON.parse(readFileSync(join(VECTORS, 'hostile/manifest.json'), 'utf8')) as HostileManifest;
const read = (file: string): Uint8Array => new Uint8Array(readFileSync(join(VECTORS, 'hostile', file)));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** What the library does with a file: the decode error code, or the verify result. */
async function outcome(e: HostileEntry, bytes: Uint8Array): Promise<{ decodeError?: string; verify?: { valid: boolean; reason?: string } }> {
  try {
    let r: VerifyResult;
    if (e.format === 'tlv') {
      within(2000, `decodeTrustList(${e.file})`, () => decodeTrustList(bytes));
      r = await verifyTrustList(bytes);
    } else {
      within(2000, `decodeSignedFile(${e.file})`, () => decodeSignedFile(bytes));
      r = await verifySignedFile(bytes, e.verifyCertificate ? { certificate: readRoot(e.verifyCertificate) } : {});
    }
    return { verify: { valid: r.valid, ...(r.reason !== undefined && { reason: r.reason }) } };
  } catch (err) {
    expect(err).toBeInstanceOf(ItlError);
    return { decodeError: (err as ItlError).code };
  }
}

const binary = manifest.vectors.filter((v) => v.format !== 'json');
const bypasses = binary.filter((v) => v.bypass);

describe('vectors/hostile: files and manifest', () => {
  it('every file matches its manifest size and sha256, and the generator makes the same bytes again', async () => {
    for (const b of manifest.bases) expect([b.file, read(b.file).length, sha256(read(b.file))]).toEqual([b.file, b.size, b.sha256]);
    for (const v of manifest.vectors) expect([v.file, read(v.file).length, sha256(read(v.file))]).toEqual([v.file, v.size, v.sha256]);
    const again = await generate();
    expect(JSON.parse(JSON.stringify(again.manifest))).toEqual(manifest);
    for (const [name, bytes] of again.files) expect([name, hex(bytes)]).toEqual([name, hex(read(name))]);
  }, 30_000);

  it('covers every attack the issue lists, each with its reasoning', () => {
    const categories = new Set(manifest.vectors.map((v) => v.category));
    for (const c of [
      'two SIGNATURE elements',
      'a signature element outside the header',
      "the header's signer serial naming a non-SAST record",
      'a SAST record with the matching serial but another key',
      'the digest code changed after signing',
      'a modulus code that does not match the signature length',
      'HeaderLength moved so that bytes fall outside the signed range',
      'records appended after signing',
      'an element hidden in padding',
      'a RECORDLENGTH overlapping the next record',
      "a certificate whose public key differs from the record's PUBLICKEY",
      'a signer serial with and without a leading 00 byte',
    ]) {
      expect([c, categories.has(c)]).toEqual([c, true]);
    }
    for (const v of manifest.vectors) {
      expect(v.reasoning.length).toBeGreaterThan(40);
      expect(Object.keys(v.expect)).toHaveLength(1);
    }
  });

  it('the bases verify as they are (so each rejection below is the attack, not a broken base)', async () => {
    for (const b of manifest.bases) {
      const bytes = read(b.file);
      const r = b.format === 'tlv' ? await verifyTrustList(bytes) : await verifySignedFile(bytes, { certificate: readRoot(b.signer.replace(/\.pem$/, '.der')) });
      expect([b.file, r.valid, r.reason]).toEqual([b.file, true, undefined]);
    }
  });
});

describe('each crafted file gives exactly its expected outcome', () => {
  it.each(binary.map((v) => [v.file, v] as const))('%s', async (_name, v) => {
    expect(await outcome(v, read(v.file))).toEqual(v.expect);
  });
});

describe('the JSON regressions encode, and fast', () => {
  it.each(manifest.vectors.filter((v) => v.format === 'json').map((v) => [v.file, v] as const))('%s', (_name, v) => {
    const text = new TextDecoder().decode(read(v.file));
    let bytes: Uint8Array | undefined;
    let error: string | undefined;
    try {
      bytes = within(1000, `encodeTrustList(fromJSON(${v.file}))`, () => encodeTrustList(fromJSON(text)));
    } catch (e) {
      if (!(e instanceof ItlError)) throw e;
      error = e.code;
    }
    if (v.expect.json?.error) expect(error).toBe(v.expect.json.error);
    else {
      expect(error).toBeUndefined();
      if (v.expect.json?.hex) expect(hex(bytes!)).toBe(v.expect.json.hex);
      // Lengths are derived: HeaderLength is the header's size, and the bytes decode again.
      const list = decodeTrustList(bytes!, { lenient: true });
      expect(list.header.headerLength).toBe(((bytes![8]! << 8) | bytes![9]!) >>> 0);
      expect(hex(encodeTrustList(list))).toBe(hex(bytes!));
    }
  });
});

// ---- evaluateTrust ---------------------------------------------------------------------------------

const installedFor = (v: HostileEntry): TrustList => decodeTrustList(read(v.format === 'sgn' ? 'base-itl-rsa1024-sha1.tlv' : v.base!));

describe('evaluateTrust never accepts a bypass case while a trust list is installed', () => {
  it('controls: each base is accepted by a phone holding it (the rejections below are the attacks)', async () => {
    for (const [candidate, installed] of [
      ['base-itl-rsa1024-sha1.tlv', 'base-itl-rsa1024-sha1.tlv'],
      ['base-itl-rsa2048-sha1.tlv', 'base-itl-rsa2048-sha1.tlv'],
      ['base-cnf.xml.sgn', 'base-itl-rsa1024-sha1.tlv'],
    ] as const) {
      const d = await evaluateTrust({ installed: { itl: read(installed) }, candidate: read(candidate) });
      expect([candidate, d.accepted, d.rule]).toEqual([candidate, true, 'signed-by-installed']);
    }
  });

  it.each(bypasses.map((v) => [v.file, v] as const))('%s', async (_name, v) => {
    const bytes = read(v.file);
    const installed = installedFor(v);
    // A phone knows what it asked for: a .sgn is a configuration file whatever its FILENAME says.
    const kind = v.format === 'sgn' ? { kind: 'config' as const } : {};
    for (const [name, input] of [
      ['ITL', { installed: { itl: installed }, candidate: bytes, ...kind }],
      ['ITL, TFTP anchors too', { installed: { itl: installed }, candidate: bytes, rules: { itlAnchors: 'sast+tftp' as const }, ...kind }],
      ['CTL', { installed: { ctl: installed }, candidate: bytes, ...kind }],
      ['CTL and ITL', { installed: { ctl: installed, itl: installed }, candidate: bytes, ...kind }],
    ] as const) {
      let d: Awaited<ReturnType<typeof evaluateTrust>> | undefined;
      let error: unknown;
      try {
        d = await evaluateTrust(input);
      } catch (e) {
        error = e;
      }
      if (d) {
        expect([name, d.accepted === true ? `accepted by ${d.rule}` : 'not accepted']).toEqual([name, 'not accepted']);
        expect(d.remedies.length).toBeGreaterThan(0);
      } else {
        // Undecodable candidates are refused with the same ItlError strict decoding gives.
        expect(error).toBeInstanceOf(ItlError);
        expect([name, (error as ItlError).code]).toEqual([name, v.expect.decodeError]);
      }
    }
  });

  it('with a blank (rollback) ITL installed, a bypass case is accepted only by the documented blank-itl rule', async () => {
    const a1024 = await loadSigner(readRoot('vectors/keys/rsa1024-a.cert.pem'), readRoot('vectors/keys/rsa1024-a.key.pem'));
    const blank = await buildRollbackItl({ from: read('base-itl-rsa1024-sha1.tlv'), signer: a1024, timestamp: 1769904000 });
    expect(isBlankItl(decodeTrustList(blank))).toBe(true);
    const rules = new Set<string>();
    for (const v of bypasses.filter((x) => !x.expect.decodeError)) {
      const d = await evaluateTrust({ installed: { itl: blank }, candidate: read(v.file), ...(v.format === 'sgn' && { kind: 'config' as const }) });
      if (d.accepted === true) expect([v.file, d.rule]).toEqual([v.file, 'blank-itl']);
      rules.add(`${String(d.accepted)}:${d.rule}`);
    }
    expect(rules.has('true:blank-itl')).toBe(true);
  });

  it('with nothing installed, only the documented first-use rule accepts, and its self-check flags every decodable bypass of a trust list', async () => {
    for (const v of bypasses.filter((x) => !x.expect.decodeError)) {
      const d = await evaluateTrust({ candidate: read(v.file), ...(v.format === 'sgn' && { kind: 'config' as const }) });
      expect([v.file, d.accepted, d.rule]).toEqual([v.file, true, 'first-use']);
      if (v.format === 'tlv') expect([v.file, d.signature?.valid]).toEqual([v.file, false]);
    }
  });
});
