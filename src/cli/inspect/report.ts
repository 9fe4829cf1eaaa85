/**
 * The facts `itl inspect` shows, gathered once from a decoded trust list, then rendered as text
 * (text.ts) or printed as JSON. Key order here is the JSON key order; absent fields are `null`
 * so every report has the same shape.
 */
import { createHash } from 'node:crypto';
import {
  DIGEST_CODES,
  MODULUS_CODES,
  roleLabel,
  roleName,
  tagName,
  toHex,
  type Digest,
  type Element,
  type TrustList,
  type TrustRecord,
  type Version,
} from '../../index.js';
import { boundElements, walkElements } from '../../codec/bind.js';
import { HEADER_BINDING_BY_TAG, RECORD_BINDING_BY_TAG, type Binding } from '../../format/bindings.js';
import { CONTAINER_TAGS, HEADER_TAGS, PADDING_TAG, RECORD_TAGS, type Namespace } from '../../format/tags.js';
import { describePublicKey, type PublicKeyInfo } from './public-key.js';
import type { VerificationReport } from './verification.js';

export interface DigestInfo {
  /** `SHA-1`, `SHA-256`, `SHA-512`, or null for a code no source documents. */
  name: string | null;
  code: number;
}

/** An element that no typed field shows: an unknown tag, or a duplicate / wrong-size known tag. */
export interface OtherElement {
  tag: number;
  name: string;
  length: number;
  offset: number | null;
  reason: 'unknown tag' | 'no typed field' | 'duplicate or wrong size';
  hex: string;
}

export interface HeaderReport {
  version: string | null;
  headerLength: number | null;
  signerVersion: string | null;
  signer: { name: string | null; serialNumber: string | null; issuerName: string | null };
  /** 1-based number of the record that names the signer (SAST role and the header's serial), if any. */
  signerRecord: number | null;
  digest: DigestInfo | null;
  signatureAlgorithm: number | null;
  signature: { length: number; modulusCode: number | null; modulusBytes: number | null } | null;
  filename: string | null;
  timestamp: { raw: number; iso: string } | null;
  padding: number;
  otherElements: OtherElement[];
}

export interface RecordReport {
  /** 1-based, as Cisco's `show itl` numbers records. */
  number: number;
  offset: number | null;
  recordLength: number | null;
  role: { code: number; name: string; label: string } | null;
  dnsName: string | null;
  subjectName: string | null;
  issuerName: string | null;
  serialNumber: string | null;
  publicKey: PublicKeyInfo | null;
  signatureLength: number | null;
  certificate: { length: number; sha1: string } | null;
  ipAddress: string | null;
  certificateHash: string | null;
  hashAlgorithm: DigestInfo | null;
  otherElements: OtherElement[];
}

/** What `itl inspect` reads: a trust list, or a signed file (header then payload, no records). */
export type InspectKind = TrustList['kind'] | 'SGN';

/** A signed file's payload: where it starts, its size and SHA-1, and its first bytes as text. */
export interface PayloadReport {
  offset: number;
  length: number;
  sha1: string;
  /** Up to 120 characters of the start, control characters shown escaped by the text renderer. */
  preview: string;
}

export interface InspectReport {
  file: { path: string; length: number };
  kind: InspectKind;
  checksums: { md5: string; sha1: string };
  header: HeaderReport;
  /** Whether the signature verifies with the file's own SAST record (as `itl verify FILE`); null when not checked. */
  verification: VerificationReport | null;
  records: RecordReport[];
  /** Signed files only. */
  payload?: PayloadReport;
  /** Lenient decodes only. */
  warnings?: { code: string; message: string }[];
  trailing?: { length: number };
}

const DIGEST_NAMES: Record<string, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

export function digestInfo(d: Digest | undefined): DigestInfo | null {
  if (d === undefined) return null;
  if (typeof d === 'number') return { name: null, code: d };
  return { name: DIGEST_NAMES[d] ?? d, code: DIGEST_CODES[d] };
}

const version = (v: Version | undefined) => (v ? `${v.major}.${v.minor}` : null);
const hexOrNull = (b: Uint8Array | undefined) => (b ? toHex(b) : null);

export function hash(algorithm: 'md5' | 'sha1', bytes: Uint8Array): string {
  return createHash(algorithm).update(bytes).digest('hex');
}

/** What a report is built from: a decoded trust list, or a signed file's header with no records. */
export type Inspected = Pick<TrustList, 'header' | 'records' | 'warnings' | 'trailing'> & { kind: InspectKind };

export function buildReport(path: string, bytes: Uint8Array, list: Inspected, verification: VerificationReport | null = null): InspectReport {
  const h = list.header;
  const report: InspectReport = {
    file: { path, length: bytes.length },
    kind: list.kind,
    checksums: { md5: hash('md5', bytes), sha1: hash('sha1', bytes) },
    header: {
      version: version(h.version),
      headerLength: h.headerLength ?? null,
      signerVersion: version(h.signerVersion),
      signer: {
        name: h.signer?.name ?? null,
        serialNumber: hexOrNull(h.signer?.serialNumber),
        issuerName: h.signer?.issuerName ?? null,
      },
      signerRecord: signerRecord(list),
      digest: digestInfo(h.digest),
      signatureAlgorithm: h.signatureAlgorithm ?? null,
      signature: h.signature
        ? {
            length: h.signature.length,
            modulusCode: h.modulusCode ?? null,
            modulusBytes: h.modulusCode !== undefined ? (MODULUS_CODES[h.modulusCode] ?? null) : null,
          }
        : null,
      filename: h.filename ?? null,
      timestamp: h.timestamp !== undefined ? { raw: h.timestamp, iso: isoSeconds(h.timestamp) } : null,
      padding: [...walkElements(h.elements)].filter((e) => e.tag === PADDING_TAG && e.value === undefined).length,
      otherElements: otherElements(h.elements, HEADER_BINDING_BY_TAG, 'header'),
    },
    verification,
    records: list.records.map(recordReport),
  };
  if (list.warnings) report.warnings = list.warnings.map((w) => ({ code: w.code, message: w.message }));
  if (list.trailing) report.trailing = { length: list.trailing.length };
  return report;
}

/** The payload section of a signed file's report. */
export function payloadReport(offset: number, payload: Uint8Array): PayloadReport {
  const preview = new TextDecoder('utf-8', { fatal: false }).decode(payload.subarray(0, 120));
  return { offset, length: payload.length, sha1: hash('sha1', payload), preview };
}

function recordReport(r: TrustRecord, i: number): RecordReport {
  return {
    number: i + 1,
    offset: r.offset ?? null,
    recordLength: r.recordLength ?? null,
    role: r.role !== undefined ? { code: r.role, name: roleName(r.role), label: roleLabel(r.role) } : null,
    dnsName: r.dnsName ?? null,
    subjectName: r.subjectName ?? null,
    issuerName: r.issuerName ?? null,
    serialNumber: hexOrNull(r.serialNumber),
    publicKey: r.publicKey ? describePublicKey(r.publicKey) : null,
    signatureLength: r.signature?.length ?? null,
    certificate: r.certificate ? { length: r.certificate.length, sha1: hash('sha1', r.certificate) } : null,
    ipAddress: r.ipAddress ?? null,
    certificateHash: hexOrNull(r.certificateHash),
    hashAlgorithm: digestInfo(r.hashAlgorithm),
    otherElements: otherElements(r.elements, RECORD_BINDING_BY_TAG, 'record'),
  };
}

/** The record a verifier would check the signature with (format.md §5): role SAST, same serial. */
function signerRecord(list: Inspected): number | null {
  const serial = list.header.signer?.serialNumber;
  if (!serial) return null;
  const hex = toHex(serial);
  const i = list.records.findIndex((r) => r.role === 0 && r.serialNumber !== undefined && toHex(r.serialNumber) === hex);
  return i < 0 ? null : i + 1;
}

function otherElements<M>(elements: readonly Element[], byTag: ReadonlyMap<number, Binding<M>>, ns: Namespace): OtherElement[] {
  const bound = boundElements(elements, byTag);
  const known: Record<number, unknown> = ns === 'header' ? HEADER_TAGS : RECORD_TAGS;
  const out: OtherElement[] = [];
  for (const el of walkElements(elements)) {
    if (el.children || bound.has(el)) continue;
    if (ns === 'header' && (el.tag === PADDING_TAG || CONTAINER_TAGS.has(el.tag))) continue;
    const value = el.value ?? new Uint8Array(0);
    out.push({
      tag: el.tag,
      name: tagName(ns, el.tag),
      length: value.length,
      offset: el.offset ?? null,
      reason: byTag.has(el.tag) ? 'duplicate or wrong size' : el.tag in known ? 'no typed field' : 'unknown tag',
      hex: toHex(value),
    });
  }
  return out;
}

/** `2015-05-07T03:10:47Z`: ISO 8601 UTC without the milliseconds the format cannot carry. */
export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
