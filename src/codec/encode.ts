import { ByteWriter } from '../bytes/writer.js';
import { ItlError } from '../errors.js';
import { HEADER_BINDINGS, HEADER_BINDING_BY_TAG, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, type Binding, type BindingTable } from '../format/bindings.js';
import { PADDING_TAG, RECORD_LENGTH_TAG, tagName, type Namespace } from '../format/tags.js';
import type { Element, TrustList, TrustListHeader, TrustRecord } from '../model/types.js';
import { bindingOf, type Lookup } from './bind.js';
import { completeLayout } from './layout.js';
import { checkNesting } from './nesting.js';
import { untouched } from './untouched.js';

/**
 * Encode a trust list. Every length (containers, HeaderLength, RECORDLENGTH) is computed from the
 * contents; padding, element order and unknown elements are written as stored. A value, header or
 * record over 65535 bytes throws `ERR_TOO_LARGE`.
 */
export function encodeTrustList(list: TrustList): Uint8Array {
  const whole = untouchedFile(list);
  if (whole) return whole;
  const w = new ByteWriter(estimateSize(list));
  encodeHeaderTo(w, list.header);
  encodeBodyTo(w, list);
  return w.finish();
}

/**
 * The usual case of re-encoding a decoded list: when the header and every record are untouched
 * (untouched.ts) and lie end to end in the input they were decoded from, the file is that stretch
 * of the input, copied once.
 */
function untouchedFile(list: TrustList): Uint8Array | undefined {
  const header = list.header;
  if (list.trailing || !header) return undefined;
  const first = untouched(header, header.elements ?? [], HEADER_BINDINGS);
  if (!first || first.start !== 0) return undefined;
  let end = first.end;
  const records = list.records;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const snap = untouched(r, r.elements ?? [], RECORD_BINDINGS);
    if (!snap || snap.source !== first.source || snap.start !== end) return undefined;
    end = snap.end;
  }
  return first.source.slice(0, end);
}

/** What follows the header: the records, then (lenient decoding) the trailing bytes. */
export function encodeBodyTo(w: ByteWriter, list: Pick<TrustList, 'records' | 'trailing'>): void {
  const records = list.records;
  for (let i = 0; i < records.length; i++) encodeRecordTo(w, records[i]!, i);
  if (list.trailing) w.bytes(list.trailing);
}

/** Encode only the header (used for `.sgn` files too, whose body is a payload). */
export function encodeHeaderTo(w: ByteWriter, header: TrustListHeader): void {
  const stored = header.elements ?? [];
  const snap = untouched(header, stored, HEADER_BINDINGS);
  if (snap) return w.run(snap.source, snap.start, snap.end);
  checkNesting(stored, 'header', 'header');
  // VERSION and HEADER_LENGTH always lead (format.md §3.1); their stored elements are skipped below.
  const version = HEADER_BINDING_BY_TAG.get(1)!;
  if (header.version === undefined) throw new ItlError('ERR_VALUE', 'the header needs a version', { path: 'header/version' });
  writeModel(w, header, stored, HEADER_BINDINGS, HEADER_BINDING_BY_TAG, 'header', -1, () => {
    w.tlv(1, encodeValue(version, header, undefined, 'header'));
    w.u8(2);
    w.u16(2);
    return w.reserveU16();
  });
}

/** Encode one record; `index` names it in errors (`records[index]`), or a path is given. */
export function encodeRecordTo(w: ByteWriter, record: TrustRecord, index: number | string): void {
  const stored = record.elements ?? [];
  const snap = untouched(record, stored, RECORD_BINDINGS);
  if (snap) return w.run(snap.source, snap.start, snap.end);
  for (let i = 0; i < stored.length; i++) {
    // As checkNesting, before any walk: a record element with children (even a cycle) is refused.
    if (stored[i]!.children) throw new ItlError('ERR_VALUE', 'record elements cannot have children', { path: `${rootPath(index)}/${tagName('record', stored[i]!.tag)}` });
  }
  writeModel(w, record, stored, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, 'record', index, () => {
    w.u8(RECORD_LENGTH_TAG);
    w.u16(2);
    return w.reserveU16();
  });
}

/** `header`, or `records[i]`: typed fields are named from there (`header/signer/serialNumber`), whatever container holds them. */
function rootPath(index: number | string): string {
  return index === -1 ? 'header' : typeof index === 'number' ? `records[${index}]` : index;
}

/**
 * Write a header or record: `lead` writes the leading elements and returns where the length to
 * patch is; then the element list. Written first as stored, which is the usual case; when a typed
 * field turns out to be set but bound to no element (added by the caller, or a model built from
 * typed fields only), it is written again from a copy of the list with placeholders (layout.ts).
 */
function writeModel<M>(
  w: ByteWriter,
  model: M,
  stored: readonly Element[],
  bindings: ReadonlyArray<Binding<M>>,
  byTag: BindingTable<M>,
  namespace: 'header' | 'record',
  index: number | string,
  lead: () => number,
): void {
  const start = w.length;
  const computedUpTo = namespace === 'header' ? 2 : RECORD_LENGTH_TAG;
  let lengthAt = lead();
  const writer = new ElementWriter(w, model, byTag.at as Lookup<M>, namespace, computedUpTo, index);
  let missing: boolean;
  try {
    writer.write(stored, undefined);
    missing = hasMissing(model, bindings, writer.seen, computedUpTo);
  } catch (e) {
    // The list with placeholders decides which error comes first.
    if (!hasMissing(model, bindings, writer.seen, computedUpTo)) throw e;
    missing = true;
  }
  if (missing) {
    w.rewind(start);
    lengthAt = lead();
    const elements = completeLayout(stored, model, bindings, byTag, namespace);
    new ElementWriter(w, model, byTag.at as Lookup<M>, namespace, computedUpTo, index).write(elements, undefined);
  }
  const length = w.length - start;
  if (length > 0xffff) w.patchU16(lengthAt, length, `${rootPath(index)}/${namespace === 'header' ? 'headerLength' : 'recordLength'}`); // throws ERR_TOO_LARGE
  w.patchU16(lengthAt, length, '');
}

/** A typed field set but bound to no element (`seen`: the bound tags); computed lengths never count. */
function hasMissing<M>(model: M, bindings: ReadonlyArray<Binding<M>>, seen: number, computedUpTo: number): boolean {
  for (let i = 0; i < bindings.length; i++) {
    const b = bindings[i]!;
    if (b.tag !== computedUpTo && !(seen & (1 << b.tag)) && b.get(model) !== undefined) return true;
  }
  return false;
}

/**
 * Writes an element list in order, binding typed fields on the way by the rule of bind.ts (the
 * same element object listed twice is bound twice, as `boundElements`' Map says). Bound elements
 * of tags up to `computedUpTo` (VERSION and HEADER_LENGTH, or RECORDLENGTH) are skipped: the
 * caller writes them. Paths are only built for errors: this runs for every element encoded.
 */
class ElementWriter<M> {
  /** The bound tags so far, as bits. */
  seen = 0;
  /** The element bound for each tag: an element object listed twice is bound both times. */
  private firsts: (Element | undefined)[] | undefined = undefined;
  private readonly w: ByteWriter;
  private readonly model: M;
  private readonly at: Lookup<M>;
  private readonly namespace: Namespace;
  private readonly computedUpTo: number;
  /** `records[index]` for records, -1 for the header. */
  private readonly index: number | string;

  constructor(w: ByteWriter, model: M, at: Lookup<M>, namespace: Namespace, computedUpTo: number, index: number | string) {
    this.w = w;
    this.model = model;
    this.at = at;
    this.namespace = namespace;
    this.computedUpTo = computedUpTo;
    this.index = index;
  }

  private root(): string {
    return rootPath(this.index);
  }

  /** `inner` is the container path below the root (`header/SIGNATURE_INFO`), for errors. */
  write(elements: readonly Element[], inner: string | undefined): void {
    const { w, at, namespace } = this;
    const header = namespace === 'header';
    for (let i = 0; i < elements.length; i++) {
      const el = elements[i]!;
      const tag = el.tag;
      if ((tag & 0xff) !== tag) throw new ItlError('ERR_VALUE', `tag ${String(tag)} does not fit a byte`, { path: `${inner ?? this.root()}/elements[${i}]` });
      if (header && tag === PADDING_TAG) {
        if (el.value !== undefined || el.children) throw new ItlError('ERR_VALUE', 'a header PADDING element has no value', { path: `${inner ?? this.root()}/${tagName(namespace, tag)}` });
        w.u8(PADDING_TAG);
        continue;
      }
      if (el.children) {
        const name = tagName(namespace, tag);
        const path = `${inner ?? this.root()}/${name}`;
        if (!header) throw new ItlError('ERR_VALUE', 'record elements cannot have children', { path });
        w.u8(tag);
        const lengthAt = w.reserveU16();
        this.write(el.children, path);
        w.patchU16(lengthAt, w.length - lengthAt - 2, path);
        continue;
      }
      const b = this.bind(el, at);
      if (b) {
        if (b.tag <= this.computedUpTo) continue;
        const typed = b.get(this.model);
        if (typed === undefined) continue; // the typed field was removed
        let value = el.value;
        if (value === undefined || !b.codec.matches(value, typed)) value = encodeTyped(b, typed, this.root()); // bind() checked accepts
        if (value.length > 0xffff) tooLarge(value, `${this.root()}/${b.path}`);
        w.tlv(tag, value);
      } else {
        const value = el.value;
        if (value === undefined) throw new ItlError('ERR_VALUE', `element ${tagName(namespace, tag)} has no value`, { path: `${inner ?? this.root()}/${tagName(namespace, tag)}` });
        if (value.length > 0xffff) tooLarge(value, `${inner ?? this.root()}/${tagName(namespace, tag)}`);
        w.tlv(tag, value);
      }
    }
  }

  /** The binding of `el` if the rule binds it, in walk order. */
  private bind(el: Element, at: Lookup<M>): Binding<M> | undefined {
    const b = bindingOf(at, el.tag);
    if (!b) return undefined;
    const bit = 1 << b.tag;
    if (this.seen & bit) return this.firsts?.[b.tag] === el ? b : undefined;
    if (el.value !== undefined && !b.codec.accepts(el.value)) return undefined;
    this.seen |= bit;
    (this.firsts ??= [])[b.tag] = el;
    return b;
  }
}

function tooLarge(value: Uint8Array, path: string): never {
  throw new ItlError('ERR_TOO_LARGE', `a value of ${value.length} bytes does not fit a TLV (max 65535)`, { path });
}

/** The stored bytes while the typed field still describes them, else the typed field encoded. */
export function encodeValue<M>(b: Binding<M>, model: M, stored: Uint8Array | undefined, path: string): Uint8Array {
  return valueToWrite(b, b.get(model), stored, path);
}

function valueToWrite<M>(b: Binding<M>, value: unknown, stored: Uint8Array | undefined, path: string): Uint8Array {
  if (stored !== undefined && b.codec.accepts(stored) && b.codec.matches(stored, value)) return stored;
  return encodeTyped(b, value, path);
}

/** The typed field's canonical bytes; a value the codec refuses is an `ERR_VALUE` at `path/field`. */
function encodeTyped<M>(b: Binding<M>, value: unknown, path: string): Uint8Array {
  try {
    return b.codec.encode(value);
  } catch (e) {
    if (e instanceof ItlError && e.path === undefined) throw new ItlError(e.code, e.message, { path: `${path}/${b.path}` });
    throw e;
  }
}

/**
 * The output size when nothing changed since decoding (so the buffer needs no final copy); a guess
 * otherwise. The stored lengths are informational and may be anything a caller or a JSON form put
 * there (0, NaN, -1): only a plausible one is used as a hint, so the writer never starts empty (a
 * zero-capacity writer cannot grow by doubling) or with an invalid size.
 */
function estimateSize(list: TrustList): number {
  return lengthHint(list.header.headerLength, 512) + estimateBodySize(list);
}

/** `estimateSize` of what follows the header (the signer sizes its file from it too). */
export function estimateBodySize(list: Pick<TrustList, 'records' | 'trailing'>): number {
  let n = list.trailing?.length ?? 0;
  for (const r of list.records) n += lengthHint(r.recordLength, (r.certificate?.length ?? 0) + 512);
  return n;
}

function lengthHint(stored: number | undefined, fallback: number): number {
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 5 && stored <= 0xffff ? stored : fallback;
}
