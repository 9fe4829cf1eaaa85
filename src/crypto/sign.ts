import { ByteWriter } from '../bytes/writer.js';
import { encodeBodyTo, encodeHeaderTo, encodeValue, estimateBodySize } from '../codec/encode.js';
import { rsaModulusBits, rsaPrivateKeyPublicParts, rsaPublicKeyParts, spkiInfo } from '../der/der.js';
import { bytesEqual } from '../bytes/hex.js';
import { ItlError } from '../errors.js';
import { isDigestName, modulusCodeFor, type DigestName } from '../format/digests.js';
import { HEADER_SIGNATURE_TAG, PADDING_TAG } from '../format/tags.js';
import type { NameStyle, Signer } from '../model/certificate.js';
import { toTimestamp } from '../model/time.js';
import type { Element, SignerInfo, TrustList, TrustListHeader, TrustRecord } from '../model/types.js';
import { boundElements } from '../codec/bind.js';
import { RECORD_BINDING_BY_TAG } from '../format/bindings.js';
import { rsaSigningKey, rsaVerifyKey, RSA_ALGORITHM } from './keys.js';
import { scanHeaderFacts } from './header-facts.js';
import { signedParts } from './signed-range.js';
import { bufferSource, resolveSubtle } from './subtle.js';

export interface SignOptions {
  /** Digest for the signature. Default: the header's digest when it is one we can sign with, else SHA-1. */
  digest?: DigestName;
  /** WebCrypto engine. Default: `globalThis.crypto.subtle`. */
  subtle?: SubtleCrypto;
  /** How the signer's subject and issuer are written (format.md §4.3). Default `cucm`. */
  nameStyle?: NameStyle;
  /**
   * Signer fields to write as they are, instead of deriving them from the certificate: a rollback
   * ITL must name the signer exactly as the phone's installed record does (format.md §4.3).
   */
  signerInfo?: SignerInfo;
  /**
   * Name the signer exactly as this record of the phone's installed list does: its subject,
   * serial and issuer bytes are copied into the header, not derived again (format.md §4.3, §7.3).
   */
  signerRecord?: TrustRecord;
  /** Set TIMESTAMP (Date or Unix seconds). Default: keep the header's timestamp. */
  timestamp?: Date | number;
  /** Header alignment after signing: pad with 0x0D to a multiple of 4 (default), or keep the padding as it is. */
  padding?: 'align4' | 'keep';
}

/**
 * Sign a trust list with an RSA key: RSASSA-PKCS1-v1_5 over the whole file minus the SIGNATURE
 * element (format.md §5). Writes the signer fields, digest, algorithm, modulus code and signature;
 * recomputes HeaderLength and padding. Deterministic: the same list, key and options give the same
 * bytes. The signature is checked against the certificate, so a key that does not belong to it
 * fails with `ERR_SIGNER`.
 */
export async function signTrustList(list: TrustList, signer: Signer, options: SignOptions = {}): Promise<Uint8Array> {
  const prepared = await prepareHeader(list.header, signer, options);
  // The header first, on its own, so the file's buffer can be sized exactly (no final copy) when
  // the records are as decoded; their stored lengths are then their sizes.
  const head = new ByteWriter(1024);
  writeHeader(head, prepared);
  const header = head.finish();
  const w = new ByteWriter(header.length + estimateBodySize(list));
  w.bytes(header);
  encodeBodyTo(w, list);
  return completeSignature(w.finish(), prepared, signer);
}

/** Sign any headered file (`.tlv` or `.sgn`): the header is encoded, then `body` bytes follow. */
export async function signHeadered(header: TrustListHeader, body: Uint8Array, signer: Signer, options: SignOptions = {}): Promise<Uint8Array> {
  const prepared = await prepareHeader(header, signer, options);
  const w = new ByteWriter(body.length + 1024);
  writeHeader(w, prepared);
  w.bytes(body);
  return completeSignature(w.finish(), prepared, signer);
}

/** The prepared header, then (`align4`) PADDING bytes up to a multiple of 4, counted in HeaderLength. */
function writeHeader(w: ByteWriter, prepared: PreparedHeader): void {
  const start = w.length;
  encodeHeaderTo(w, prepared.header);
  if (!prepared.align4) return;
  const pads = (4 - ((w.length - start) % 4)) % 4;
  for (let i = 0; i < pads; i++) w.u8(PADDING_TAG);
  w.patchU16(start + 8, w.length - start, 'header/headerLength');
}

interface PreparedHeader {
  header: TrustListHeader;
  /** Pad the encoded header to a multiple of 4 bytes (writeHeader). */
  align4: boolean;
  key: CryptoKey;
  digest: DigestName;
  subtle: SubtleCrypto;
}

async function prepareHeader(source: TrustListHeader, signer: Signer, options: SignOptions): Promise<PreparedHeader> {
  const subtle = resolveSubtle(options.subtle);
  const cert = signer.certificate;
  if (cert.keyAlgorithm !== 'RSA') {
    throw new ItlError('ERR_SIGNER', `trust lists are signed with RSA; the signer certificate has an ${cert.keyAlgorithm} key`, { path: 'signer' });
  }
  const digest = options.digest ?? (isDigestName(source.digest) ? source.digest : 'sha1');
  if (!isDigestName(digest)) throw new ItlError('ERR_UNSUPPORTED_DIGEST', `cannot sign with digest ${String(digest)}`, { path: 'options/digest' });
  const bits = rsaModulusBits(cert.publicKey);
  const sigBytes = Math.ceil(bits / 8);
  const modulusCode = modulusCodeFor(sigBytes);
  if (modulusCode === undefined || bits % 8 !== 0) {
    throw new ItlError('ERR_SIGNER', `an RSA key of ${bits} bits has no SIGNATURE_MODULUS code (512, 1024, 2048 or 4096 bits)`, { path: 'signer' });
  }
  const key = await rsaSigningKey(subtle, signer.privateKey, digest);
  const style = options.nameStyle ?? 'cucm';
  const header: TrustListHeader = {
    ...source,
    signer: options.signerInfo ?? { name: cert.subject[style], serialNumber: cert.serialNumber, issuerName: cert.issuer[style] },
    digest,
    signatureAlgorithm: 0,
    modulusCode,
    signature: new Uint8Array(sigBytes), // placeholder of the final size, so lengths are final
    elements: withoutSignatureAndPadding(source.elements ?? []),
  };
  if (options.signerRecord) copySignerFromRecord(header, options.signerRecord);
  if (options.timestamp !== undefined) header.timestamp = toTimestamp(options.timestamp);
  const align4 = (options.padding ?? 'align4') === 'align4';
  if (!align4) header.elements = keepPadding(source.elements ?? [], header.elements);
  return { header, key, digest, subtle, align4 };
}

/** Header tag ← record tag for the signer fields: SIGNER_NAME ← SUBJECT_NAME, SERIAL ← SERIAL, ISSUER ← ISSUER. */
const SIGNER_FROM_RECORD: ReadonlyArray<[number, number]> = [
  [4, 3],
  [5, 6],
  [6, 5],
];

function copySignerFromRecord(header: TrustListHeader, record: TrustRecord): void {
  const stored = new Map<number, Uint8Array>();
  const bound = boundElements(record.elements ?? [], RECORD_BINDING_BY_TAG);
  for (const [el, b] of bound) {
    if (b.get(record) !== undefined) stored.set(b.tag, encodeValue(b, record, el.value, 'signerRecord'));
  }
  for (const [, recTag] of SIGNER_FROM_RECORD) {
    if (!stored.has(recTag)) throw new ItlError('ERR_SIGNER', `the signer record has no ${RECORD_BINDING_BY_TAG.get(recTag)!.path}`, { path: 'signerRecord' });
  }
  header.signer = { name: record.subjectName!, serialNumber: record.serialNumber!, issuerName: record.issuerName! };
  const values = new Map(SIGNER_FROM_RECORD.map(([h, r]) => [h, stored.get(r)!]));
  const existing = header.elements.find((e) => e.tag === 3 && e.children);
  const order = existing ? existing.children!.map((c) => c.tag).filter((t) => values.has(t)) : [];
  for (const t of [4, 5, 6]) if (!order.includes(t)) order.push(t);
  const container: Element = { tag: 3, children: order.map((tag) => ({ tag, value: values.get(tag)! })) };
  if (existing) header.elements = header.elements.map((e) => (e === existing ? container : e));
  else {
    const after = header.elements.filter((e) => e.tag === 1 || e.tag === 2 || e.tag === 28).length;
    header.elements = [...header.elements.slice(0, after), container, ...header.elements.slice(after)];
  }
}

/**
 * Compare the key's modulus and exponent with the certificate's when they can be read (PKCS#8
 * bytes, an extractable CryptoKey); otherwise (a non-extractable CryptoKey, DER this reader does
 * not follow) verify the new signature with the certificate's key.
 */
async function keyBelongsToCertificate(prepared: PreparedHeader, signer: Signer, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  const cert = signer.certificate;
  const key = signer.privateKey;
  if (!(key instanceof Uint8Array) && PROVEN.get(key)?.some((spki) => bytesEqual(spki, cert.spki))) return true;
  const own = await publicParts(prepared.subtle, key);
  let belongs: boolean;
  if (own) {
    const theirs = rsaPublicKeyParts(cert.publicKey);
    belongs = bytesEqual(unsigned(own.n), unsigned(theirs.n)) && bytesEqual(unsigned(own.e), unsigned(theirs.e));
  } else {
    if (spkiInfo(cert.spki).algorithm !== 'RSA') throw new ItlError('ERR_SIGNER', 'the signer certificate key is not RSA');
    const verifyKey = await rsaVerifyKey(prepared.subtle, cert.spki, prepared.digest);
    belongs = await prepared.subtle.verify(RSA_ALGORITHM, verifyKey, bufferSource(signature), bufferSource(message));
  }
  if (belongs && !(key instanceof Uint8Array)) {
    const proven = PROVEN.get(key) ?? [];
    proven.push(cert.spki.slice()); // a copy: the caller's certificate object may change later
    PROVEN.set(key, proven);
  }
  return belongs;
}

/**
 * CryptoKeys already shown to belong to a certificate's public key (SPKI DER), so signing many
 * files with one key checks it once: for a non-extractable key the check is an import and a
 * verification, which cost more than the signature. A CryptoKey cannot change, so what was shown
 * stays true; the entry goes with the key.
 */
const PROVEN = new WeakMap<CryptoKey, Uint8Array[]>();

/** Modulus and exponent of the private key when they can be read without signing: PKCS#8 DER, or an extractable CryptoKey's JWK. */
async function publicParts(subtle: SubtleCrypto, key: Signer['privateKey']): Promise<{ n: Uint8Array; e: Uint8Array } | undefined> {
  if (key instanceof Uint8Array) return rsaPrivateKeyPublicParts(key);
  if (!key.extractable) return undefined;
  try {
    const jwk = await subtle.exportKey('jwk', key);
    return jwk.n && jwk.e ? { n: fromBase64Url(jwk.n), e: fromBase64Url(jwk.e) } : undefined;
  } catch {
    return undefined;
  }
}

/** A big-endian integer without leading zero bytes (DER keeps a sign byte, JWK does not). */
function unsigned(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

/** Remove every SIGNATURE element (a fresh one is placed where the layout puts it) and all padding. */
function withoutSignatureAndPadding(elements: readonly Element[]): Element[] {
  return elements
    .filter((e) => e.tag !== HEADER_SIGNATURE_TAG && e.tag !== PADDING_TAG)
    .map((e) => (e.children ? { ...e, children: withoutSignatureAndPadding(e.children) } : e));
}

/** `padding: 'keep'`: put the source's top-level padding back at the end. */
function keepPadding(source: readonly Element[], elements: Element[]): Element[] {
  return [...elements, ...source.filter((e) => e.tag === PADDING_TAG)];
}

async function completeSignature(unsigned: Uint8Array, prepared: PreparedHeader, signer: Signer): Promise<Uint8Array> {
  // What verification will read: the file was just written, so its header can be scanned as is.
  const sig = scanHeaderFacts(unsigned, (unsigned[8]! << 8) | unsigned[9]!).signatures.filter((s) => s.topLevel);
  if (sig.length !== 1) throw new ItlError('ERR_SIGNER', `expected one SIGNATURE element after layout, found ${sig.length}`);
  const { offset, length } = sig[0]!;
  const parts = signedParts(unsigned, offset, length);
  try {
    const signature = new Uint8Array(await prepared.subtle.sign(RSA_ALGORITHM, prepared.key, bufferSource(parts.message)));
    if (signature.length !== length) throw new ItlError('ERR_SIGNER', `the key made a ${signature.length}-byte signature; the certificate says ${length}`);
    // The key must belong to the certificate the header names, or no phone will accept the file.
    if (!(await keyBelongsToCertificate(prepared, signer, signature, parts.message))) {
      throw new ItlError('ERR_SIGNER', 'the private key does not belong to the signer certificate', { path: 'signer' });
    }
    unsigned.set(signature, offset + 3);
    return unsigned;
  } finally {
    parts.release();
  }
}
