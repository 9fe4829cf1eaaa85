/**
 * The inspector's table rows: one row per element, in file order, with its byte range, labelled
 * in the vocabulary of `itl inspect` (src/cli/inspect/text.ts) and valued the way it prints them.
 * Node-free: the CLI's report.ts hashes with node:crypto, so the few facts needed are derived
 * here again from the same tables (tags, bindings, roles, digests) and the CLI's Node-free
 * public-key description.
 */
import { toColonHex, toHex } from '../bytes/hex.js';
import { boundElements, walkElements } from '../codec/bind.js';
import { ItlError } from '../errors.js';
import { HEADER_BINDING_BY_TAG, RECORD_BINDING_BY_TAG, type Binding } from '../format/bindings.js';
import { MODULUS_CODES, type Digest } from '../format/digests.js';
import type { Version } from '../format/fields.js';
import { roleLabel, roleName } from '../format/roles.js';
import { HEADER_TAGS, PADDING_TAG, RECORD_TAGS, tagName, type Namespace } from '../format/tags.js';
import type { Element, TrustRecord } from '../model/types.js';

/** A byte range `[start, end)` of the file. */
export type Span = [start: number, end: number];

export interface Row {
  /** `itl inspect` label: `Signer name`, `Role`, ... */
  label: string;
  /** `4 SIGNER_NAME`: the tag and its name in the format tables. */
  tag: string;
  value: string;
  span: Span;
  /** Nesting depth inside header containers. */
  depth: number;
  /** A record's PUBLICKEY: check.js replaces the value with `itl inspect`'s key summary (kept out of the core bundle). */
  publicKey?: Uint8Array;
}

const HEADER_LABELS: Record<number, string> = {
  1: 'Version',
  2: 'Header length',
  3: 'Signer info',
  4: 'Signer name',
  5: 'Signer serial',
  6: 'Signer issuer',
  7: 'Signature info',
  8: 'Digest',
  9: 'Signature alg. info',
  10: 'Signature alg.',
  11: 'Modulus code',
  12: 'Signature',
  13: 'Padding',
  14: 'Filename',
  15: 'Timestamp',
  28: 'Signer version',
};

const RECORD_LABELS: Record<number, string> = {
  1: 'Record length',
  2: 'DNS name',
  3: 'Subject',
  4: 'Role',
  5: 'Issuer',
  6: 'Serial',
  7: 'Public key',
  8: 'Cert signature',
  9: 'Certificate',
  10: 'IP address',
  11: 'Certificate hash',
  12: 'Hash algorithm',
};

export const plural = (n: number, unit = 'byte') => `${n} ${unit}${n === 1 ? '' : 's'}`;
export const hexOffset = (n: number) => `0x${n.toString(16).toUpperCase()} (${n})`;
const DIGESTS: Record<string, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/** `SHA-1 (code 1)`, `unknown digest code 9`: as `itl inspect` prints a digest. */
export function digestText(d: Digest): string {
  return typeof d === 'number' ? `unknown digest code ${d}` : `${DIGESTS[d]} (code ${{ sha1: 1, sha256: 2, sha512: 3 }[d]})`;
}

/** `SAST (code 0), Cisco: "System Administrator Security Token"`. */
export function roleText(code: number): string {
  const name = roleName(code);
  const label = roleLabel(code);
  return `${name} (code ${code})${label !== name ? `, Cisco: "${label}"` : ''}`;
}

/** `2015-05-07T03:10:47Z`: ISO 8601 UTC without the milliseconds the format cannot carry. */
export const isoSeconds = (s: number) => new Date(s * 1000).toISOString().replace('.000Z', 'Z');

const version = (v: Version) => `${v.major}.${v.minor}`;

/** Value formats by binding path (the model field names). */
const FORMAT: Record<string, (v: any, ns: Namespace) => string> = {
  version,
  signerVersion: version,
  headerLength: (v: number) => plural(v),
  recordLength: (v: number) => plural(v),
  'signer/serialNumber': toColonHex,
  serialNumber: toColonHex,
  digest: digestText,
  hashAlgorithm: digestText,
  signatureAlgorithm: (v: number) => `${v} (${v === 0 ? 'RSASSA-PKCS1-v1_5' : 'undocumented'})`,
  modulusCode: (v: number) => (MODULUS_CODES[v] ? `${v} = ${MODULUS_CODES[v]} bytes` : `${v} (undocumented)`),
  signature: (v: Uint8Array) => plural(v.length),
  timestamp: (v: number) => `${isoSeconds(v)} (raw ${v} = 0x${v.toString(16).padStart(8, '0')})`,
  role: roleText,
  dnsName: (v: string) => v || '(empty)',
  publicKey: (v: Uint8Array) => plural(v.length),
  certificate: (v: Uint8Array) => plural(v.length),
  certificateHash: toHex,
};

/** Bytes an element takes in the file: padding is one byte; others are tag, 2-byte length, value. */
export function elementSize(el: Element): number {
  if (el.children) return 3 + el.children.reduce((n, c) => n + elementSize(c), 0);
  return el.value === undefined ? 1 : 3 + el.value.length;
}

export function elementRows(elements: readonly Element[], ns: Namespace): Row[] {
  const byTag: ReadonlyMap<number, Binding<any>> = ns === 'header' ? HEADER_BINDING_BY_TAG : RECORD_BINDING_BY_TAG;
  const bound = boundElements(elements, byTag);
  const labels = ns === 'header' ? HEADER_LABELS : RECORD_LABELS;
  const known: Record<number, unknown> = ns === 'header' ? HEADER_TAGS : RECORD_TAGS;
  const rows: Row[] = [];
  const visit = (list: readonly Element[], depth: number) => {
    for (const el of list) {
      const start = el.offset ?? 0;
      const size = elementSize(el);
      const b = bound.get(el);
      let label = labels[el.tag] ?? 'Other element';
      let value: string;
      if (el.children) value = `${plural(size - 3)} of nested elements`;
      else if (ns === 'header' && el.tag === PADDING_TAG && el.value === undefined) value = '0x0D';
      else if (b) value = (FORMAT[b.path] ?? String)(b.codec.decode(el.value!), ns);
      else {
        const raw = el.value ?? new Uint8Array();
        const reason = byTag.has(el.tag) ? 'duplicate or wrong size' : el.tag in known ? 'no typed field' : 'unknown tag';
        label = 'Other element';
        value = `${plural(raw.length)} (${reason})${raw.length ? ': ' + toHex(raw.subarray(0, 24)) + (raw.length > 24 ? '…' : '') : ''}`;
      }
      const row: Row = { label, tag: `${el.tag} ${tagName(ns, el.tag)}`, value, span: [start, start + size], depth };
      if (b?.path === 'publicKey') row.publicKey = el.value;
      rows.push(row);
      if (el.children) visit(el.children, depth + 1);
    }
  };
  visit(elements, 0);
  return rows;
}

/** The span of a whole record. */
export function recordSpan(r: TrustRecord): Span {
  const start = r.offset ?? 0;
  return [start, start + (r.recordLength ?? r.elements.reduce((n, e) => n + elementSize(e), 0))];
}

/** The header's SIGNATURE element (first top-level one), as verifyTrustList finds it. */
export function signatureSpan(elements: readonly Element[]): Span | undefined {
  for (const el of walkElements(elements)) if (el.tag === 12 && el.value && el.offset !== undefined) return [el.offset, el.offset + 3 + el.value.length];
  return undefined;
}

/** `ERR_TRUNCATED: message (header, offset 307)`: an ItlError message names its path and offset. */
export function errorText(e: unknown): string {
  return e instanceof ItlError ? `${e.code}: ${e.message}` : String(e);
}
