import { bytesEqual, toHex } from '../bytes/hex.js';
import { describeRecord, headerFieldChanges, recordFieldChanges, summarizeRecord, type FieldChange, type FieldValue, type RecordSummary } from './fields.js';
import { analyze, type TrustListInput } from './input.js';
import { matchRecords, movedPairs, type MatchRule } from './match.js';

/** Stable codes of `diffTrustLists` changes. Programs switch on these; messages are for people. */
export type DiffCode =
  | 'VERSION_CHANGED' // header VERSION
  | 'SIGNER_VERSION_CHANGED' // header SIGNER_VERSION (tag 28)
  | 'SIGNER_CHANGED' // signer name, serial number or issuer (one change per field)
  | 'DIGEST_CHANGED' // DIGEST_ALGORITHM
  | 'SIGNATURE_ALGORITHM_CHANGED'
  | 'MODULUS_CODE_CHANGED' // SIGNATURE_MODULUS (follows the signer's key size)
  | 'FILENAME_CHANGED'
  | 'TIMESTAMP_CHANGED' // not content
  | 'SIGNATURE_CHANGED' // the signature bytes: not content
  | 'HEADER_LAYOUT_CHANGED' // header element order: not content
  | 'HEADER_PADDING_CHANGED' // number of 0x0D bytes: not content
  | 'HEADER_ELEMENTS_CHANGED' // unknown, duplicate or odd-sized header elements
  | 'TRAILING_CHANGED' // bytes after the last record (lenient models only)
  | 'RECORD_ADDED'
  | 'RECORD_REMOVED'
  | 'RECORD_CHANGED'
  | 'RECORD_MOVED'; // record order: not content

/** One header difference. */
export interface HeaderChange extends FieldChange {
  code: DiffCode;
  message: string;
}

/** A record only in `b` (`index` in `b`) or only in `a` (`index` in `a`). Indexes are 0-based. */
export interface RecordPresence {
  code: 'RECORD_ADDED' | 'RECORD_REMOVED';
  index: number;
  record: RecordSummary;
  message: string;
}

/** A record of `a` paired with a record of `b` whose fields differ. */
export interface RecordChange {
  code: 'RECORD_CHANGED';
  beforeIndex: number;
  afterIndex: number;
  matchedBy: MatchRule;
  fields: FieldChange[];
  /** Whether any of `fields` is content. A record whose only change is its element order is not. */
  content: boolean;
  message: string;
}

/** A paired record whose position relative to the other paired records changed. Never content. */
export interface RecordMove {
  code: 'RECORD_MOVED';
  beforeIndex: number;
  afterIndex: number;
  message: string;
}

export interface TrustListDiff {
  /** Same content (see `diffTrustLists`). A CLI exits 0 on this, 1 otherwise. */
  same: boolean;
  /** Byte for byte the same file. Implies `same`. */
  identical: boolean;
  /** Header differences, in header field order (version, signer version, signer, digest, ..., then layout, padding, elements, trailing). */
  header: HeaderChange[];
  records: {
    /** Records only in `b`, by index in `b`. */
    added: RecordPresence[];
    /** Records only in `a`, by index in `a`. */
    removed: RecordPresence[];
    /** Paired records that differ, by index in `a`. */
    changed: RecordChange[];
    /** Paired records that changed place, by index in `a`. */
    moved: RecordMove[];
  };
}

const HEADER_CODES: Record<string, DiffCode> = {
  version: 'VERSION_CHANGED',
  signerVersion: 'SIGNER_VERSION_CHANGED',
  'signer/name': 'SIGNER_CHANGED',
  'signer/serialNumber': 'SIGNER_CHANGED',
  'signer/issuerName': 'SIGNER_CHANGED',
  digest: 'DIGEST_CHANGED',
  signatureAlgorithm: 'SIGNATURE_ALGORITHM_CHANGED',
  modulusCode: 'MODULUS_CODE_CHANGED',
  signature: 'SIGNATURE_CHANGED',
  filename: 'FILENAME_CHANGED',
  timestamp: 'TIMESTAMP_CHANGED',
  layout: 'HEADER_LAYOUT_CHANGED',
  padding: 'HEADER_PADDING_CHANGED',
  elements: 'HEADER_ELEMENTS_CHANGED',
  trailing: 'TRAILING_CHANGED',
};

const HEADER_LABELS: Record<string, string> = {
  version: 'version',
  signerVersion: 'signer version',
  'signer/name': 'signer name',
  'signer/serialNumber': 'signer serial number',
  'signer/issuerName': 'signer issuer',
  digest: 'digest',
  signatureAlgorithm: 'signature algorithm',
  modulusCode: 'signature modulus code',
  signature: 'signature',
  filename: 'FILENAME',
  timestamp: 'timestamp',
  layout: 'header element order',
  padding: 'header padding bytes',
  elements: 'unrecognised header elements',
  trailing: 'trailing bytes',
};

/**
 * Compare two trust lists (file bytes, decoded strictly, or models).
 *
 * **Content.** `same` is true when the two files say the same thing to a phone: the same header
 * fields and the same set of records with the same fields. These differences are reported but do
 * not count as content (`content: false`):
 * - TIMESTAMP and the signature bytes: re-signing the same list gives a new timestamp and, with a
 *   new timestamp, a new signature. (A change of signer, digest or key size is content.)
 * - the order of the header elements and of the elements inside a record (CUCM and certutils
 *   orders; phones accept both, format.md §3.2, §4.9), and the number of header padding bytes;
 * - the order of the records (`records.moved`): phones find records by role and serial
 *   (format.md §5), not by position.
 * HeaderLength and RECORDLENGTH are not compared: they follow from the rest. Elements that no
 * typed field describes (unknown tags, duplicates, values of the wrong size) are content.
 * `identical` tells whether the bytes are the same.
 *
 * **Pairing.** Records are paired one to one, greedily and deterministically: first by the same
 * certificate bytes, then by the same serial number and issuer, then by the same role and DNS name
 * (see `matchRecords`). Paired records with differing fields are `changed`; unpaired ones are
 * `removed` (from `a`) or `added` (in `b`). Indexes are 0-based; messages number records from 1,
 * as Cisco's `show itl` does.
 */
export function diffTrustLists(a: TrustListInput, b: TrustListInput): TrustListDiff {
  const A = analyze(a);
  const B = analyze(b);
  const header: HeaderChange[] = headerFieldChanges(A.list.header, B.list.header).map((c) => headerChange(c));
  const ta = A.list.trailing;
  const tb = B.list.trailing;
  if ((ta || tb) && !(ta && tb && bytesEqual(ta, tb))) {
    header.push(headerChange({ field: 'trailing', ...(ta && { before: toHex(ta) }), ...(tb && { after: toHex(tb) }), content: true }));
  }

  const ra = A.list.records;
  const rb = B.list.records;
  const matches = matchRecords(ra, rb);
  const pairedA = new Set(matches.map((m) => m.beforeIndex));
  const pairedB = new Set(matches.map((m) => m.afterIndex));
  const removed: RecordPresence[] = [];
  ra.forEach((r, index) => {
    if (!pairedA.has(index)) removed.push({ code: 'RECORD_REMOVED', index, record: summarizeRecord(r), message: `record ${index + 1} (${describeRecord(r)}) removed` });
  });
  const added: RecordPresence[] = [];
  rb.forEach((r, index) => {
    if (!pairedB.has(index)) added.push({ code: 'RECORD_ADDED', index, record: summarizeRecord(r), message: `record ${index + 1} (${describeRecord(r)}) added` });
  });
  const changed: RecordChange[] = [];
  for (const m of matches) {
    const fields = recordFieldChanges(ra[m.beforeIndex]!, rb[m.afterIndex]!);
    if (fields.length === 0) continue;
    const where = m.beforeIndex === m.afterIndex ? `record ${m.beforeIndex + 1}` : `record ${m.beforeIndex + 1} (now ${m.afterIndex + 1})`;
    changed.push({
      code: 'RECORD_CHANGED',
      ...m,
      fields,
      content: fields.some((f) => f.content),
      message: `${where} (${describeRecord(ra[m.beforeIndex]!)}), paired by ${m.matchedBy}: ${fields.map((f) => f.field).join(', ')} changed`,
    });
  }
  const moved: RecordMove[] = movedPairs(matches).map((m) => ({
    code: 'RECORD_MOVED',
    beforeIndex: m.beforeIndex,
    afterIndex: m.afterIndex,
    message: `record ${m.beforeIndex + 1} (${describeRecord(ra[m.beforeIndex]!)}) moved to position ${m.afterIndex + 1}`,
  }));

  const identical = bytesEqual(A.bytes, B.bytes);
  const same = identical || (added.length === 0 && removed.length === 0 && !changed.some((c) => c.content) && !header.some((h) => h.content));
  return { same, identical, header, records: { added, removed, changed, moved } };
}

function headerChange(c: FieldChange): HeaderChange {
  const label = HEADER_LABELS[c.field] ?? c.field;
  return { code: HEADER_CODES[c.field] ?? 'HEADER_ELEMENTS_CHANGED', ...c, message: `${label}: ${show(c.before)} -> ${show(c.after)}` };
}

/** A value for a message: long hex is cut short (the full value is in `before`/`after`). */
function show(v: FieldValue | undefined): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'number') return String(v);
  if (v.length > 48 && /^[0-9a-f]+$/.test(v)) return `${v.slice(0, 16)}... (${v.length / 2} bytes)`;
  return JSON.stringify(v);
}
