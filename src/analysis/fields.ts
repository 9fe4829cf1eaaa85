import { toHex } from '../bytes/hex.js';
import { boundElements, walkElements } from '../codec/bind.js';
import { HEADER_BINDINGS, HEADER_BINDING_BY_TAG, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, type Binding } from '../format/bindings.js';
import { roleName } from '../format/roles.js';
import { PADDING_TAG, tagName, type Namespace } from '../format/tags.js';
import type { Element, TrustListHeader, TrustRecord } from '../model/types.js';
import { isEmptyRecord } from '../trust/blank.js';

/**
 * A field value as the JSON form writes it (`toJSON`): bytes as lower-case hex, versions as
 * `"1.2"`, roles and digests by name when known (else the code), TIMESTAMP as Unix seconds.
 * `undefined` means the field is absent.
 */
export type FieldValue = string | number;

/** One field that differs between two headers or two records. */
export interface FieldChange {
  /**
   * The model path, as in the JSON form and in `ItlError` paths: `signer/serialNumber`, `digest`,
   * `dnsName`, `certificate`... plus three pseudo-fields: `layout` (element order, tags as
   * numbers, containers in braces), `padding` (header 0x0D bytes) and `elements` (elements no
   * typed field describes: unknown tags, duplicates, values of the wrong size, as `NAME=hex`).
   */
  field: string;
  before?: FieldValue;
  after?: FieldValue;
  /** Whether this difference changes what the file says (see `diffTrustLists`). */
  content: boolean;
}

/** Header fields that change each time the same list is signed again (a signature that appears or disappears is content). */
const NON_CONTENT_HEADER_FIELDS: ReadonlySet<string> = new Set(['timestamp', 'signature']);

function typedValue<M>(b: Binding<M>, model: M): FieldValue | undefined {
  const v = b.get(model);
  return v === undefined ? undefined : (b.codec.toJSON(v) as FieldValue);
}

function compareTyped<M>(bindings: ReadonlyArray<Binding<M>>, skipTag: (tag: number) => boolean, a: M, b: M, nonContent: ReadonlySet<string>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const bind of bindings) {
    if (skipTag(bind.tag)) continue;
    const va = bind.get(a);
    const vb = bind.get(b);
    if (va === undefined && vb === undefined) continue;
    if (va !== undefined && vb !== undefined && bind.codec.equals(va, vb)) continue;
    // A non-content field still counts when it appears or disappears (a signature added to an unsigned list).
    const content = !nonContent.has(bind.path) || (bind.path === 'signature' && (va === undefined) !== (vb === undefined));
    out.push(change(bind.path, typedValue(bind, a), typedValue(bind, b), content));
  }
  return out;
}

function change(field: string, before: FieldValue | undefined, after: FieldValue | undefined, content: boolean): FieldChange {
  return { field, ...(before !== undefined && { before }), ...(after !== undefined && { after }), content };
}

/** Header differences: typed fields (HeaderLength left out: it follows from the rest), then layout, padding, extra elements. */
export function headerFieldChanges(a: TrustListHeader, b: TrustListHeader): FieldChange[] {
  const out = compareTyped(HEADER_BINDINGS, (t) => t === 2, a, b, NON_CONTENT_HEADER_FIELDS);
  out.push(...structureChanges('header', a.elements, b.elements, HEADER_BINDING_BY_TAG));
  return out;
}

/** Record differences: typed fields (RECORDLENGTH left out), then layout and extra elements. */
export function recordFieldChanges(a: TrustRecord, b: TrustRecord): FieldChange[] {
  const out = compareTyped(RECORD_BINDINGS, (t) => t === 1, a, b, new Set());
  out.push(...structureChanges('record', a.elements, b.elements, RECORD_BINDING_BY_TAG));
  return out;
}

function structureChanges<M>(ns: Namespace, a: readonly Element[], b: readonly Element[], byTag: ReadonlyMap<number, Binding<M>>): FieldChange[] {
  const out: FieldChange[] = [];
  const tagsA = tagSet(a);
  const tagsB = tagSet(b);
  const common = new Set([...tagsA].filter((t) => tagsB.has(t)));
  // Order of the elements both sides have: an added or removed field is reported as that field, not as a layout change.
  if (layoutString(a, common) !== layoutString(b, common)) out.push(change('layout', layoutString(a), layoutString(b), false));
  if (ns === 'header') {
    const pa = paddingCount(a);
    const pb = paddingCount(b);
    if (pa !== pb) out.push(change('padding', pa, pb, false));
  }
  const ea = extraElements(ns, a, byTag);
  const eb = extraElements(ns, b, byTag);
  if (ea !== eb) out.push(change('elements', ea || undefined, eb || undefined, true));
  return out;
}

function tagSet(elements: readonly Element[]): Set<number> {
  const s = new Set<number>();
  for (const el of walkElements(elements)) if (!isPadding(el)) s.add(el.tag);
  return s;
}

function isPadding(el: Element): boolean {
  return el.tag === PADDING_TAG && el.value === undefined && !el.children;
}

/** Element order as text, e.g. `1 2 3{4 5 6} 7{8 9{10 11}} 12 14 15`; padding left out. */
export function layoutString(elements: readonly Element[], only?: ReadonlySet<number>): string {
  return elements
    .filter((el) => !isPadding(el) && (!only || only.has(el.tag)))
    .map((el) => (el.children ? `${el.tag}{${layoutString(el.children, only)}}` : String(el.tag)))
    .join(' ');
}

function paddingCount(elements: readonly Element[]): number {
  let n = 0;
  for (const el of walkElements(elements)) if (isPadding(el)) n++;
  return n;
}

/** Elements no typed field describes (unknown tags, duplicates, wrong sizes), as `NAME=hex`, in file order. */
export function extraElements<M>(ns: Namespace, elements: readonly Element[], byTag: ReadonlyMap<number, Binding<M>>): string {
  const bound = boundElements(elements, byTag);
  const out: string[] = [];
  for (const el of walkElements(elements)) {
    if (el.children || isPadding(el) || bound.has(el)) continue;
    out.push(`${tagName(ns, el.tag)}=${el.value ? toHex(el.value) : ''}`);
  }
  return out.join(' ');
}

/** What a CLI prints for one record: who it is, not its bytes. */
export interface RecordSummary {
  role?: number;
  /** `SAST`, `CCM+TFTP`, ... or `ROLE_<n>` for an undocumented code. */
  roleName?: string;
  subjectName?: string;
  issuerName?: string;
  /** Lower-case hex, as stored. */
  serialNumber?: string;
  dnsName?: string;
  ipAddress?: string;
  /** Size of the DER certificate, when the record has one. */
  certificateLength?: number;
  /** No certificate and no public key (an emptied record, format.md §7.2). */
  empty: boolean;
}

export function summarizeRecord(r: TrustRecord): RecordSummary {
  return {
    ...(r.role !== undefined && { role: r.role, roleName: roleName(r.role) }),
    ...(r.subjectName !== undefined && { subjectName: r.subjectName }),
    ...(r.issuerName !== undefined && { issuerName: r.issuerName }),
    ...(r.serialNumber !== undefined && { serialNumber: toHex(r.serialNumber) }),
    ...(r.dnsName !== undefined && { dnsName: r.dnsName }),
    ...(r.ipAddress !== undefined && { ipAddress: r.ipAddress }),
    ...(r.certificate !== undefined && { certificateLength: r.certificate.length }),
    empty: isEmptyRecord(r),
  };
}

/** A short name for messages: `SAST "CN=..."` or `CCM+TFTP cucm-a`. */
export function describeRecord(r: TrustRecord): string {
  const role = r.role === undefined ? 'no role' : roleName(r.role);
  const who = r.subjectName ?? r.dnsName;
  return who ? `${role} "${who}"` : role;
}
