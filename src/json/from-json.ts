import { fromHex } from '../bytes/hex.js';
import { ItlError } from '../errors.js';
import { HEADER_BINDING_BY_TAG, RECORD_BINDING_BY_TAG, type Binding } from '../format/bindings.js';
import { CONTAINER_TAGS, PADDING_TAG, type Namespace } from '../format/tags.js';
import { guessKind } from '../codec/kind.js';
import type { Element, TrustList, TrustListHeader, TrustRecord } from '../model/types.js';
import { JSON_FORMAT, type TrustListJSON } from './to-json.js';

const MAX_VALUE_HEX = 2 * 0xffff;
/**
 * No typed "value" string longer than this can be encoded: a string of n UTF-16 units is at least
 * n UTF-8 bytes, and hex with colons takes 3 characters a byte. Longer ones are refused before
 * they are parsed (a 100 MB hex value would otherwise take seconds to parse, then fail to encode).
 */
const MAX_VALUE_TEXT = 3 * 0xffff;
const MAX_DEPTH = 3;

function fail(message: string, path: string): never {
  throw new ItlError('ERR_JSON', message, { path });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Rebuild a trust list from its JSON form (an object, or JSON text). An element gives its typed
 * `value`, its stored bytes as `hex`, or both when they agree (`hex` then keeps a non-canonical
 * encoding, such as a string without its NUL). When both are given and disagree, nobody can tell
 * which one was edited: that is an `ERR_JSON`. Anything malformed throws an `ItlError` with code
 * `ERR_JSON` and the path of the offending part.
 */
export function fromJSON(json: TrustListJSON | unknown): TrustList {
  let doc = json;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch (e) {
      throw new ItlError('ERR_JSON', `not JSON: ${(e as Error).message}`, { path: '', cause: e });
    }
  }
  if (!isObject(doc)) fail('expected a JSON object', '');
  if (doc.format !== JSON_FORMAT) fail(`"format" must be "${JSON_FORMAT}"`, 'format');
  if (!Array.isArray(doc.header)) fail('"header" must be an array of elements', 'header');
  if (!Array.isArray(doc.records)) fail('"records" must be an array', 'records');

  const header: TrustListHeader = { elements: [] };
  header.elements = readElements(doc.header, 'header', header, HEADER_BINDING_BY_TAG, 'header', new Set(), 0);
  const records = doc.records.map((r: unknown, i: number): TrustRecord => {
    const path = `records[${i}]`;
    if (!isObject(r) || !Array.isArray(r.elements)) fail('a record must be {"elements": [...]}', path);
    const rec: TrustRecord = { elements: [] };
    rec.elements = readElements(r.elements, 'record', rec, RECORD_BINDING_BY_TAG, path, new Set(), 0);
    return rec;
  });
  if (doc.kind !== undefined && doc.kind !== 'ITL' && doc.kind !== 'CTL') fail('"kind" must be "ITL" or "CTL"', 'kind');
  const list: TrustList = { kind: (doc.kind as TrustList['kind']) ?? guessKind(header.filename, records), header, records };
  if (doc.trailing !== undefined) {
    const t = typeof doc.trailing === 'string' ? fromHex(doc.trailing) : undefined;
    if (!t) fail('"trailing" must be a hex string', 'trailing');
    list.trailing = t;
  }
  return list;
}

/** HEADER_LENGTH and RECORD_LENGTH values are informational: the encoder computes them. */
function isLength(ns: Namespace, tag: number): boolean {
  return ns === 'header' ? tag === 2 : tag === 1;
}

function readElements<M>(
  items: unknown[],
  ns: Namespace,
  model: M,
  byTag: ReadonlyMap<number, Binding<M>>,
  path: string,
  boundTags: Set<number>,
  depth: number,
): Element[] {
  return items.map((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(item)) fail('an element must be an object', at);
    const tag = item.tag;
    if (typeof tag !== 'number' || !Number.isInteger(tag) || tag < 0 || tag > 255) fail('"tag" must be an integer 0..255', at);
    if (ns === 'header' && tag === PADDING_TAG) {
      if (item.value !== undefined || item.hex !== undefined || item.children !== undefined) fail('PADDING has no value', at);
      return { tag };
    }
    if (ns === 'header' && CONTAINER_TAGS.has(tag)) {
      if (!Array.isArray(item.children)) fail(`tag ${tag} is a container: it needs "children"`, at);
      if (depth >= MAX_DEPTH) fail('containers nested too deeply', at);
      return { tag, children: readElements(item.children, ns, model, byTag, `${at}/children`, boundTags, depth + 1) };
    }
    if (item.children !== undefined) fail(`tag ${tag} is not a container`, at);
    if (typeof item.value === 'string' && item.value.length > MAX_VALUE_TEXT) fail('"value" is longer than any field can hold (65535 bytes)', at);
    let stored: Uint8Array | undefined;
    if (item.hex !== undefined) {
      if (typeof item.hex !== 'string' || item.hex.length > MAX_VALUE_HEX) fail('"hex" must be a hex string of at most 65535 bytes', at);
      stored = fromHex(item.hex);
      if (!stored) fail('"hex" is not valid hex', at);
    }
    const b = byTag.get(tag);
    if (b && stored !== undefined && item.value !== undefined && !isLength(ns, tag)) {
      // Both given: they must say the same thing, or an edit to one of them would be silently lost.
      let typed: unknown;
      try {
        typed = b.codec.fromJSON(item.value);
      } catch (e) {
        fail(`bad value for ${b.path}: ${(e as Error).message}`, at);
      }
      const decoded = b.codec.decode(stored);
      if (decoded === undefined || !b.codec.equals(decoded, typed)) fail('"value" and "hex" disagree: edit one and remove the other', at);
    }
    // The same binding rule as the decoder: the first element of a tag that can carry the field.
    const bindable = b && !boundTags.has(tag) && (stored === undefined || b.codec.decode(stored) !== undefined);
    if (b && bindable) {
      boundTags.add(tag);
      let typed: unknown;
      if (item.value !== undefined) {
        try {
          typed = b.codec.fromJSON(item.value);
        } catch (e) {
          fail(`bad value for ${b.path}: ${(e as Error).message}`, at);
        }
      } else if (stored !== undefined) {
        typed = b.codec.decode(stored);
      } else {
        fail('an element needs "value" or "hex"', at);
      }
      b.set(model, typed);
      return stored === undefined ? { tag } : { tag, value: stored };
    }
    if (stored === undefined) {
      if (b && item.value !== undefined) {
        try {
          return { tag, value: b.codec.encode(b.codec.fromJSON(item.value)) };
        } catch (e) {
          fail(`bad value: ${(e as Error).message}`, at);
        }
      }
      fail('an element needs "hex"', at);
    }
    return { tag, value: stored };
  });
}
