import { ByteWriter } from '../bytes/writer.js';
import { ItlError } from '../errors.js';
import { HEADER_BINDINGS, HEADER_BINDING_BY_TAG, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, type Binding } from '../format/bindings.js';
import { PADDING_TAG, RECORD_LENGTH_TAG, tagName, type Namespace } from '../format/tags.js';
import type { Element, TrustList, TrustListHeader, TrustRecord } from '../model/types.js';
import { boundElements } from './bind.js';
import { completeLayout } from './layout.js';

/**
 * Encode a trust list. Every length (containers, HeaderLength, RECORDLENGTH) is computed from the
 * contents; padding, element order and unknown elements are written as stored. A value, header or
 * record over 65535 bytes throws `ERR_TOO_LARGE`.
 */
export function encodeTrustList(list: TrustList): Uint8Array {
  const w = new ByteWriter(estimateSize(list));
  encodeHeaderTo(w, list.header);
  list.records.forEach((rec, i) => encodeRecordTo(w, rec, `records[${i}]`));
  if (list.trailing) w.bytes(list.trailing);
  return w.finish();
}

/** Encode only the header (used for `.sgn` files too, whose body is a payload). */
export function encodeHeaderTo(w: ByteWriter, header: TrustListHeader): void {
  const start = w.length;
  const elements = completeLayout(header.elements ?? [], header, HEADER_BINDINGS, HEADER_BINDING_BY_TAG, 'header');
  const bound = boundElements(elements, HEADER_BINDING_BY_TAG);
  // VERSION and HEADER_LENGTH always lead (format.md §3.1); their stored elements are skipped below.
  const version = HEADER_BINDING_BY_TAG.get(1)!;
  if (header.version === undefined) throw new ItlError('ERR_VALUE', 'the header needs a version', { path: 'header/version' });
  writeTlv(w, 1, encodeValue(version, header, undefined, 'header'), 'header/version');
  w.u8(2);
  w.u16(2);
  const lengthAt = w.reserveU16();
  const skip = new Set([...bound].filter(([, b]) => b.tag <= 2).map(([el]) => el));
  writeElements(w, elements, bound, header, 'header', 'header', skip);
  w.patchU16(lengthAt, w.length - start, 'header/headerLength');
}

export function encodeRecordTo(w: ByteWriter, record: TrustRecord, path: string): void {
  const start = w.length;
  const elements = completeLayout(record.elements ?? [], record, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, 'record');
  const bound = boundElements(elements, RECORD_BINDING_BY_TAG);
  w.u8(RECORD_LENGTH_TAG);
  w.u16(2);
  const lengthAt = w.reserveU16();
  const skip = new Set([...bound].filter(([, b]) => b.tag === RECORD_LENGTH_TAG).map(([el]) => el));
  writeElements(w, elements, bound, record, 'record', path, skip);
  w.patchU16(lengthAt, w.length - start, `${path}/recordLength`);
}

function writeElements<M>(
  w: ByteWriter,
  elements: readonly Element[],
  bound: ReadonlyMap<Element, Binding<M>>,
  model: M,
  namespace: Namespace,
  path: string,
  skip: ReadonlySet<Element>,
): void {
  const header = namespace === 'header';
  for (const el of elements) {
    if (skip.has(el)) continue;
    const name = tagName(namespace, el.tag);
    if (header && el.tag === PADDING_TAG) {
      if (el.value !== undefined || el.children) throw new ItlError('ERR_VALUE', 'a header PADDING element has no value', { path: `${path}/${name}` });
      w.u8(PADDING_TAG);
    } else if (el.children) {
      if (!header) throw new ItlError('ERR_VALUE', 'record elements cannot have children', { path: `${path}/${name}` });
      w.u8(el.tag);
      const at = w.reserveU16();
      writeElements(w, el.children, bound, model, namespace, `${path}/${name}`, skip);
      w.patchU16(at, w.length - at - 2, `${path}/${name}`);
    } else {
      const b = bound.get(el);
      if (b && b.get(model) === undefined) continue; // the typed field was removed
      const value = b ? encodeValue(b, model, el.value, path) : el.value;
      if (value === undefined) throw new ItlError('ERR_VALUE', `element ${name} has no value`, { path: `${path}/${name}` });
      writeTlv(w, el.tag, value, `${path}/${b?.path ?? name}`);
    }
  }
}

/** The stored bytes while the typed field still describes them, else the typed field encoded. */
export function encodeValue<M>(b: Binding<M>, model: M, stored: Uint8Array | undefined, path: string): Uint8Array {
  const value = b.get(model);
  if (stored !== undefined) {
    const decoded = b.codec.decode(stored);
    if (decoded !== undefined && b.codec.equals(decoded, value)) return stored;
  }
  try {
    return b.codec.encode(value);
  } catch (e) {
    if (e instanceof ItlError && e.path === undefined) throw new ItlError(e.code, e.message, { path: `${path}/${b.path}` });
    throw e;
  }
}

function writeTlv(w: ByteWriter, tag: number, value: Uint8Array, path: string): void {
  if (value.length > 0xffff) throw new ItlError('ERR_TOO_LARGE', `a value of ${value.length} bytes does not fit a TLV (max 65535)`, { path });
  w.u8(tag);
  w.u16(value.length);
  w.bytes(value);
}

function estimateSize(list: TrustList): number {
  let n = 512 + (list.trailing?.length ?? 0);
  for (const r of list.records) n += r.recordLength ?? (r.certificate?.length ?? 0) + 512;
  return n;
}
