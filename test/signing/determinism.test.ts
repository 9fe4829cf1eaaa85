/** Same inputs, same bytes; another timestamp changes only TIMESTAMP and SIGNATURE, and stays valid. */
import { describe, expect, it } from '@jest/globals';
import { buildRollbackItl, buildTrustList, resignTrustList, signFile, verifySignedFile, verifyTrustList, type BuildOptions } from '../../src/index.js';
import { cert, findSignature, hex, signer, vector } from './helpers.js';

const T = 1767225600;

async function options(): Promise<BuildOptions> {
  const s = await signer('rsa2048-a');
  return {
    signer: s,
    records: [
      { certificate: s.certificate, role: 'SAST', dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { certificate: cert('rsa1024-a'), roles: ['SAST', 'TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { certificate: cert('ec384-a'), role: 'TVS', dnsName: 'test-a-sub1', ipAddress: '192.0.2.11' },
    ],
    digest: 'sha256',
    timestamp: T,
  };
}

/** Offsets where two equal-length files differ. */
function diff(a: Uint8Array, b: Uint8Array): number[] {
  expect(b.length).toBe(a.length);
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}

/** Offset of the TIMESTAMP value (tag 15, 4 bytes), by a walk of the top-level header elements. */
function timestampValueOffset(b: Uint8Array): number {
  const headerLength = (b[8]! << 8) | b[9]!;
  for (let p = 0; p < headerLength; ) {
    if (b[p] === 13) {
      p++;
      continue;
    }
    if (b[p] === 15) return p + 3;
    p += b[p] === 3 || b[p] === 7 || b[p] === 9 ? 3 : 3 + ((b[p + 1]! << 8) | b[p + 2]!);
  }
  throw new Error('no TIMESTAMP');
}

describe('determinism', () => {
  it('buildTrustList: the same inputs twice give the same bytes; a Date and its Unix seconds are the same input', async () => {
    const o = await options();
    const a = await buildTrustList(o);
    const b = await buildTrustList(await options());
    expect(hex(b)).toBe(hex(a));
    expect(hex(await buildTrustList({ ...o, timestamp: new Date(T * 1000 + 999) }))).toBe(hex(a));
  });

  it('another timestamp: only the TIMESTAMP and SIGNATURE bytes change, and the file is still valid', async () => {
    const o = await options();
    const a = await buildTrustList(o);
    const b = await buildTrustList({ ...o, timestamp: T + 86400 });
    const sig = findSignature(a);
    const ts = timestampValueOffset(a);
    const changed = diff(a, b);
    expect(changed.length).toBeGreaterThan(100); // a new signature
    expect(changed.filter((i) => !(i >= sig.offset + 3 && i < sig.offset + 3 + sig.length) && !(i >= ts && i < ts + 4))).toEqual([]);
    expect(await verifyTrustList(b)).toMatchObject({ valid: true, digest: 'sha256' });
  });

  it('signFile, resignTrustList and buildRollbackItl are deterministic too', async () => {
    const demo = vector('signed/itl-rsa2048-sha1.tlv');
    const payload = new TextEncoder().encode('<device/>\n');
    const make = async (ts: number) => [
      await signFile(payload, await signer('rsa1024-a'), { filename: 'SEP001122334455.cnf.xml.sgn', timestamp: ts }),
      await resignTrustList(demo, await signer('rsa1024-a'), { timestamp: ts }),
      await buildRollbackItl({ from: demo, signer: await signer('rsa2048-a'), timestamp: ts }),
    ];
    const [a, b, c] = [await make(T), await make(T), await make(T + 1)];
    expect(b.map(hex)).toEqual(a.map(hex));
    for (let i = 0; i < 3; i++) expect(hex(c[i]!)).not.toBe(hex(a[i]!));
    expect(await verifySignedFile(c[0]!, { certificate: cert('rsa1024-a') })).toMatchObject({ valid: true });
    expect(await verifyTrustList(c[1]!)).toMatchObject({ valid: true });
    expect(await verifyTrustList(c[2]!)).toMatchObject({ valid: true });
  });

  it('re-signing a file with the key, digest and timestamp it was signed with changes no byte', async () => {
    for (const [name, stem] of [
      ['itl-rsa2048-sha1.tlv', 'rsa2048-a'],
      ['ctl-rsa1024-sha512-certutils.tlv', 'rsa1024-a'],
      ['itl-rsa2048-sha512-certutils-v1.1.tlv', 'rsa2048-a'],
    ] as const) {
      const bytes = vector(`signed/${name}`);
      // No timestamp and no digest option: resignTrustList keeps the header's.
      expect({ name, hex: hex(await resignTrustList(bytes, await signer(stem))) }).toEqual({ name, hex: hex(bytes) });
    }
  });
});
