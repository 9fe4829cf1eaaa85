import { bytesEqual, toHex } from '../bytes/hex.js';
import { recordsNamingSerial, TrustListView, viewTrustList } from '../codec/view.js';
import { encodeTrustList } from '../codec/encode.js';
import { certificateSpki, spkiFromRsaPublicKey, spkiInfo } from '../der/der.js';
import { isDigestName, MODULUS_CODES, WEBCRYPTO_HASH, type Digest } from '../format/digests.js';
import { ROLES } from '../format/roles.js';
import type { CertificateFields } from '../model/certificate.js';
import type { TrustList, TrustListHeader, TrustRecord } from '../model/types.js';
import { rsaVerifyKey, RSA_ALGORITHM } from './keys.js';
import { factsOfHeader, scanHeaderFacts, type HeaderFacts } from './header-facts.js';
import { signedParts } from './signed-range.js';
import { bufferSource, resolveSubtle } from './subtle.js';

/** Why a signature is not valid. Stable: programs switch on these. */
export type VerifyReason =
  | 'NO_SIGNATURE' // no SIGNATURE element
  | 'MULTIPLE_SIGNATURES' // more than one SIGNATURE element
  | 'SIGNATURE_MISPLACED' // the SIGNATURE element is inside a container
  | 'DUPLICATE_ELEMENT' // a signer, digest or algorithm element appears twice: readers may disagree on which counts
  | 'NO_SIGNER_INFO' // the header names no signer serial number
  | 'SIGNER_NOT_FOUND' // no record (or given certificate) matches the header's signer serial and issuer
  | 'SIGNER_NOT_SAST' // the matching record does not have an allowed role (SAST by default)
  | 'UNSUPPORTED_DIGEST'
  | 'UNSUPPORTED_ALGORITHM' // SIGNATURE_ALGORITHM is not 0 (RSASSA-PKCS1-v1_5)
  | 'UNSUPPORTED_KEY' // the signer's key is not a usable RSA key
  | 'MODULUS_MISMATCH' // SIGNATURE_MODULUS, the signature length and the key size disagree
  | 'KEY_MISMATCH' // the signer record's CERTIFICATE and PUBLICKEY hold different keys
  | 'SIGNATURE_MISMATCH'; // the signature does not verify

/** Who signed, or who was tried. */
export interface VerifiedSigner {
  /** Where the key came from: the file's own records, the caller's trust list, or a certificate or key the caller gave. */
  source: 'file' | 'trust-list' | 'certificate' | 'public-key';
  /** Index of the record in `source` (file or trust list). */
  recordIndex?: number;
  role?: number;
  subjectName?: string;
  serialNumber?: Uint8Array;
}

export interface VerifyResult {
  valid: boolean;
  /** Set when `valid` is false. */
  reason?: VerifyReason;
  /** One sentence for people. */
  message: string;
  digest?: Digest;
  signer?: VerifiedSigner;
  /** Offset and size of the SIGNATURE element, and how many bytes the signature covers. */
  signature?: { offset: number; length: number; signedBytes: number };
}

export interface VerifyOptions {
  subtle?: SubtleCrypto;
  /** Verify with this certificate (DER, or fields from `itl-codec/x509`) instead of a record. */
  certificate?: Uint8Array | CertificateFields;
  /** Verify with this key: SubjectPublicKeyInfo DER or a WebCrypto public key. */
  publicKey?: Uint8Array | CryptoKey;
  /** Find the signer in this list (the one a phone has installed) instead of the file's own records. */
  trustList?: TrustList;
  /** Roles a signer record may have. Default: SAST only (format.md §5). */
  roles?: readonly number[];
  /**
   * Imported verification keys to reuse, owned by the caller (no hidden state): pass the same
   * `Map` to many calls, e.g. when auditing a fleet of files signed by a few keys. Importing a key
   * costs more than verifying with it.
   */
  keyCache?: Map<string, CryptoKey>;
}

/** A key to try: a record (its certificate or PUBLICKEY), SPKI bytes, or a caller's CryptoKey. */
interface Candidate {
  signer: VerifiedSigner;
  record?: TrustRecord;
  spki?: Uint8Array;
  cryptoKey?: CryptoKey;
}

type Failure = { reason: VerifyReason; message: string };

/**
 * Check a trust list's signature. Returns a result, never a bare boolean: `valid` is true only
 * when exactly one SIGNATURE element sits in the header and a signature by an accepted signer
 * verifies over every other byte of the file. Bytes that do not decode throw an `ItlError`.
 */
export async function verifyTrustList(input: Uint8Array | TrustList, options: VerifyOptions = {}): Promise<VerifyResult> {
  // Not copied: verifyFacts reads all it needs from the bytes before its first await. The header is
  // scanned, not decoded; only the records naming the signer get decoded.
  const bytes = input instanceof Uint8Array ? input : encodeTrustList(input);
  const view = viewTrustList(bytes);
  return verifyFacts(bytes, scanHeaderFacts(bytes, view.headerLength), view, options);
}

/** Verification of any headered file (trust list or `.sgn`): `ownRecords` are the file's records, if it has any. */
export async function verifyHeadered(
  bytes: Uint8Array,
  header: TrustListHeader,
  ownRecords: readonly TrustRecord[] | TrustListView,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  return verifyFacts(bytes, factsOfHeader(header), ownRecords, options);
}

const fail = (reason: VerifyReason, message: string, extra: Partial<VerifyResult> = {}): VerifyResult => ({ valid: false, reason, message, ...extra });

async function verifyFacts(bytes: Uint8Array, header: HeaderFacts, ownRecords: readonly TrustRecord[] | TrustListView, options: VerifyOptions): Promise<VerifyResult> {
  const subtle = resolveSubtle(options.subtle);

  const sigs = header.signatures;
  if (sigs.length === 0) return fail('NO_SIGNATURE', 'the header has no SIGNATURE element');
  if (sigs.length > 1) return fail('MULTIPLE_SIGNATURES', `the header has ${sigs.length} SIGNATURE elements`);
  const sig = sigs[0]!;
  if (!sig.topLevel) return fail('SIGNATURE_MISPLACED', 'the SIGNATURE element is inside a container');
  const parts = signedParts(bytes, sig.offset, sig.length);
  try {
    return await checkSignature(parts.message, parts.signature, sig, header, ownRecords, options, subtle);
  } finally {
    parts.release(); // the pooled buffer is reused once no WebCrypto call reads it any more
  }
}

/** The checks after the SIGNATURE element is found, and the RSA verification of each candidate signer. */
async function checkSignature(
  message: Uint8Array,
  signature: Uint8Array,
  sig: HeaderFacts['signatures'][number],
  header: HeaderFacts,
  ownRecords: readonly TrustRecord[] | TrustListView,
  options: VerifyOptions,
  subtle: SubtleCrypto,
): Promise<VerifyResult> {
  const where = { offset: sig.offset, length: sig.length, signedBytes: message.length };
  const digest = header.digest;
  const base = { digest, signature: where };

  const dup = header.duplicate;
  if (dup !== undefined) return fail('DUPLICATE_ELEMENT', `header tag ${dup} appears more than once`, base);
  if (!isDigestName(digest)) return fail('UNSUPPORTED_DIGEST', `digest code ${String(digest)} is not SHA-1 (1), SHA-256 (2) or SHA-512 (3)`, base);
  if (header.signatureAlgorithm !== 0) {
    return fail('UNSUPPORTED_ALGORITHM', `SIGNATURE_ALGORITHM ${String(header.signatureAlgorithm)} is not 0 (RSASSA-PKCS1-v1_5)`, base);
  }
  const expected = header.modulusCode === undefined ? undefined : MODULUS_CODES[header.modulusCode];
  if (expected !== sig.length) {
    return fail('MODULUS_MISMATCH', `SIGNATURE_MODULUS ${String(header.modulusCode)} means ${String(expected)} bytes, the signature has ${sig.length}`, base);
  }

  const found = findCandidates(header, ownRecords, options);
  if ('reason' in found) return fail(found.reason, found.message, base);
  // Everything read from the caller's bytes is read (and copied) now, before the first await: the
  // input is not copied, and the caller could change it while the keys are imported.
  const keys = found.map((c) => (c.cryptoKey ? undefined : ownCopy(c.record ? recordSpki(c.record) : c.spki!)));
  let firstFailure: Failure & { signer?: VerifiedSigner } = { reason: 'SIGNER_NOT_FOUND', message: 'no signer' };
  for (const [i, c] of found.entries()) {
    const outcome = await tryCandidate(subtle, c, keys[i], digest, sig.length, message, signature, options.keyCache);
    if (outcome === true) {
      return { valid: true, message: `signature verifies (${WEBCRYPTO_HASH[digest]}, RSA) with ${describe(c.signer)}`, digest, signer: c.signer, signature: where };
    }
    if (c === found[0] || outcome.reason === 'SIGNATURE_MISMATCH') firstFailure = { ...outcome, signer: c.signer };
  }
  return fail(firstFailure.reason, firstFailure.message, { ...base, ...(firstFailure.signer && { signer: firstFailure.signer }) });
}

function describe(s: VerifiedSigner): string {
  const who = s.subjectName ? ` (${s.subjectName})` : '';
  return s.recordIndex !== undefined ? `${s.source === 'file' ? 'record' : 'trust-list record'} ${s.recordIndex + 1}${who}` : `the given ${s.source}${who}`;
}

/**
 * Records tried as the signer, at most. A serial and issuer name one certificate, which a file
 * lists in a few roles at most (two SAST records, format.md §4.8; CUCM also lists the CallManager
 * certificate as TFTP). Each try costs an RSA key import and verification, so without a bound a
 * file of 16 MB made of records claiming the signer's name took ~45 s to verify; the records after
 * the first few are a forgery attempt or a broken file and are not tried.
 */
const MAX_SIGNER_CANDIDATES = 4;

function findCandidates(header: HeaderFacts, ownRecords: readonly TrustRecord[] | TrustListView, options: VerifyOptions): Candidate[] | Failure {
  const pk = options.publicKey;
  if (pk) return [pk instanceof Uint8Array ? { signer: { source: 'public-key' }, spki: pk } : { signer: { source: 'public-key' }, cryptoKey: pk }];
  if (options.certificate) {
    const c = options.certificate;
    const fields = c instanceof Uint8Array ? undefined : c;
    let spki: Uint8Array;
    try {
      spki = fields ? fields.spki : certificateSpki(c as Uint8Array);
    } catch (e) {
      return { reason: 'UNSUPPORTED_KEY', message: `the given certificate cannot be read: ${(e as Error).message}` };
    }
    return [{ signer: { source: 'certificate', ...(fields && { subjectName: fields.subject.cucm, serialNumber: fields.serialNumber }) }, spki }];
  }
  const serial = header.serialNumber;
  if (!serial) return { reason: 'NO_SIGNER_INFO', message: 'the header names no signer serial number' };
  const source = options.trustList ? 'trust-list' : 'file';
  // A view is searched by serial in its bytes, so only the records naming the signer get decoded.
  const records = options.trustList instanceof TrustListView ? options.trustList : (options.trustList?.records ?? ownRecords);
  const issuer = header.issuerName();
  const indexed =
    records instanceof TrustListView
      ? recordsNamingSerial(records, serial).map((recordIndex) => ({ record: records.record(recordIndex), recordIndex }))
      : records.map((record, recordIndex) => ({ record, recordIndex }));
  const matching = indexed
    .filter(({ record }) => record.serialNumber && bytesEqual(record.serialNumber, serial) && (issuer === undefined || record.issuerName === undefined || record.issuerName === issuer));
  if (matching.length === 0) {
    return { reason: 'SIGNER_NOT_FOUND', message: `no ${source === 'file' ? '' : 'installed '}record matches the header's signer serial number and issuer` };
  }
  const roles = options.roles ?? [ROLES.SAST];
  const allowed = matching.filter(({ record }) => record.role !== undefined && roles.includes(record.role));
  if (allowed.length === 0) {
    return { reason: 'SIGNER_NOT_SAST', message: `the record naming the signer has role ${String(matching[0]!.record.role)}, not an allowed signer role` };
  }
  const out: Candidate[] = [];
  for (const { record, recordIndex } of allowed.slice(0, MAX_SIGNER_CANDIDATES)) {
    const signer: VerifiedSigner = { source, recordIndex, ...(record.role !== undefined && { role: record.role }), ...(record.subjectName !== undefined && { subjectName: record.subjectName }), serialNumber: record.serialNumber!.slice() };
    out.push({ signer, record });
  }
  return out;
}

/** The SPKI of a record: from its certificate, else its PUBLICKEY; both present must agree. */
function recordSpki(record: TrustRecord): Uint8Array | Failure {
  let fromCert: Uint8Array | undefined;
  try {
    if (record.certificate) fromCert = certificateSpki(record.certificate);
  } catch (e) {
    return { reason: 'UNSUPPORTED_KEY', message: `the signer record's certificate cannot be read: ${(e as Error).message}` };
  }
  if (fromCert && record.publicKey) {
    let certKey: Uint8Array;
    try {
      certKey = spkiInfo(fromCert).publicKey;
    } catch (e) {
      return { reason: 'UNSUPPORTED_KEY', message: `the signer certificate's key cannot be read: ${(e as Error).message}` };
    }
    if (!bytesEqual(certKey, record.publicKey)) return { reason: 'KEY_MISMATCH', message: "the signer record's CERTIFICATE and PUBLICKEY hold different keys" };
  }
  if (fromCert) return fromCert;
  if (record.publicKey) {
    try {
      return spkiFromRsaPublicKey(record.publicKey);
    } catch (e) {
      return { reason: 'UNSUPPORTED_KEY', message: `the signer record's PUBLICKEY is not an RSA key: ${(e as Error).message}` };
    }
  }
  return { reason: 'UNSUPPORTED_KEY', message: 'the signer record has neither a certificate nor a public key' };
}

const ownCopy = (spki: Uint8Array | Failure): Uint8Array | Failure => (spki instanceof Uint8Array ? spki.slice() : spki);

async function tryCandidate(
  subtle: SubtleCrypto,
  c: Candidate,
  /** The candidate's SPKI (read beforehand), or why it has none; undefined for a CryptoKey. */
  spkiOrFailure: Uint8Array | Failure | undefined,
  digest: keyof typeof WEBCRYPTO_HASH,
  sigLength: number,
  message: Uint8Array,
  signature: Uint8Array,
  keyCache: Map<string, CryptoKey> | undefined,
): Promise<true | Failure> {
  let key: CryptoKey;
  if (!c.cryptoKey) {
    const spki = spkiOrFailure!;
    if (!(spki instanceof Uint8Array)) return spki;
    let info;
    try {
      info = spkiInfo(spki);
    } catch (e) {
      return { reason: 'UNSUPPORTED_KEY', message: `the signer key cannot be read: ${(e as Error).message}` };
    }
    if (info.algorithm !== 'RSA') return { reason: 'UNSUPPORTED_KEY', message: `the signer key is ${info.algorithm}, not RSA` };
    if (Math.ceil(info.bits / 8) !== sigLength) {
      return { reason: 'MODULUS_MISMATCH', message: `the signature has ${sigLength} bytes but the signer key is ${info.bits} bits` };
    }
    try {
      key = await cachedVerifyKey(subtle, spki, digest, keyCache);
    } catch (e) {
      return { reason: 'UNSUPPORTED_KEY', message: `WebCrypto refused the signer key: ${(e as Error).message}` };
    }
  } else {
    const alg = c.cryptoKey.algorithm as RsaHashedKeyAlgorithm;
    if (alg.name !== RSA_ALGORITHM) return { reason: 'UNSUPPORTED_KEY', message: `the given key is ${alg.name}, not ${RSA_ALGORITHM}` };
    if (Math.ceil(alg.modulusLength / 8) !== sigLength) {
      return { reason: 'MODULUS_MISMATCH', message: `the signature has ${sigLength} bytes but the given key is ${alg.modulusLength} bits` };
    }
    try {
      key = (c.cryptoKey.algorithm as RsaHashedKeyAlgorithm).hash?.name === WEBCRYPTO_HASH[digest] ? c.cryptoKey : await reimportFor(subtle, c.cryptoKey, digest);
    } catch (e) {
      return { reason: 'UNSUPPORTED_KEY', message: `the given key is bound to another hash and cannot be re-imported for ${WEBCRYPTO_HASH[digest]}: ${(e as Error).message}` };
    }
  }
  let ok: boolean;
  try {
    ok = await subtle.verify(RSA_ALGORITHM, key, bufferSource(signature), bufferSource(message));
  } catch (e) {
    return { reason: 'UNSUPPORTED_KEY', message: `WebCrypto could not verify with the signer key: ${(e as Error).message}` };
  }
  return ok ? true : { reason: 'SIGNATURE_MISMATCH', message: 'the signature does not verify over the signed bytes' };
}

/** `rsaVerifyKey`, through the caller's cache when there is one (keyed by digest and SPKI bytes). */
async function cachedVerifyKey(subtle: SubtleCrypto, spki: Uint8Array, digest: keyof typeof WEBCRYPTO_HASH, cache: Map<string, CryptoKey> | undefined): Promise<CryptoKey> {
  if (!cache) return rsaVerifyKey(subtle, spki, digest);
  const id = `${digest}:${toHex(spki)}`;
  let key = cache.get(id);
  if (!key) cache.set(id, (key = await rsaVerifyKey(subtle, spki, digest)));
  return key;
}

/** A caller's CryptoKey bound to the digest in use: re-imported via SPKI, which a non-extractable key refuses. */
async function reimportFor(subtle: SubtleCrypto, key: CryptoKey, digest: keyof typeof WEBCRYPTO_HASH): Promise<CryptoKey> {
  const spki = new Uint8Array(await subtle.exportKey('spki', key));
  return rsaVerifyKey(subtle, spki, digest);
}
