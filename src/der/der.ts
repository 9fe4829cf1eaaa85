import { ItlError } from '../errors.js';

/**
 * Just enough DER for the core to verify signatures without an X.509 library: find a
 * certificate's SubjectPublicKeyInfo, and wrap a record's PKCS#1 key as SPKI. Full certificate
 * parsing lives in `itl-codec/x509`.
 */
export interface DerNode {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
}

function derError(message: string, offset: number): ItlError {
  return new ItlError('ERR_VALUE', `DER: ${message}`, { offset });
}

/** Read one DER node (single-byte tags, definite lengths up to 4 length bytes) inside `[at, limit)`. */
export function readDer(bytes: Uint8Array, at: number, limit = bytes.length): DerNode {
  if (at + 2 > limit) throw derError('truncated', at);
  const tag = bytes[at]!;
  if ((tag & 0x1f) === 0x1f) throw derError('multi-byte tags are not supported', at);
  let len = bytes[at + 1]!;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > limit) throw derError('bad length', at);
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[p++]!;
  }
  if (p + len > limit) throw derError('content runs past its container', at);
  return { tag, start: at, contentStart: p, end: p + len };
}

/** The children of a constructed node. */
export function derChildren(bytes: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let p = node.contentStart; p < node.end; ) {
    const child = readDer(bytes, p, node.end);
    out.push(child);
    p = child.end;
  }
  return out;
}

const SEQUENCE = 0x30;

/** SubjectPublicKeyInfo DER of an X.509 certificate (tbsCertificate field 7, or 6 without the version). */
export function certificateSpki(cert: Uint8Array): Uint8Array {
  const top = readDer(cert, 0);
  if (top.tag !== SEQUENCE || top.end !== cert.length) throw derError('a certificate is one SEQUENCE', 0);
  const tbs = derChildren(cert, top)[0];
  if (!tbs || tbs.tag !== SEQUENCE) throw derError('no tbsCertificate', top.contentStart);
  const fields = derChildren(cert, tbs);
  const skip = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] EXPLICIT version
  const spki = fields[skip + 5];
  if (!spki || spki.tag !== SEQUENCE) throw derError('no subjectPublicKeyInfo', tbs.contentStart);
  return cert.subarray(spki.start, spki.end);
}

const RSA_ALGORITHM_ID = Uint8Array.of(0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00);
const RSA_OID = RSA_ALGORITHM_ID.subarray(4, 13);

function derHeader(tag: number, len: number): number[] {
  if (len < 0x80) return [tag, len];
  const bytes: number[] = [];
  for (let l = len; l > 0; l = Math.floor(l / 256)) bytes.unshift(l % 256);
  return [tag, 0x80 | bytes.length, ...bytes];
}

/** Wrap a PKCS#1 RSAPublicKey (record PUBLICKEY) as SubjectPublicKeyInfo. */
export function spkiFromRsaPublicKey(pkcs1: Uint8Array): Uint8Array {
  const key = readDer(pkcs1, 0);
  if (key.tag !== SEQUENCE || key.end !== pkcs1.length) throw derError('PUBLICKEY is not one SEQUENCE', 0);
  const bitString = [...derHeader(0x03, pkcs1.length + 1), 0];
  const inner = RSA_ALGORITHM_ID.length + bitString.length + pkcs1.length;
  const out = new Uint8Array([...derHeader(SEQUENCE, inner), ...RSA_ALGORITHM_ID, ...bitString, ...pkcs1]);
  return out;
}

export interface SpkiInfo {
  algorithm: 'RSA' | 'EC' | 'other';
  /** RSA modulus bits; 0 for other algorithms. */
  bits: number;
  /** The BIT STRING contents: PKCS#1 RSAPublicKey or the EC point. */
  publicKey: Uint8Array;
}

/** Algorithm, RSA modulus size and the raw key of a SubjectPublicKeyInfo. */
export function spkiInfo(spki: Uint8Array): SpkiInfo {
  const top = readDer(spki, 0);
  const [alg, bits] = derChildren(spki, top);
  if (!alg || !bits || bits.tag !== 0x03) throw derError('not a SubjectPublicKeyInfo', 0);
  const oid = derChildren(spki, alg)[0];
  const publicKey = spki.subarray(bits.contentStart + 1, bits.end);
  const oidBytes = oid ? spki.subarray(oid.contentStart, oid.end) : new Uint8Array();
  const isRsa = oidBytes.length === RSA_OID.length && oidBytes.every((b, i) => b === RSA_OID[i]);
  if (isRsa) return { algorithm: 'RSA', bits: rsaModulusBits(publicKey), publicKey };
  const isEc = oidBytes.length === 7 && oidBytes[0] === 0x2a && oidBytes[1] === 0x86 && oidBytes[6] === 0x01; // 1.2.840.10045.2.1
  return { algorithm: isEc ? 'EC' : 'other', bits: 0, publicKey };
}

/** Modulus size in bits of a PKCS#1 RSAPublicKey. */
export function rsaModulusBits(pkcs1: Uint8Array): number {
  const seq = readDer(pkcs1, 0);
  const n = derChildren(pkcs1, seq)[0];
  if (!n || n.tag !== 0x02) throw derError('RSAPublicKey has no modulus', seq.contentStart);
  let p = n.contentStart;
  while (p < n.end && pkcs1[p] === 0) p++;
  if (p === n.end) return 0;
  return (n.end - p - 1) * 8 + (32 - Math.clz32(pkcs1[p]!));
}

/** Modulus and exponent (DER INTEGER contents) of a PKCS#1 RSAPublicKey. */
export function rsaPublicKeyParts(pkcs1: Uint8Array): { n: Uint8Array; e: Uint8Array } {
  const [n, e] = derChildren(pkcs1, readDer(pkcs1, 0));
  if (!n || !e || n.tag !== 0x02 || e.tag !== 0x02) throw derError('RSAPublicKey needs a modulus and an exponent', 0);
  return { n: pkcs1.subarray(n.contentStart, n.end), e: pkcs1.subarray(e.contentStart, e.end) };
}

/**
 * Modulus and exponent of an RSA PKCS#8 PrivateKeyInfo, or `undefined` when the bytes are not one
 * (another algorithm, or DER this reader does not follow): then the caller must check another way.
 */
export function rsaPrivateKeyPublicParts(pkcs8: Uint8Array): { n: Uint8Array; e: Uint8Array } | undefined {
  try {
    const [, alg, key] = derChildren(pkcs8, readDer(pkcs8, 0));
    if (!alg || !key || key.tag !== 0x04) return undefined;
    const oid = derChildren(pkcs8, alg)[0];
    const oidBytes = oid ? pkcs8.subarray(oid.contentStart, oid.end) : new Uint8Array();
    if (oidBytes.length !== RSA_OID.length || !oidBytes.every((b, i) => b === RSA_OID[i])) return undefined;
    const inner = pkcs8.subarray(key.contentStart, key.end);
    const [, n, e] = derChildren(inner, readDer(inner, 0));
    if (!n || !e || n.tag !== 0x02 || e.tag !== 0x02) return undefined;
    return { n: inner.subarray(n.contentStart, n.end), e: inner.subarray(e.contentStart, e.end) };
  } catch {
    return undefined;
  }
}
