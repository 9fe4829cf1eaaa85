// verifyTrustList does not copy its input: it reads everything it needs (signed range, signature,
// signer keys) before its first await. A caller who changes the buffer while a verification runs
// still gets the verdict on the bytes as they were at the call, both ways round.
import { describe, expect, it } from '@jest/globals';
import { decodeTrustList, verifyTrustList } from '../../src/index.js';
import { vector } from './helpers.js';

describe('verification judges the bytes as they were when it was called', () => {
  const genuine = vector('signed/itl-rsa2048-sha1.tlv');
  const last = genuine.length - 1; // inside the last record's certificate: signed bytes

  it('valid, although the caller corrupts the buffer right after the call', async () => {
    const bytes = genuine.slice();
    const pending = verifyTrustList(bytes);
    bytes.fill(0);
    const r = await pending;
    expect(r.valid).toBe(true);
    expect(r.signer?.serialNumber?.some((b) => b !== 0)).toBe(true); // not a view of the zeroed buffer
  });

  it('invalid, although the caller repairs the buffer right after the call', async () => {
    const bytes = genuine.slice();
    bytes[last]! ^= 0x01;
    const pending = verifyTrustList(bytes);
    bytes[last]! ^= 0x01;
    expect(await pending).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect((await verifyTrustList(bytes)).valid).toBe(true);
  });
});

describe('verifications in flight do not share buffers', () => {
  it('60 concurrent verifications of valid and tampered files give each its own verdict', async () => {
    const files = ['signed/itl-rsa2048-sha1.tlv', 'signed/ctl-rsa1024-sha1.tlv', 'signed/itl-rsa4096-sha256.tlv'].map(vector);
    const inputs = Array.from({ length: 60 }, (_, i) => {
      const bytes = files[i % files.length]!.slice();
      if (i % 4 === 1) {
        // A signed byte inside the last record's certificate: the file still decodes.
        const cert = decodeTrustList(bytes).records.at(-1)!.elements.find((e) => e.tag === 9)!;
        bytes[cert.offset! + 3 + 40 + (i % 50)]! ^= 0x40;
      }
      return bytes;
    });
    const sequential: boolean[] = [];
    for (const b of inputs) sequential.push((await verifyTrustList(b)).valid);
    const concurrent = (await Promise.all(inputs.map((b) => verifyTrustList(b)))).map((r) => r.valid);
    expect(concurrent).toEqual(sequential);
    expect(sequential.filter((v) => !v).length).toBe(15);
  });
});
