/**
 * Test inputs for the CLI: every `.tlv` under vectors/ (globbed at test time, so vectors added
 * later are covered), and a small ITL built here byte by byte, independent of the encoder, from
 * the TEST ONLY certificates in vectors/keys.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every `.tlv` file under vectors/, as paths relative to the package root, sorted. */
export function allVectors(): string[] {
  const dir = join(ROOT, 'vectors');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tlv'))
    .map((f) => relative(ROOT, join(dir, f)).split('\\').join('/'))
    .sort();
}

export interface ManifestError {
  code: string;
  offset?: number;
  path?: string;
}

interface ManifestEntry {
  file: string;
  valid: boolean;
  expect?: { error?: ManifestError; records?: unknown[]; [key: string]: unknown };
  lenient?: { error?: ManifestError; recordCount?: number; trailingLength?: number };
  /** From a manifest that does not say what lenient decoding does. */
  lenientUnspecified?: boolean;
}

/**
 * vectors/manifest.json entries by path relative to the package root (`vectors/...`), plus the
 * malformed files of other manifests under vectors/ (vectors/hostile/manifest.json: entries with
 * `expect.decodeError`, paths relative to that folder). Those say only what strict decoding
 * throws, so they are marked `lenientUnspecified` and the lenient checks skip them.
 */
export function manifest(): Map<string, ManifestEntry> {
  const dir = join(ROOT, 'vectors');
  const file = join(dir, 'manifest.json');
  const out = new Map<string, ManifestEntry>();
  if (existsSync(file)) {
    const m = JSON.parse(readFileSync(file, 'utf8')) as { vectors?: ManifestEntry[] };
    for (const v of m.vectors ?? []) out.set(`vectors/${v.file}`, v);
  }
  if (!existsSync(dir)) return out;
  const nested = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('manifest.json') && f !== 'manifest.json');
  for (const rel of nested) {
    const base = dirname(join(dir, rel));
    let m: { vectors?: { file?: unknown; expect?: { decodeError?: unknown } }[] };
    try {
      m = JSON.parse(readFileSync(join(dir, rel), 'utf8'));
    } catch {
      continue;
    }
    for (const v of Array.isArray(m.vectors) ? m.vectors : []) {
      const code = v.expect?.decodeError;
      if (typeof v.file !== 'string' || typeof code !== 'string') continue;
      const path = relative(ROOT, join(base, v.file)).split('\\').join('/');
      if (!out.has(path)) out.set(path, { file: relative(dir, join(base, v.file)), valid: false, expect: { error: { code } }, lenientUnspecified: true });
    }
  }
  return out;
}

/** Vectors that decode strictly: `valid` in the manifest; a file the manifest does not list counts as valid. */
export function goodVectors(): string[] {
  const m = manifest();
  return allVectors().filter((p) => m.get(p)?.valid !== false);
}

/**
 * Vectors the manifest marks invalid, with the error strict decoding must give and what lenient
 * decoding does (`lenientUnspecified`: the manifest does not say, so lenient checks skip it).
 */
export function malformedVectors(): { path: string; error: ManifestError; lenientError?: ManifestError; lenientUnspecified?: boolean }[] {
  const m = manifest();
  return allVectors().flatMap((path) => {
    const v = m.get(path);
    if (!v || v.valid || !v.expect?.error) return [];
    return [{ path, error: v.expect.error, ...(v.lenient?.error && { lenientError: v.lenient.error }), ...(v.lenientUnspecified && { lenientUnspecified: true }) }];
  });
}

export function structuralVectors(): string[] {
  return goodVectors().filter((p) => p.startsWith('vectors/structural/'));
}

export function readVector(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(ROOT, path)));
}

export const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
export const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');

// ---- a hand-built ITL ----

const u16 = (n: number) => [n >> 8, n & 0xff];
const cstr = (s: string) => [...new TextEncoder().encode(s), 0];
const tlv = (tag: number, value: ArrayLike<number>) => [tag, ...u16(value.length), ...Array.from(value)];

/** DER: the certificate's signatureValue (BIT STRING contents minus the unused-bits byte). */
function certSignature(der: Uint8Array): Uint8Array {
  const header = (at: number) => {
    let len = der[at + 1]!;
    let start = at + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let i = 0; i < n; i++) len = len * 256 + der[start + i]!;
      start += n;
    }
    return { start, end: start + len };
  };
  const outer = header(0);
  const tbs = header(outer.start);
  const alg = header(tbs.end);
  const bits = header(alg.end);
  return der.subarray(bits.start + 1, bits.end);
}

export interface CertBits {
  der: Uint8Array;
  subject: string;
  issuer: string;
  serial: Uint8Array;
  publicKey: Uint8Array;
  signature: Uint8Array;
}

export function loadCert(stem: string): CertBits {
  const der = new Uint8Array(readFileSync(join(ROOT, 'vectors/keys', `${stem}.cert.der`)));
  const x = new X509Certificate(der);
  const key = x.publicKey;
  let publicKey: Uint8Array;
  if (key.asymmetricKeyType === 'rsa') {
    publicKey = new Uint8Array(key.export({ type: 'pkcs1', format: 'der' }));
  } else {
    const jwk = key.export({ format: 'jwk' });
    publicKey = new Uint8Array([4, ...Buffer.from(jwk.x!, 'base64url'), ...Buffer.from(jwk.y!, 'base64url')]);
  }
  const serialHex = x.serialNumber.replace(/^(00)+(?=..)/, '');
  return {
    der,
    subject: x.subject.split('\n').join(';'),
    issuer: x.issuer.split('\n').join(';'),
    serial: new Uint8Array(Buffer.from(serialHex.length % 2 ? `0${serialHex}` : serialHex, 'hex')),
    publicKey,
    signature: certSignature(der),
  };
}

function record(fields: number[][]): number[] {
  const body = fields.flat();
  return [...tlv(1, u16(5 + body.length)), ...body];
}

export interface InlineVector {
  bytes: Uint8Array;
  certs: { sast: CertBits; tftp: CertBits; tvs: CertBits };
  timestamp: number;
}

/**
 * ITL, CUCM header order, SHA-1 / 1024-bit signature slot (random bytes: this file is structural,
 * its signature does not verify), 3 records: SAST (rsa1024-a, the signer), TFTP (rsa2048-a),
 * TVS (ec256-a, with CERTIFICATE_HASH/HASH_ALGORITHM and an unknown tag 99).
 */
export function inlineVector(): InlineVector {
  const sast = loadCert('rsa1024-a');
  const tftp = loadCert('rsa2048-a');
  const tvs = loadCert('ec256-a');
  const timestamp = 1_700_000_000;
  const signer = [...tlv(4, cstr(sast.subject)), ...tlv(5, sast.serial), ...tlv(6, cstr(sast.issuer))];
  const sigAlgo = [...tlv(10, [0]), ...tlv(11, [1])];
  const sigInfo = [...tlv(8, [1]), 9, ...u16(sigAlgo.length), ...sigAlgo];
  const signature = Array.from({ length: 128 }, (_, i) => (i * 37 + 11) & 0xff);
  const tail = [
    3, ...u16(signer.length), ...signer,
    7, ...u16(sigInfo.length), ...sigInfo,
    ...tlv(12, signature),
    ...tlv(14, cstr('ITLFile.tlv')),
    ...tlv(15, [timestamp >>> 24, (timestamp >>> 16) & 0xff, (timestamp >>> 8) & 0xff, timestamp & 0xff]),
  ];
  let headerLength = 10 + tail.length;
  const pad = (4 - (headerLength % 4)) % 4;
  headerLength += pad;
  const header = [...tlv(1, [1, 2]), ...tlv(2, u16(headerLength)), ...tail, ...Array(pad).fill(0x0d)];
  const full = (c: CertBits, dns: string, role: number, ip: number[]) =>
    record([
      tlv(2, cstr(dns)), tlv(3, cstr(c.subject)), tlv(4, u16(role)), tlv(5, cstr(c.issuer)), tlv(6, c.serial),
      tlv(7, c.publicKey), tlv(8, c.signature), tlv(9, c.der), tlv(10, ip),
    ]);
  const tvsRecord = record([
    tlv(2, cstr('tvs-1')), tlv(3, cstr(tvs.subject)), tlv(4, u16(21)), tlv(5, cstr(tvs.issuer)), tlv(6, tvs.serial),
    tlv(7, tvs.publicKey), tlv(8, tvs.signature),
    tlv(11, createHash('sha1').update(tvs.der).digest()), tlv(12, [1]), tlv(99, [0xde, 0xad]), tlv(10, [192, 0, 2, 7]),
  ]);
  const bytes = new Uint8Array([
    ...header,
    ...full(sast, 'cucm-a', 0, [192, 0, 2, 1]),
    ...full(tftp, 'cucm-a', 3, [192, 0, 2, 1]),
    ...tvsRecord,
  ]);
  return { bytes, certs: { sast, tftp, tvs }, timestamp };
}

/** The inline vector with HeaderLength set to `n` (for ERR_HEADER_LENGTH). */
export function withHeaderLength(bytes: Uint8Array, n: number): Uint8Array {
  const out = bytes.slice();
  out[8] = n >> 8;
  out[9] = n & 0xff;
  return out;
}
