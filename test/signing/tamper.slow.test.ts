/**
 * Slow tamper sweeps (ITL_SLOW=1): every byte of bigger signed files, every single-bit mask and
 * 0xFF, and verification against an installed trust list instead of the file's own records.
 */
import { describe, expect, it } from '@jest/globals';
import { decodeTrustList, isItlError, verifyTrustList } from '../../src/index.js';
import { manifest, vector } from './helpers.js';
import { sweep } from './tamper.js';

const BIT_MASKS = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xff];

describe('one changed byte is always rejected (slow)', () => {
  it.each(['sha1', 'sha256', 'sha512'])('itl-rsa1024-%s-min.tlv: every position, every single-bit mask and 0xFF', async (digest) => {
    const bytes = vector(`signed/itl-rsa1024-${digest}-min.tlv`);
    const r = await sweep(bytes, bytes.keys(), BIT_MASKS);
    expect({ accepted: r.accepted, foreign: r.foreign }).toEqual({ accepted: [], foreign: [] });
  }, 300_000);

  it.each(manifest().vectors.filter((v) => v.signature.valid && v.kind !== 'SGN').map((v) => v.file))('%s: every position, masks 0x01 and 0x80', async (file) => {
    const bytes = vector(file);
    const r = await sweep(bytes, bytes.keys(), [0x01, 0x80]);
    expect({ accepted: r.accepted, foreign: r.foreign }).toEqual({ accepted: [], foreign: [] });
  }, 300_000);

  it('itl-resigned-rsa1024-sha1.tlv verified against the installed demo ITL: every position, mask 0x01', async () => {
    const bytes = vector('signed/itl-resigned-rsa1024-sha1.tlv');
    const installed = decodeTrustList(vector('signed/itl-rsa2048-sha1.tlv'));
    const accepted: number[] = [];
    const copy = bytes.slice();
    for (let i = 0; i < bytes.length; i++) {
      copy[i] = bytes[i]! ^ 0x01;
      try {
        if ((await verifyTrustList(copy, { trustList: installed })).valid) accepted.push(i);
      } catch (e) {
        if (!isItlError(e)) throw e;
      }
      copy[i] = bytes[i]!;
    }
    expect(accepted).toEqual([]);
  }, 300_000);
});
