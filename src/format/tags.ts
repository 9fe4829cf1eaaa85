/**
 * The tag tables: the single source of names for the decoder, encoder, JSON form, CLI and
 * inspector. Header and record tags are separate numbering spaces (format.md §2).
 */

/** Header tags (format.md §3.1). `cisco` is the name Cisco's `show itl`/`show ctl` prints. */
export const HEADER_TAGS = {
  1: { name: 'VERSION', cisco: 'Version' },
  2: { name: 'HEADER_LENGTH', cisco: 'HeaderLength' },
  3: { name: 'SIGNER_INFO', cisco: 'SIGNERID' },
  4: { name: 'SIGNER_NAME', cisco: 'SIGNERNAME' },
  5: { name: 'SERIAL_NUMBER', cisco: 'SERIALNUMBER' },
  6: { name: 'ISSUER_NAME', cisco: 'CANAME' },
  7: { name: 'SIGNATURE_INFO', cisco: 'SIGNATUREINFO' },
  8: { name: 'DIGEST_ALGORITHM', cisco: 'DIGESTALGORTITHM' },
  9: { name: 'SIGNATURE_ALGORITHM_INFO', cisco: 'SIGNATUREALGOINFO' },
  10: { name: 'SIGNATURE_ALGORITHM', cisco: 'SIGNATUREALGORTITHM' },
  11: { name: 'SIGNATURE_MODULUS', cisco: 'SIGNATUREMODULUS' },
  12: { name: 'SIGNATURE', cisco: 'SIGNATURE' },
  13: { name: 'PADDING', cisco: 'PADDING' },
  14: { name: 'FILENAME', cisco: 'FILENAME' },
  15: { name: 'TIMESTAMP', cisco: 'TIMESTAMP' },
  // .enc.sgn only (certutils enccnf, format.md §3.1); kept as opaque values.
  16: { name: 'ENCRYPTION_INFO', cisco: 'ENCRYPTIONINFO' },
  17: { name: 'IV_INFO', cisco: 'IVINFO' },
  18: { name: 'ENCRYPTION_UNKNOWN1', cisco: 'UNKNOWN1' },
  19: { name: 'IV', cisco: 'IV' },
  20: { name: 'ENCRYPTION_PADDING', cisco: 'PADDING' },
  21: { name: 'KEY_INFO', cisco: 'KEYINFO' },
  22: { name: 'ENCRYPTION_UNKNOWN2', cisco: 'UNKNOWN2' },
  23: { name: 'KEY_SIZE', cisco: 'KEYSIZE' },
  24: { name: 'KEY_ALGORITHM', cisco: 'KEYALGORITHM' },
  25: { name: 'KEY', cisco: 'KEY' },
  26: { name: 'ENCRYPTION_HASH_ALGORITHM', cisco: 'HASHALGORITHM' },
  27: { name: 'ENCRYPTION_HASH', cisco: 'HASH' },
  28: { name: 'SIGNER_VERSION', cisco: 'SIGNERVERSION' },
} as const satisfies Record<number, { name: string; cisco: string }>;

/** Record tags (format.md §4.1). */
export const RECORD_TAGS = {
  1: { name: 'RECORD_LENGTH', cisco: 'RECORDLENGTH' },
  2: { name: 'DNS_NAME', cisco: 'DNSNAME' },
  3: { name: 'SUBJECT_NAME', cisco: 'SUBJECTNAME' },
  4: { name: 'FUNCTION', cisco: 'FUNCTION' },
  5: { name: 'ISSUER_NAME', cisco: 'ISSUERNAME' },
  6: { name: 'SERIAL_NUMBER', cisco: 'SERIALNUMBER' },
  7: { name: 'PUBLIC_KEY', cisco: 'PUBLICKEY' },
  8: { name: 'SIGNATURE', cisco: 'SIGNATURE' },
  9: { name: 'CERTIFICATE', cisco: 'CERTIFICATE' },
  10: { name: 'IP_ADDRESS', cisco: 'IPADDRESS' },
  11: { name: 'CERTIFICATE_HASH', cisco: 'CERTHASH' },
  12: { name: 'HASH_ALGORITHM', cisco: 'HASH ALGORITHM' },
} as const satisfies Record<number, { name: string; cisco: string }>;

/** Header tags whose value is a run of nested elements (format.md §2). */
export const CONTAINER_TAGS: ReadonlySet<number> = new Set([3, 7, 9]);
/** The one-byte header padding element: no length, no value. */
export const PADDING_TAG = 13;
/** The byte value of a padding element (it is the tag itself). */
export const PADDING_BYTE = 0x0d;
export const HEADER_VERSION_TAG = 1;
export const HEADER_LENGTH_TAG = 2;
export const HEADER_SIGNATURE_TAG = 12;
export const RECORD_LENGTH_TAG = 1;
/** Size of a RECORDLENGTH element, which RECORDLENGTH counts (format.md §4.2). */
export const RECORD_LENGTH_SIZE = 5;

export type Namespace = 'header' | 'record';

/** The name of a tag, or `TAG_<n>` for tags no source documents. */
export function tagName(ns: Namespace, tag: number): string {
  const table: Record<number, { name: string }> = ns === 'header' ? HEADER_TAGS : RECORD_TAGS;
  return table[tag]?.name ?? `TAG_${tag}`;
}

/** The tag number for a name from `tagName`, or `undefined`. */
export function tagByName(ns: Namespace, name: string): number | undefined {
  const table: Record<number, { name: string }> = ns === 'header' ? HEADER_TAGS : RECORD_TAGS;
  for (const [tag, entry] of Object.entries(table)) if (entry.name === name) return Number(tag);
  const m = /^TAG_(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
