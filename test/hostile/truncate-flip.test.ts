/**
 * Every signed vector cut at every offset, and every bit of a small signed ITL of each digest
 * flipped: 100% rejected (an ItlError or valid=false; never valid, never another exception).
 * More bits of bigger files: truncate-flip.slow.test.ts (ITL_SLOW=1).
 */
import { describe, expect, it } from '@jest/globals';
import { decodeTrustList } from '../../src/index.js';
import { genuineFiles, readRoot, readVector } from './lib/corpus.js';
import { flipEveryBit, newTally, truncateEverywhere } from './lib/reject.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { VECTORS } from './lib/corpus.js';

const RSA1024 = readRoot('vectors/keys/rsa1024-a.cert.der');

/** Every signed file: vectors/signed (valid and invalid ones) and the hostile bases. */
function signedVectors(): { name: string; bytes: Uint8Array; format: 'tlv' | 'sgn'; certificate?: Uint8Array }[] {
  const genuine = new Map(genuineFiles().map((g) => [g.name, g]));
  const names = [
    ...readdirSync(join(VECTORS, 'signed')).filter((f) => /\.(tlv|sgn)$/.test(f)).map((f) => `signed/${f}`),
    ...readdirSync(join(VECTORS, 'hostile')).filter((f) => /\.(tlv|sgn)$/.test(f)).map((f) => `hostile/${f}`),
  ];
  return names.map((name) => {
    const format = name.endsWith('.sgn') ? ('sgn' as const) : ('tlv' as const);
    // Every .sgn here is signed by rsa1024-a: verifying with its certificate reaches RSA.
    return { name, bytes: readVector(name), format, ...(format === 'sgn' && { certificate: genuine.get(name)?.certificate ?? RSA1024 }) };
  });
}

describe('truncation at every offset is always rejected', () => {
  const files = signedVectors();
  it(`${files.length} signed files, every prefix (${files.reduce((n, f) => n + f.bytes.length, 0)} cases)`, async () => {
    expect(files.length).toBeGreaterThanOrEqual(26);
    const t = newTally();
    for (const f of files) await truncateEverywhere(f.bytes, f.format, f.certificate, t, f.name);
    expect({ accepted: t.accepted, foreign: t.foreign }).toEqual({ accepted: [], foreign: [] });
    expect(t.tried).toBe(files.reduce((n, f) => n + f.bytes.length, 0));
    // Cuts at record boundaries decode and reach RSA; .sgn cuts past the header do too.
    expect(t.by.SIGNATURE_MISMATCH).toBeGreaterThan(100);
    expect(t.by.ERR_EMPTY).toBe(files.length);
  }, 60_000);
});

describe('flipping any bit of a signed ITL is always rejected', () => {
  it.each(['sha1', 'sha256', 'sha512'])('small-rsa1024-%s.tlv (RSA 1024, two records): every bit', async (digest) => {
    const bytes = readVector(`hostile/small-rsa1024-${digest}.tlv`);
    expect(decodeTrustList(bytes).header.digest).toBe(digest);
    expect(decodeTrustList(bytes).records).toHaveLength(2);
    const t = newTally();
    await flipEveryBit(bytes, 'tlv', undefined, t, digest);
    expect(t.tried).toBe(bytes.length * 8);
    expect({ accepted: t.accepted, foreign: t.foreign }).toEqual({ accepted: [], foreign: [] });
    expect(t.by.SIGNATURE_MISMATCH).toBeGreaterThan(bytes.length * 4);
  }, 60_000);
});

describe('flipping any bit of a signed configuration file is always rejected', () => {
  it('base-cnf.xml.sgn (RSA 1024, SHA-1), verified with the signer certificate: every bit', async () => {
    const bytes = readVector('hostile/base-cnf.xml.sgn');
    const t = newTally();
    await flipEveryBit(bytes, 'sgn', RSA1024, t, 'sgn');
    expect(t.tried).toBe(bytes.length * 8);
    expect({ accepted: t.accepted, foreign: t.foreign }).toEqual({ accepted: [], foreign: [] });
  }, 60_000);
});
