/**
 * Signed files (.sgn, format.md §8): the trust-list header, then the payload. Decode, encode, sign
 * and verify; `.enc.sgn` headers (version 2.0, tags 16-27) built by hand and signed with node:crypto,
 * independently of the library, then decoded, re-encoded and verified by it.
 */
import { describe, it, expect } from '@jest/globals';
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  decodeSignedFile,
  decodeTrustList,
  encodeSignedFile,
  evaluateTrust,
  signFile,
  verifySignedFile,
  CONFIG_SIGNER_ROLES,
} from '../../src/index.js';
import {
  cert,
  CONFIG_NAME,
  CONFIG_XML,
  cstr,
  flatTlvs,
  headerTlvs,
  headerValue,
  hex,
  itlA,
  keyFile,
  signer,
  T_B,
  type Stem,
} from './fixtures.js';

const memo = new Map<string, Promise<Uint8Array>>();
const signed = (stem: Stem, payload = CONFIG_XML, filename = CONFIG_NAME) => {
  const key = `${stem}:${filename}:${hex(payload)}`;
  let p = memo.get(key);
  if (!p) memo.set(key, (p = (async () => signFile(payload, await signer(stem), { filename, timestamp: T_B }))()));
  return p;
};

/** Independent check with node:crypto (OpenSSL): RSASSA-PKCS1-v1_5 over the file minus the SIGNATURE TLV. */
function opensslVerifies(bytes: Uint8Array, stem: Stem, digest = 'sha1'): boolean {
  const sig = flatTlvs(headerTlvs(bytes).elements).find((e) => e.tag === 12)!;
  const message = Buffer.concat([bytes.subarray(0, sig.offset), bytes.subarray(sig.offset + sig.raw.length)]);
  return nodeVerify(digest, message, createPublicKey(Buffer.from(keyFile(`${stem}.cert.pem`))), sig.value);
}

describe('.sgn: sign, decode, encode, verify', () => {
  it('is the header (version 1.0, CUCM order, FILENAME, TIMESTAMP, aligned to 4), then the payload unchanged', async () => {
    const f = await signed('rsa1024-a');
    const { headerLength, elements } = headerTlvs(f);
    expect(headerLength % 4).toBe(0);
    expect(elements.map((e) => e.tag).filter((t) => t !== 13)).toEqual([1, 2, 3, 7, 12, 14, 15]);
    expect(elements[2]!.children!.map((e) => e.tag)).toEqual([4, 5, 6]);
    expect(hex(headerValue(f, 1))).toBe('0100');
    expect(hex(headerValue(f, 14))).toBe(hex(cstr(CONFIG_NAME)));
    expect(hex(headerValue(f, 15))).toBe(T_B.toString(16).padStart(8, '0'));
    expect(hex(headerValue(f, 5))).toBe('0123456789abcdef');
    expect(hex(f.subarray(headerLength))).toBe(hex(CONFIG_XML));
  });

  it('signs the whole file minus the SIGNATURE element, payload included (checked with OpenSSL)', async () => {
    const f = await signed('rsa1024-a');
    expect(opensslVerifies(f, 'rsa1024-a')).toBe(true);
    const other = f.slice();
    other[other.length - 2]! ^= 0x20;
    expect(opensslVerifies(other, 'rsa1024-a')).toBe(false);
  });

  it('is deterministic for a given timestamp', async () => {
    const again = await signFile(CONFIG_XML, await signer('rsa1024-a'), { filename: CONFIG_NAME, timestamp: T_B });
    expect(hex(again)).toBe(hex(await signed('rsa1024-a')));
  });

  it('decodes to header and payload, and encodes back to the same bytes', async () => {
    const f = await signed('rsa1024-a');
    const d = decodeSignedFile(f);
    expect(d.header.version).toEqual({ major: 1, minor: 0 });
    expect(d.header.filename).toBe(CONFIG_NAME);
    expect(d.header.timestamp).toBe(T_B);
    expect(d.header.digest).toBe('sha1');
    expect(d.header.signer?.name).toBe(cert('rsa1024-a').subject.cucm);
    expect(hex(d.payload)).toBe(hex(CONFIG_XML));
    expect(hex(encodeSignedFile(d))).toBe(hex(f));
  });

  it('keeps a path in FILENAME, and an empty payload', async () => {
    const f = await signed('rsa1024-a', new Uint8Array(0), 'New_Zealand/g3-tones.xml.sgn');
    const d = decodeSignedFile(f);
    expect(d.header.filename).toBe('New_Zealand/g3-tones.xml.sgn');
    expect(d.payload.length).toBe(0);
    expect(hex(encodeSignedFile(d))).toBe(hex(f));
    expect((await verifySignedFile(f, { certificate: cert('rsa1024-a') })).valid).toBe(true);
  });

  it("verifies with the phone's ITL by its CCM+TFTP record (config signer roles by default)", async () => {
    expect(CONFIG_SIGNER_ROLES).toEqual([3, 2]);
    const v = await verifySignedFile(await signed('rsa1024-a'), { trustList: decodeTrustList(await itlA()) });
    expect(v).toMatchObject({ valid: true, digest: 'sha1' });
    expect(v.signer).toMatchObject({ source: 'trust-list', role: 2, recordIndex: 2 });
  });

  it("does not verify with the ITL when the signer holds only the SAST role there; roles: [SAST] allows it", async () => {
    const f = await signed('rsa2048-a');
    const v = await verifySignedFile(f, { trustList: decodeTrustList(await itlA()) });
    expect(v).toMatchObject({ valid: false, reason: 'SIGNER_NOT_SAST' });
    expect(await verifySignedFile(f, { trustList: decodeTrustList(await itlA()), roles: [0] })).toMatchObject({ valid: true });
  });

  it('verifies with the signer certificate, and not with another one', async () => {
    const f = await signed('rsa1024-a');
    expect(await verifySignedFile(f, { certificate: cert('rsa1024-a') })).toMatchObject({ valid: true });
    expect(await verifySignedFile(f, { certificate: cert('rsa1024-b') })).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    expect((await verifySignedFile(f, { certificate: cert('rsa2048-a') })).valid).toBe(false);
  });

  it('does not verify once the payload or the header changed', async () => {
    const f = await signed('rsa1024-a');
    const payload = f.slice();
    payload[payload.length - 3]! ^= 0x01;
    expect(await verifySignedFile(payload, { certificate: cert('rsa1024-a') })).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
    const header = f.slice();
    const ts = flatTlvs(headerTlvs(f).elements).find((e) => e.tag === 15)!;
    header[ts.offset + 6]! ^= 0x01;
    expect(await verifySignedFile(header, { certificate: cert('rsa1024-a') })).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });

  it('signs with SHA-512 (digest code 3) too', async () => {
    const f = await signFile(CONFIG_XML, await signer('rsa1024-a'), { filename: 'SEP001122334455.cnf.xml.sha512.sgn', timestamp: T_B, digest: 'sha512' });
    expect(hex(headerValue(f, 8))).toBe('03');
    expect(opensslVerifies(f, 'rsa1024-a', 'sha512')).toBe(true);
    expect(await verifySignedFile(f, { certificate: cert('rsa1024-a') })).toMatchObject({ valid: true, digest: 'sha512' });
  });

  it('refuses an EC signing key', async () => {
    await expect(signFile(CONFIG_XML, await signer('ec256-b'), { filename: CONFIG_NAME, timestamp: T_B })).rejects.toMatchObject({ code: 'ERR_SIGNER' });
  });
});

// ---- .enc.sgn by hand (format.md §3.1 tags 16-27; certutils enccnf layout) ----

const u16 = (n: number) => [n >> 8, n & 0xff];
const tlv = (tag: number, value: ArrayLike<number>) => [tag, ...u16(value.length), ...Array.from(value)];
const box = (tag: number, ...children: number[][]) => {
  const inner = children.flat();
  return [tag, ...u16(inner.length), ...inner];
};
const seq = (n: number, start: number) => Array.from({ length: n }, (_, i) => (start + i * 7) & 0xff);

type EncLayout = 'certutils' | 'flat';

/**
 * An `.enc.sgn` built byte by byte and signed with node:crypto by rsa1024-a (the TFTP key).
 * `certutils`: 16{17{18,19,20}, 21{22,23,24,25}, 26, 27} as enccnf writes it.
 * `flat`: 16{18,19,20}, 21{22,23,24,25}, 26, 27 side by side.
 */
function encSgn(layout: EncLayout): { bytes: Uint8Array; encryption: Uint8Array; payload: Uint8Array } {
  const c = cert('rsa1024-a');
  const sigLen = 128;
  const iv = tlv(19, seq(16, 1));
  const ivInfo = [tlv(18, [0]), iv, tlv(20, u16(5))];
  const keyInfo = [tlv(22, [0]), tlv(23, u16(128)), tlv(24, [1]), tlv(25, seq(128, 3))];
  const tail = [tlv(26, [1]), tlv(27, seq(20, 9))];
  const encryption = layout === 'certutils' ? box(16, box(17, ...ivInfo), box(21, ...keyInfo), ...tail) : [...box(16, ...ivInfo), ...box(21, ...keyInfo), ...tail.flat()];
  const before = [
    ...tlv(1, [2, 0]),
    ...tlv(2, [0, 0]),
    ...box(3, tlv(4, cstr(c.subject.cucm)), tlv(5, c.serialNumber), tlv(6, cstr(c.issuer.cucm))),
    ...box(7, tlv(8, [1]), box(9, tlv(10, [0]), tlv(11, [1]))),
  ];
  const after = [...tlv(14, cstr('SEP001122334455.cnf.xml.enc.sgn')), ...tlv(15, [0x66, 0x00, 0x00, 0x01]), ...encryption];
  while ((before.length + after.length + 3 + sigLen) % 4) after.push(13);
  const headerLength = before.length + after.length + 3 + sigLen;
  before[8] = headerLength >> 8;
  before[9] = headerLength & 0xff;
  const payload = Uint8Array.from(seq(96, 42)); // "encrypted" config, 6 AES blocks
  const message = Buffer.from([...before, ...after, ...payload]);
  const signature = nodeSign('sha1', message, createPrivateKey(Buffer.from(keyFile('rsa1024-a.key.pem'))));
  expect(signature.length).toBe(sigLen);
  const bytes = Uint8Array.from([...before, ...tlv(12, signature), ...after, ...payload]);
  return { bytes, encryption: Uint8Array.from(encryption), payload };
}

describe.each(['certutils', 'flat'] as EncLayout[])('.enc.sgn header (%s layout of tags 16-27)', (layout) => {
  it('decodes without error: version 2.0, the usual fields, the encrypted payload', () => {
    const { bytes, payload } = encSgn(layout);
    const d = decodeSignedFile(bytes);
    expect(d.header.version).toEqual({ major: 2, minor: 0 });
    expect(d.header.filename).toBe('SEP001122334455.cnf.xml.enc.sgn');
    expect(d.header.digest).toBe('sha1');
    expect(d.header.signer?.serialNumber && hex(d.header.signer.serialNumber)).toBe('0123456789abcdef');
    expect(hex(d.payload)).toBe(hex(payload));
  });

  it('keeps tags 16-27: encoding the decoded file gives the same bytes', () => {
    const { bytes } = encSgn(layout);
    const d = decodeSignedFile(bytes);
    const tags = new Set<number>();
    const walk = (els: { tag: number; value?: Uint8Array; children?: unknown[] }[]) => {
      for (const e of els) {
        tags.add(e.tag);
        if (e.children) walk(e.children as never);
      }
    };
    walk(d.header.elements);
    expect(tags.has(16)).toBe(true);
    if (layout === 'flat') for (const t of [21, 26, 27]) expect(tags.has(t)).toBe(true);
    expect(hex(encodeSignedFile(d))).toBe(hex(bytes));
  });

  it('keeps the bytes of the encryption elements exactly where they were', () => {
    const { bytes, encryption } = encSgn(layout);
    const d = decodeSignedFile(bytes);
    const again = encodeSignedFile(d);
    const at = hex(again)!.indexOf(hex(encryption)!);
    expect(at).toBeGreaterThan(0);
    expect(at % 2).toBe(0);
  });

  it("verifies (signed by OpenSSL) with the TFTP key, and a phone holding A's ITL accepts it as a config", async () => {
    const { bytes } = encSgn(layout);
    expect(await verifySignedFile(bytes, { certificate: cert('rsa1024-a') })).toMatchObject({ valid: true });
    expect(await verifySignedFile(bytes, { trustList: decodeTrustList(await itlA()) })).toMatchObject({ valid: true });
    const d = await evaluateTrust({ installed: { itl: await itlA() }, candidate: bytes });
    expect(d).toMatchObject({ accepted: true, rule: 'signed-by-installed', candidateKind: 'config' });
  });

  it('does not verify once an encryption element changed (they are signed)', async () => {
    const { bytes, encryption } = encSgn(layout);
    const at = hex(bytes)!.indexOf(hex(encryption)!) / 2;
    const bad = bytes.slice();
    bad[at + encryption.length - 1]! ^= 0x01; // last byte of ENCRYPTION_HASH
    expect(decodeSignedFile(bad).header.version).toEqual({ major: 2, minor: 0 });
    expect(await verifySignedFile(bad, { certificate: cert('rsa1024-a') })).toMatchObject({ valid: false, reason: 'SIGNATURE_MISMATCH' });
  });
});
