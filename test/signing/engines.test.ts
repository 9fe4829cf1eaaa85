/**
 * The `subtle` option is really pluggable: Node's WebCrypto and @peculiar/webcrypto sign the same
 * bytes (RSASSA-PKCS1-v1_5 is deterministic) and each verifies what the other made.
 */
import { describe, expect, it } from '@jest/globals';
import { buildRollbackItl, buildTrustList, resignTrustList, signFile, verifySignedFile, verifyTrustList, type DigestName } from '../../src/index.js';
import { makeSignedVectors } from '../../scripts/make-signed-vectors.js';
import { cert, hex, peculiarSubtle, signer, vector } from './helpers.js';

const T = 1767225600;

describe('Node WebCrypto and @peculiar/webcrypto', () => {
  it.each(['sha1', 'sha256', 'sha512'] as DigestName[])('buildTrustList (%s): same bytes, valid under both engines', async (digest) => {
    const node = globalThis.crypto.subtle;
    const peculiar = await peculiarSubtle();
    const s = await signer('rsa2048-a');
    const options = {
      signer: s,
      records: [
        { certificate: s.certificate, role: 'SAST' },
        { certificate: cert('rsa1024-a'), roles: ['SAST', 'TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      ],
      digest,
      timestamp: T,
    };
    const a = await buildTrustList({ ...options, subtle: node });
    const b = await buildTrustList({ ...options, subtle: peculiar });
    expect(hex(b)).toBe(hex(a));
    for (const subtle of [node, peculiar]) {
      expect(await verifyTrustList(a, { subtle })).toMatchObject({ valid: true, digest });
    }
  });

  it('signFile, resignTrustList and buildRollbackItl: same bytes with either engine', async () => {
    const peculiar = await peculiarSubtle();
    const demo = vector('signed/itl-rsa2048-sha1.tlv');
    const payload = new TextEncoder().encode('<device/>\n');
    const make = async (subtle: SubtleCrypto) => [
      await signFile(payload, await signer('rsa1024-a'), { filename: 'SEP001122334455.cnf.xml.sgn', digest: 'sha512', timestamp: T, subtle }),
      await resignTrustList(demo, await signer('rsa1024-a'), { timestamp: T, digest: 'sha256', subtle }),
      await buildRollbackItl({ from: demo, signer: await signer('rsa2048-a'), timestamp: T, subtle }),
    ];
    const a = await make(globalThis.crypto.subtle);
    const b = await make(peculiar);
    expect(b.map(hex)).toEqual(a.map(hex));
    expect(await verifySignedFile(a[0]!, { certificate: cert('rsa1024-a'), subtle: peculiar })).toMatchObject({ valid: true, digest: 'sha512' });
    expect(await verifyTrustList(a[1]!, { subtle: peculiar })).toMatchObject({ valid: true, digest: 'sha256' });
    expect(await verifyTrustList(a[2]!, { subtle: peculiar })).toMatchObject({ valid: true });
  });

  it('the whole signed vector set regenerates byte for byte under @peculiar/webcrypto', async () => {
    const peculiar = await peculiarSubtle();
    const generated = await makeSignedVectors({ subtle: peculiar });
    for (const [name, bytes] of generated.files) expect({ name, hex: hex(bytes) }).toEqual({ name, hex: hex(vector(`signed/${name}`)) });
  });

  it('every valid vector verifies under @peculiar/webcrypto, with the same result object as Node', async () => {
    const peculiar = await peculiarSubtle();
    for (const name of ['itl-rsa2048-sha1.tlv', 'itl-rsa1024-sha256-min.tlv', 'ctl-rsa1024-sha512-certutils.tlv', 'itl-rsa4096-sha256.tlv', 'invalid-itl-wrong-key.tlv']) {
      const bytes = vector(`signed/${name}`);
      expect(await verifyTrustList(bytes, { subtle: peculiar })).toEqual(await verifyTrustList(bytes));
    }
  });
});
