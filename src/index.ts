// The core entry: no runtime dependencies, no Node built-ins (Uint8Array, TextEncoder, WebCrypto only).
export { decodeTrustList, type DecodeOptions } from './codec/decode.js';
export { encodeTrustList } from './codec/encode.js';
export { ItlError, isItlError, type ItlErrorCode, type ItlWarning } from './errors.js';
export type { Element, SignerInfo, TrustList, TrustListHeader, TrustListKind, TrustRecord } from './model/types.js';
export type { CertificateFields, NameStrings, NameStyle, PrivateKeyInput, Signer } from './model/certificate.js';
export type { Version } from './format/fields.js';
export { HEADER_TAGS, RECORD_TAGS, tagName } from './format/tags.js';
export { ROLES, roleName, roleLabel, parseRole, type RoleName } from './format/roles.js';
export { DIGEST_CODES, MODULUS_CODES, type Digest, type DigestName } from './format/digests.js';
export { timestampDate } from './model/time.js';
export { toHex, fromHex, toColonHex } from './bytes/hex.js';
export { toJSON, JSON_FORMAT, type TrustListJSON, type ElementJSON } from './json/to-json.js';
export { fromJSON } from './json/from-json.js';
export { signTrustList, type SignOptions } from './crypto/sign.js';
export { verifyTrustList, type VerifyOptions, type VerifyResult, type VerifyReason, type VerifiedSigner } from './crypto/verify.js';
export { buildTrustList, trustListModel, MAX_SAST_RECORDS, type BuildOptions, type RecordSpec } from './build/build-trust-list.js';
export { recordFromCertificate, type RoleInput, type RecordOptions } from './build/record.js';
export type { Layout } from './build/layouts.js';
