import type { ItlWarning } from '../errors.js';
import type { Digest } from '../format/digests.js';
import type { Version } from '../format/fields.js';

/**
 * One element as it stands in the file. The element list of the header and of each record keeps
 * the order, padding, duplicates and unknown tags, so that encoding a decoded file gives its bytes
 * back. Values of known tags are also exposed as typed fields; when a typed field no longer
 * matches the stored `value`, the encoder writes the typed field (see docs/model.md).
 */
export interface Element {
  tag: number;
  /** Value bytes as stored. Absent for padding, containers, and placeholders whose value comes from a typed field. */
  value?: Uint8Array;
  /** Nested elements of a header container (tags 3, 7, 9). */
  children?: Element[];
  /** Offset of the tag byte in the decoded input (absent in built models). */
  offset?: number;
}

/** The header's signer fields (container 3): they name the certificate that signed the file. */
export interface SignerInfo {
  /** SIGNERNAME: subject of the signing certificate. */
  name?: string;
  /** SERIALNUMBER: serial of the signing certificate, as stored. */
  serialNumber?: Uint8Array;
  /** CANAME: issuer of the signing certificate. */
  issuerName?: string;
}

export interface TrustListHeader {
  /** VERSION (tag 1): 1.2 in every ITL/CTL seen. */
  version?: Version;
  /** HEADER_LENGTH (tag 2) as decoded. Informational: encoding always recomputes it. */
  headerLength?: number;
  /** SIGNER_VERSION (tag 28), written by certutils only. */
  signerVersion?: Version;
  signer?: SignerInfo;
  /** DIGEST_ALGORITHM (tag 8). */
  digest?: Digest;
  /** SIGNATURE_ALGORITHM (tag 10): 0 = RSASSA-PKCS1-v1_5 in every sample. */
  signatureAlgorithm?: number;
  /** SIGNATURE_MODULUS (tag 11): signature size code, 0..3 = 64, 128, 256, 512 bytes. */
  modulusCode?: number;
  /** SIGNATURE (tag 12). */
  signature?: Uint8Array;
  /** FILENAME (tag 14), e.g. `ITLFile.tlv`. */
  filename?: string;
  /** TIMESTAMP (tag 15): Unix seconds, the raw u32. `timestampDate()` gives it as a Date. */
  timestamp?: number;
  /** Every header element in file order (tags 1 and 2 included). */
  elements: Element[];
}

/** One trust-list record: a certificate and the role it plays. */
export interface TrustRecord {
  /** RECORD_LENGTH (tag 1) as decoded. Informational: encoding always recomputes it. */
  recordLength?: number;
  dnsName?: string;
  subjectName?: string;
  /** FUNCTION (tag 4): the role code; `roleName()` names it. */
  role?: number;
  issuerName?: string;
  serialNumber?: Uint8Array;
  /** PKCS#1 RSAPublicKey DER, or an EC point. */
  publicKey?: Uint8Array;
  /** The certificate's own signature value. */
  signature?: Uint8Array;
  /** DER X.509 certificate. */
  certificate?: Uint8Array;
  /** IPv4, dotted. */
  ipAddress?: string;
  /** CERTIFICATE_HASH (tag 11, unconfirmed): a digest of the certificate. */
  certificateHash?: Uint8Array;
  /** HASH_ALGORITHM (tag 12, unconfirmed). */
  hashAlgorithm?: Digest;
  /** Every record element in file order (RECORDLENGTH included). */
  elements: Element[];
  /** Offset of the record in the decoded input. */
  offset?: number;
}

export type TrustListKind = 'ITL' | 'CTL';

/** A decoded (or built) ITL or CTL file. */
export interface TrustList {
  kind: TrustListKind;
  header: TrustListHeader;
  records: TrustRecord[];
  /** Lenient decoding only: bytes after the last record that could be read, kept so encoding stays lossless. */
  trailing?: Uint8Array;
  /** Lenient decoding only: what was tolerated. */
  warnings?: ItlWarning[];
}
