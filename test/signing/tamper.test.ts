/**
 * Tamper: change any one byte of a signed file and it must be rejected: verifyTrustList (or
 * verifySignedFile) returns valid=false, or decoding throws an ItlError. Exhaustive over every
 * byte position with two masks (0x01, 0x80) for the smallest signed ITL of each digest (RSA 1024,
 * one record, ~1.5 KB) and the .sgn files. More masks and bigger files: tamper.slow.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { decodeTrustList } from '../../src/index.js';
import { rootFile, vector } from './helpers.js';
import { strided, sweep } from './tamper.js';

describe('one changed byte is always rejected', () => {
  it.each(['sha1', 'sha256', 'sha512'])('itl-rsa1024-%s-min.tlv: every position, masks 0x01 and 0x80', async (digest) => {
    const bytes = vector(`signed/itl-rsa1024-${digest}-min.tlv`);
    const r = await sweep(bytes, bytes.keys(), [0x01, 0x80]);
    expect(r.tried).toBe(bytes.length * 2);
    expect({ accepted: r.accepted, foreign: r.foreign }).toEqual({ accepted: [], foreign: [] });
    // Most changes reach the RSA check; structural ones are caught earlier.
    expect(r.rejectedBy.SIGNATURE_MISMATCH).toBeGreaterThan(bytes.length);
  }, 30_000);

  it.each(['SEP001122334455.cnf.xml.sgn', 'New_Zealand-g3-tones.xml.sgn'])('%s: every position, masks 0x01 and 0x80 (verified with the signer certificate)', async (name) => {
    const bytes = vector(`signed/${name}`);
    const r = await sweep(bytes, bytes.keys(), [0x01, 0x80], 'sgn', { certificate: rootFile('vectors/keys/rsa1024-a.cert.der') });
    expect({ accepted: r.accepted, foreign: r.foreign }).toEqual({ accepted: [], foreign: [] });
  }, 30_000);

  it('itl-rsa2048-sha1.tlv (the 9.8 KB demo): every header byte and every 7th byte, mask 0x01', async () => {
    const bytes = vector('signed/itl-rsa2048-sha1.tlv');
    const positions = strided(bytes.length, decodeTrustList(bytes).header.headerLength!, 7);
    const r = await sweep(bytes, positions, [0x01]);
    expect({ accepted: r.accepted, foreign: r.foreign }).toEqual({ accepted: [], foreign: [] });
  }, 30_000);
});
