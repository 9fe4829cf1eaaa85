/**
 * itl-codec: decode, encode, sign, verify and build Cisco ITL/CTL trust lists and `.sgn` files.
 * No runtime dependencies, no Node built-ins (Uint8Array, TextEncoder, WebCrypto only).
 * @module itl-codec
 */
// The core entry: no runtime dependencies, no Node built-ins (Uint8Array, TextEncoder, WebCrypto only).
export { decodeTrustList, type DecodeOptions } from './codec/decode.js';
export { viewTrustList, TrustListView, type ViewOptions } from './codec/view.js';
export { encodeTrustList } from './codec/encode.js';
export { ItlError, isItlError, type ItlErrorCode, type ItlErrorDetails, type ItlWarning } from './errors.js';
export type { Element, SignerInfo, TrustList, TrustListHeader, TrustListKind, TrustRecord } from './model/types.js';
export type { CertificateFields, NameStrings, NameStyle, PrivateKeyInput, Signer } from './model/certificate.js';
export type { Version } from './format/fields.js';
export { HEADER_TAGS, RECORD_TAGS, tagName, type Namespace } from './format/tags.js';
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
export { decodeSignedFile, encodeSignedFile, type SignedFile } from './signed-file/signed-file.js';
export { signFile, verifySignedFile, CONFIG_SIGNER_ROLES, type SignFileOptions } from './signed-file/sign-file.js';
export { resignTrustList } from './build/resign.js';
export { buildRollbackItl, emptiedRecord, ROLLBACK_EMPTIED_ROLES, type RollbackOptions } from './build/rollback.js';
export { evaluateTrust, type EvaluateTrustInput, type TrustDecision, type TrustRule, type TrustRules, type TrustSigner } from './trust/evaluate.js';
export type { Remedy, RemedyCode } from './trust/remedies.js';
export type { CandidateKind } from './trust/candidate.js';
export { isBlankItl, isEmptyRecord } from './trust/blank.js';
export type { TrustListInput } from './analysis/input.js';
export type { FieldChange, FieldValue, RecordSummary } from './analysis/fields.js';
export { matchRecords, type MatchRule, type RecordMatch } from './analysis/match.js';
export { diffTrustLists, type DiffCode, type HeaderChange, type RecordChange, type RecordMove, type RecordPresence, type TrustListDiff } from './analysis/diff.js';
export { lintTrustList, LINT_RULES, type LintCode, type LintFinding, type LintOptions, type LintResult, type LintRule, type LintSeverity } from './analysis/lint.js';
