import { ByteWriter } from '../bytes/writer.js';
import { ItlError } from '../errors.js';
import { HEADER_BINDINGS, HEADER_BINDING_BY_TAG, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, type Binding } from '../format/bindings.js';
import { PADDING_TAG, RECORD_LENGTH_TAG, tagName, type Namespace } from '../format/tags.js';
import type { Element, TrustList, TrustListHeader, TrustRecord } from '../model/types.js';
import type { BindTree } from './bind.js';
import { completeLayoutBound } from './layout.js';
import { checkNesting } from './nesting.js';

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
  checkNesting(header.elements ?? [], 'header', 'header');
  const { elements, tree } = completeLayoutBound(header.elements ?? [], header, HEADER_BINDINGS, HEADER_BINDING_BY_TAG, 'header');
  // VERSION and HEADER_LENGTH always lead (format.md §3.1); their stored elements are skipped below.
  const version = HEADER_BINDING_BY_TAG.get(1)!;
  if (header.version === undefined) throw new ItlError('ERR_VALUE', 'the header needs a version', { path: 'header/version' });
  writeTlv(w, 1, encodeValue(version, header, undefined, 'header'), 'header/version');
  w.u8(2);
  w.u16(2);
  const lengthAt = w.reserveU16();
  writeElements(w, elements, tree, header, 'header', 'header', 2);
  w.patchU16(lengthAt, w.length - start, 'header/headerLength');
}

export function encodeRecordTo(w: ByteWriter, record: TrustRecord, path: string): void {
  const start = w.length;
  checkNesting(record.elements ?? [], 'record', path);
  const { elements, tree } = completeLayoutBound(record.elements ?? [], record, RECORD_BINDINGS, RECORD_BINDING_BY_TAG, 'record');
  w.u8(RECORD_LENGTH_TAG);
  w.u16(2);
  const lengthAt = w.reserveU16();
  writeElements(w, elements, tree, record, 'record', path, RECORD_LENGTH_TAG);
  w.patchU16(lengthAt, w.length - start, `${path}/recordLength`);
}

/**
 * Write `elements` in order. Bound elements of tags up to `computedUpTo` (VERSION and
 * HEADER_LENGTH, or RECORDLENGTH) are skipped: the caller writes them. Names and paths are only
 * built for errors: this runs for every element encoded.
 */
function writeElements<M>(
  w: ByteWriter,
  elements: readonly Element[],
  tree: BindTree<M>,
  model: M,
  namespace: Namespace,
  path: string,
  computedUpTo: number,
): void {
  const header = namespace === 'header';
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const node = tree[i];
    const b = node === undefined || Array.isArray(node) ? undefined : node;
    if (b && b.tag <= computedUpTo) continue;
    if ((el.tag & 0xff) !== el.tag) throw new ItlError('ERR_VALUE', `tag ${String(el.tag)} does not fit a byte`, { path: `${path}/elements[${i}]` });
    if (header && el.tag === PADDING_TAG) {
      if (el.value !== undefined || el.children) throw new ItlError('ERR_VALUE', 'a header PADDING element has no value', { path: `${path}/${tagName(namespace, el.tag)}` });
      w.u8(PADDING_TAG);
    } else if (el.children) {
      const name = tagName(namespace, el.tag);
      if (!header) throw new ItlError('ERR_VALUE', 'record elements cannot have children', { path: `${path}/${name}` });
      w.u8(el.tag);
      const at = w.reserveU16();
      writeElements(w, el.children, node as BindTree<M>, model, namespace, `${path}/${name}`, computedUpTo);
      w.patchU16(at, w.length - at - 2, `${path}/${name}`);
    } else {
      let value: Uint8Array | undefined;
      if (b) {
        const typed = b.get(model);
        if (typed === undefined) continue; // the typed field was removed
        value = valueToWrite(b, typed, el.value, rootPath(path));
      } else {
        value = el.value;
        if (value === undefined) throw new ItlError('ERR_VALUE', `element ${tagName(namespace, el.tag)} has no value`, { path: `${path}/${tagName(namespace, el.tag)}` });
      }
      if (value.length > 0xffff) writeTlv(w, el.tag, value, b ? `${rootPath(path)}/${b.path}` : `${path}/${tagName(namespace, el.tag)}`); // throws ERR_TOO_LARGE
      w.u8(el.tag);
      w.u16(value.length);
      w.bytes(value);
    }
  }
}

/** `header` or `records[i]`: typed fields are named from there (`header/signer/serialNumber`), whatever container holds them. */
function rootPath(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 ? path : path.slice(0, slash);
}

/** The stored bytes while the typed field still describes them, else the typed field encoded. */
export function encodeValue<M>(b: Binding<M>, model: M, stored: Uint8Array | undefined, path: string): Uint8Array {
  return valueToWrite(b, b.get(model), stored, path);
}

function valueToWrite<M>(b: Binding<M>, value: unknown, stored: Uint8Array | undefined, path: string): Uint8Array {
  if (stored !== undefined && b.codec.accepts(stored) && b.codec.matches(stored, value)) return stored;
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

/**
 * The output size when nothing changed since decoding (so the buffer needs no final copy); a guess
 * otherwise. The stored lengths are informational and may be anything a caller or a JSON form put
 * there (0, NaN, -1): only a plausible one is used as a hint, so the writer never starts empty (a
 * zero-capacity writer cannot grow by doubling) or with an invalid size.
 */
function estimateSize(list: TrustList): number {
  let n = lengthHint(list.header.headerLength, 512) + (list.trailing?.length ?? 0);
  for (const r of list.records) n += lengthHint(r.recordLength, (r.certificate?.length ?? 0) + 512);
  return n;
}

function lengthHint(stored: number | undefined, fallback: number): number {
  return typeof stored === 'number' && Number.isInteger(stored) && stored >= 5 && stored <= 0xffff ? stored : fallback;
}
