import { bytesEqual, toHex } from '../bytes/hex.js';
import { walkElements } from '../codec/bind.js';
import { ROLLBACK_EMPTIED_ROLES } from '../build/rollback.js';
import { MODULUS_CODES } from '../format/digests.js';
import type { Version } from '../format/fields.js';
import { ROLES, roleName } from '../format/roles.js';
import { HEADER_TAGS, RECORD_TAGS, tagName } from '../format/tags.js';
import type { TrustRecord } from '../model/types.js';
import { isBlankItl, isEmptyRecord } from '../trust/blank.js';
import { describeRecord } from './fields.js';
import { analyze, type TrustListInput } from './input.js';
import { publicKeyMismatch, recordKey } from './record-key.js';

export type LintSeverity = 'error' | 'warning' | 'info';

/** Stable finding codes. Programs switch on these; messages are for people. */
export type LintCode =
  | 'NO_SIGNATURE'
  | 'MODULUS_CODE_MISMATCH'
  | 'NO_SIGNER_INFO'
  | 'SIGNER_NOT_SAST'
  | 'TOO_MANY_SAST'
  | 'ROLLBACK_LIST'
  | 'EMPTY_RECORD'
  | 'DUPLICATE_RECORD'
  | 'PUBLIC_KEY_MISMATCH'
  | 'RSA_KEY_OVER_2048'
  | 'DIGEST_NEEDS_SIGNER_VERSION_1_1'
  | 'EC_TFTP_NEEDS_SIGNER_VERSION_1_1'
  | 'FILE_OVER_64K'
  | 'FILENAME_MISMATCH'
  | 'TRAILING_BYTES'
  | 'UNKNOWN_ROLE'
  | 'UNKNOWN_TAG'
  | 'SERIAL_HAS_SIGN_BYTE';

export interface LintFinding {
  code: LintCode;
  severity: LintSeverity;
  /** One sentence for people; records are numbered from 1 in it, as Cisco's `show itl` does. */
  message: string;
  /** 0-based indexes of the records involved; absent for findings about the header or the whole file. */
  records?: number[];
}

export interface LintOptions {
  /**
   * The name the file is served under (a path is allowed; its last part is used), for the
   * FILENAME check. Only names phones request are checked: `ITLFile.tlv`, `CTLFile.tlv`,
   * `ITLSEP<MAC>.tlv`, `CTLSEP<MAC>.tlv` (any case). Per-device files may carry their own name or
   * the generic `ITLFile.tlv` / `CTLFile.tlv` (format.md §6.3); a served name of one kind with a
   * FILENAME of the other (CTL content as `ITLFile.tlv`) is an error. Any other name (a local
   * copy such as `backup.tlv`), or no name, is not checked.
   */
  fileName?: string;
  /**
   * Treat the list as a rollback ITL (or a non-secure-mode CTL): its TFTP, CCM+TFTP and TVS
   * records are meant to be empty, and its signer may be absent from it (format.md §7).
   * Default: detected with `isBlankItl` (such records exist and every one of them is empty).
   */
  rollback?: boolean;
}

export interface LintResult {
  /** No finding of severity `error`. A CLI exits 0 on this. */
  ok: boolean;
  /** In the order of `LINT_RULES`, then by record. */
  findings: LintFinding[];
  counts: Record<LintSeverity, number>;
  /** Whether the rollback rules were applied (from the option, else detected). */
  rollback: boolean;
  /** Size of the encoded file in bytes. */
  size: number;
}

export interface LintRule {
  /** Usual severity. FILENAME_MISMATCH is an error when the served name is the other kind (ITL vs CTL); SIGNER_NOT_SAST is a warning in a rollback list. */
  severity: LintSeverity;
  summary: string;
  /** Where in the format reference the rule comes from. */
  source: string;
}

/** Every rule, in the order findings are reported. */
export const LINT_RULES: Readonly<Record<LintCode, LintRule>> = {
  NO_SIGNATURE: { severity: 'error', summary: 'the header has no SIGNATURE', source: 'format.md §3.1 (tag 12 required), §5' },
  MODULUS_CODE_MISMATCH: {
    severity: 'error',
    summary: "SIGNATURE_MODULUS does not match the signature's length or the signer's key size",
    source: 'format.md §3.1 (tag 11), §5 ("tag 11 must carry the matching code")',
  },
  NO_SIGNER_INFO: { severity: 'error', summary: 'the header names no signer serial number', source: 'format.md §3.1 (tags 3-6 required), §5' },
  SIGNER_NOT_SAST: {
    severity: 'error',
    summary: 'no SAST record holds the certificate the header names as signer, so phones could not verify the next file',
    source: 'format.md §5 (signer = SAST record with the header serial), §6.2; rollback: §7.4 blankSast',
  },
  TOO_MANY_SAST: { severity: 'error', summary: 'more than 2 SAST records', source: 'format.md §4.8 ("a maximum of 2 certificates with the SAST role", S4)' },
  ROLLBACK_LIST: { severity: 'info', summary: 'every TFTP, CCM+TFTP and TVS record is empty: a rollback ITL or a non-secure-mode CTL', source: 'format.md §7.1, §7.2' },
  EMPTY_RECORD: {
    severity: 'warning',
    summary: 'a record with no certificate and no public key outside a rollback list',
    source: 'format.md §7.2 (only emptied CCM+TFTP records seen), §7.4',
  },
  DUPLICATE_RECORD: { severity: 'warning', summary: 'the same certificate twice in the same role', source: 'format.md §4.8, §6.1 (one record per certificate and role)' },
  PUBLIC_KEY_MISMATCH: { severity: 'error', summary: "PUBLICKEY is not the certificate's key", source: 'format.md §4.5, §4.1 (tags 7 and 9)' },
  RSA_KEY_OVER_2048: {
    severity: 'warning',
    summary: 'an RSA key over 2048 bits: older phones support at most 2048',
    source: 'format.md §9 builder 2 ("maximum supported size is 2048 bits", S4)',
  },
  DIGEST_NEEDS_SIGNER_VERSION_1_1: {
    severity: 'warning',
    summary: 'SHA-256 or SHA-512 with a signer version below 1.1 (or none)',
    source: 'format.md §3.1 (tag 28), §0 S3 (e0a8822 added SHA-512, EC and tag 28 together)',
  },
  EC_TFTP_NEEDS_SIGNER_VERSION_1_1: {
    severity: 'warning',
    summary: 'an EC certificate in a TFTP role with a signer version below 1.1 (or none)',
    source: 'format.md §3.1 (tag 28: "1.1 needed for HTTPS provisioning with an EC cert in the TFTP role", S4)',
  },
  FILE_OVER_64K: { severity: 'error', summary: 'the file is over 65535 bytes: phones fail registration', source: 'format.md §3.3 (S9: more than 39 certificates)' },
  FILENAME_MISMATCH: { severity: 'warning', summary: 'FILENAME does not fit the name phones request the file by', source: 'format.md §3.1 (tag 14), §6.2, §6.3' },
  TRAILING_BYTES: { severity: 'error', summary: 'bytes after the last record that are not a record', source: 'format.md §1 (records run to EOF, no trailer), §9 parser 2' },
  UNKNOWN_ROLE: { severity: 'info', summary: 'a role code no source documents', source: 'format.md §4.8 ("parsers must keep unknown codes")' },
  UNKNOWN_TAG: { severity: 'info', summary: 'a tag no source documents', source: 'format.md §9 parser 1-2 (keep unknown tags)' },
  SERIAL_HAS_SIGN_BYTE: {
    severity: 'info',
    summary: 'a serial number stored with its DER sign byte 0x00',
    source: 'format.md §4.4 (certutils and probably CUCM store the magnitude; phones compare bytes, §4.3)',
  },
};

/** Phones fail registration with an ITL over 64 KiB (format.md §3.3). */
const MAX_FILE_SIZE = 0xffff;
const MAX_SAST = 2;
const MAX_RSA_BITS = 2048;
const TFTP_ROLES: readonly number[] = [ROLES.TFTP, ROLES['CCM+TFTP']];
const KNOWN_ROLES: ReadonlySet<number> = new Set(Object.values(ROLES));
/** The names phones request (format.md §6.2, §6.3): `ITLFile.tlv`, `CTLFile.tlv`, `ITLSEP<MAC>.tlv`, `CTLSEP<MAC>.tlv`. */
const PHONE_REQUESTED = /^(ITL|CTL)(?:File|SEP[0-9A-F]{12})\.tlv$/i;

/**
 * Check a trust list (file bytes, decoded strictly, or a model) for what phones or Cisco's own
 * tools are known to refuse or handle badly. Each finding has a stable `code` (see `LINT_RULES`
 * for the source of each rule), a severity and the records involved. Does not verify the
 * signature: that is `verifyTrustList`'s job.
 */
export function lintTrustList(input: TrustListInput, options: LintOptions = {}): LintResult {
  const { bytes, list } = analyze(input);
  const rollback = options.rollback ?? isBlankItl(list);
  const out: LintFinding[] = [];
  const add = (code: LintCode, message: string, records?: number[], severity: LintSeverity = LINT_RULES[code].severity) => {
    out.push({ code, severity, message, ...(records && { records }) });
  };
  const { header, records } = list;
  const indexed = records.map((record, index) => ({ record, index }));
  const signerVersion = header.signerVersion;
  const below11 = !signerVersion || versionBelow(signerVersion, { major: 1, minor: 1 });
  const versionText = signerVersion ? `signer version ${signerVersion.major}.${signerVersion.minor}` : 'no signer version (certutils default 1.0)';

  // Signature and signer.
  const signature = header.signature;
  const serial = header.signer?.serialNumber;
  const named = serial ? indexed.filter(({ record }) => namesSigner(record, serial, header.signer?.issuerName)) : [];
  const signerRecord = named.find(({ record }) => record.role === ROLES.SAST);
  if (!signature) add('NO_SIGNATURE', 'the header has no SIGNATURE element: phones reject an unsigned trust list');
  else {
    const expected = header.modulusCode === undefined ? undefined : MODULUS_CODES[header.modulusCode];
    if (expected !== signature.length) {
      add('MODULUS_CODE_MISMATCH', `SIGNATURE_MODULUS ${String(header.modulusCode ?? 'absent')} means ${expected === undefined ? 'no known size' : `${expected} bytes`}, the signature has ${signature.length}`);
    }
    const key = signerRecord && recordKey(signerRecord.record);
    if (key?.algorithm === 'RSA' && Math.ceil(key.bits / 8) !== signature.length) {
      add('MODULUS_CODE_MISMATCH', `the signature has ${signature.length} bytes but the signer's key (record ${signerRecord!.index + 1}) is ${key.bits} bits`, [signerRecord!.index]);
    }
  }
  if (!serial) add('NO_SIGNER_INFO', 'the header names no signer serial number, so no record can be found to verify it');
  else if (!signerRecord) {
    const why =
      named.length === 0
        ? `no record has the signer's serial number ${toHex(serial)}${header.signer?.issuerName !== undefined ? ' and issuer' : ''}`
        : `the record${named.length > 1 ? 's' : ''} with the signer's serial number ${named.length > 1 ? 'have' : 'has'} role ${named.map(({ record }) => roleOf(record)).join(', ')}, not SAST`;
    const tail = rollback
      ? '; expected only if phones are to verify this rollback list with the ITL they hold (format.md §7.4)'
      : '; phones could not verify the next file signed by the same key';
    add('SIGNER_NOT_SAST', why + tail, named.map(({ index }) => index), rollback ? 'warning' : 'error');
  }
  const sast = indexed.filter(({ record }) => record.role === ROLES.SAST);
  if (sast.length > MAX_SAST) add('TOO_MANY_SAST', `${sast.length} SAST records; phones accept at most ${MAX_SAST}`, sast.map(({ index }) => index));

  // Empty and duplicate records.
  const anchors = indexed.filter(({ record }) => isAnchor(record) && isEmptyRecord(record));
  if (rollback) {
    const what = list.kind === 'CTL' ? 'a non-secure-mode CTL (format.md §7.2)' : 'a rollback ITL: phones accept any new ITL and unsigned configuration files (format.md §7.1)';
    add('ROLLBACK_LIST', `${what}; emptied TFTP/CCM+TFTP/TVS ${plural(anchors.length, 'record')}: ${numbers(anchors) || 'none'}`, anchors.map(({ index }) => index));
  }
  const empty = indexed.filter(({ record }) => isEmptyRecord(record) && !(rollback && isAnchor(record)));
  if (empty.length > 0) {
    add('EMPTY_RECORD', `${plural(empty.length, 'record')} ${numbers(empty)} ${empty.length === 1 ? 'has' : 'have'} no certificate and no public key${rollback ? '' : ' in a list that is not a rollback list'}`, empty.map(({ index }) => index));
  }
  const groups = new Map<string, number[]>();
  for (const { record, index } of indexed) {
    if (!record.certificate) continue;
    const key = `${String(record.role)}:${toHex(record.certificate)}`;
    groups.set(key, [...(groups.get(key) ?? []), index]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const first = records[group[0]!]!;
    add('DUPLICATE_RECORD', `records ${group.map((i) => i + 1).join(', ')} hold the same certificate in the same role (${describeRecord(first)})`, group);
  }

  // Keys.
  for (const { record, index } of indexed) {
    if (publicKeyMismatch(record)) add('PUBLIC_KEY_MISMATCH', `record ${index + 1} (${describeRecord(record)}): PUBLICKEY is not the key of its CERTIFICATE`, [index]);
  }
  for (const { record, index } of indexed) {
    const key = recordKey(record);
    if (key?.algorithm === 'RSA' && key.bits > MAX_RSA_BITS) {
      add('RSA_KEY_OVER_2048', `record ${index + 1} (${describeRecord(record)}) has a ${key.bits}-bit RSA key; older phones support at most ${MAX_RSA_BITS} bits`, [index]);
    }
  }
  if ((header.digest === 'sha256' || header.digest === 'sha512') && below11) {
    add('DIGEST_NEEDS_SIGNER_VERSION_1_1', `digest ${header.digest === 'sha256' ? 'SHA-256' : 'SHA-512'} with ${versionText}; set SIGNER_VERSION 1.1 or sign with SHA-1`);
  }
  if (below11) {
    const ecTftp = indexed.filter(({ record }) => record.role !== undefined && TFTP_ROLES.includes(record.role) && recordKey(record)?.algorithm === 'EC');
    if (ecTftp.length > 0) {
      add('EC_TFTP_NEEDS_SIGNER_VERSION_1_1', `${plural(ecTftp.length, 'record')} ${numbers(ecTftp)} put${ecTftp.length === 1 ? 's' : ''} an EC certificate in a TFTP role with ${versionText}; HTTPS provisioning needs 1.1`, ecTftp.map(({ index }) => index));
    }
  }

  // The file as served.
  if (bytes.length > MAX_FILE_SIZE) {
    add('FILE_OVER_64K', `the file is ${bytes.length} bytes, over ${MAX_FILE_SIZE}: phones fail registration (Cisco: clusters with more than 39 certificates)`);
  }
  if (options.fileName !== undefined) {
    const mismatch = filenameMismatch(header.filename, options.fileName);
    if (mismatch) add('FILENAME_MISMATCH', mismatch.message, undefined, mismatch.severity);
  }
  if (list.trailing && list.trailing.length > 0) add('TRAILING_BYTES', `${list.trailing.length} bytes after the last record are not a record`);

  // Unusual but kept.
  const unknownRole = indexed.filter(({ record }) => record.role !== undefined && !KNOWN_ROLES.has(record.role));
  if (unknownRole.length > 0) {
    add('UNKNOWN_ROLE', `${plural(unknownRole.length, 'record')} ${numbers(unknownRole)} ${unknownRole.length === 1 ? 'has' : 'have'} an undocumented role code (${unique(unknownRole.map(({ record }) => String(record.role))).join(', ')})`, unknownRole.map(({ index }) => index));
  }
  const headerTags = unique([...walkElements(header.elements)].filter((el) => !(el.tag in HEADER_TAGS)).map((el) => tagName('header', el.tag)));
  if (headerTags.length > 0) add('UNKNOWN_TAG', `the header has undocumented tags: ${headerTags.join(', ')}`);
  const recordTags = indexed.map(({ record, index }) => ({ index, tags: record.elements.filter((el) => !(el.tag in RECORD_TAGS)).map((el) => tagName('record', el.tag)) })).filter((r) => r.tags.length > 0);
  if (recordTags.length > 0) {
    add('UNKNOWN_TAG', `${plural(recordTags.length, 'record')} ${numbers(recordTags)} ${recordTags.length === 1 ? 'has' : 'have'} undocumented tags: ${unique(recordTags.flatMap((r) => r.tags)).join(', ')}`, recordTags.map(({ index }) => index));
  }
  if (serial && hasSignByte(serial)) add('SERIAL_HAS_SIGN_BYTE', `the header's signer serial number ${toHex(serial)} keeps the DER sign byte 00; it must match the installed record byte for byte`);
  const signed = indexed.filter(({ record }) => record.serialNumber && hasSignByte(record.serialNumber));
  if (signed.length > 0) add('SERIAL_HAS_SIGN_BYTE', `${plural(signed.length, 'record')} ${numbers(signed)} store${signed.length === 1 ? 's' : ''} the serial number with its DER sign byte 00 (certutils drops it)`, signed.map(({ index }) => index));

  const findings = sortFindings(out);
  const counts: Record<LintSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { ok: counts.error === 0, findings, counts, rollback, size: bytes.length };
}

function isAnchor(record: TrustRecord): boolean {
  return record.role !== undefined && ROLLBACK_EMPTIED_ROLES.includes(record.role);
}

/** The record names the signer as `verifyTrustList` looks for it: same serial bytes, and the same issuer when both are given. */
function namesSigner(record: TrustRecord, serial: Uint8Array, issuer: string | undefined): boolean {
  return !!record.serialNumber && bytesEqual(record.serialNumber, serial) && (issuer === undefined || record.issuerName === undefined || record.issuerName === issuer);
}

function filenameMismatch(filename: string | undefined, servedAs: string): { message: string; severity: LintSeverity } | undefined {
  const base = servedAs.split(/[\\/]/).pop() ?? servedAs;
  const served = PHONE_REQUESTED.exec(base);
  if (!served) return undefined; // not a name phones ask for: nothing to compare with
  const kind = served[1]!.toUpperCase();
  const generic = `${kind}File.tlv`;
  const accepted = [...new Set([base, generic])];
  if (filename === undefined) return { message: `the header has no FILENAME; served as ${base}, it should say ${generic}`, severity: 'warning' };
  if (accepted.includes(filename)) return undefined;
  const inside = /^(ITL|CTL)/i.exec(filename.split(/[\\/]/).pop() ?? '')?.[1]?.toUpperCase();
  if (inside !== undefined && inside !== kind) {
    return { message: `FILENAME ${JSON.stringify(filename)} is ${article(inside)} but the file is served as ${base}, where phones expect ${article(kind)}`, severity: 'error' };
  }
  return { message: `FILENAME ${JSON.stringify(filename)} does not match the served name ${base} (expected ${accepted.map((n) => JSON.stringify(n)).join(' or ')})`, severity: 'warning' };
}

function article(kind: string): string {
  return kind === 'ITL' ? 'an ITL' : 'a CTL';
}

function versionBelow(v: Version, min: Version): boolean {
  return v.major < min.major || (v.major === min.major && v.minor < min.minor);
}

/** A DER sign byte: a leading 00 that only keeps the next byte's high bit from reading as negative. */
function hasSignByte(serial: Uint8Array): boolean {
  return serial.length > 1 && serial[0] === 0 && serial[1]! >= 0x80;
}

function roleOf(record: TrustRecord): string {
  return record.role === undefined ? 'none' : roleName(record.role);
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function numbers(items: readonly { index: number }[]): string {
  return items.map(({ index }) => index + 1).join(', ');
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

const RULE_ORDER = new Map(Object.keys(LINT_RULES).map((code, i) => [code, i]));

function sortFindings(findings: LintFinding[]): LintFinding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((x, y) => RULE_ORDER.get(x.f.code)! - RULE_ORDER.get(y.f.code)! || x.i - y.i)
    .map(({ f }) => f);
}
