import { ByteReader, Views } from '../bytes/reader.js';
import { ItlError } from '../errors.js';
import { HEADER_BINDING_BY_TAG } from '../format/bindings.js';
import { CONTAINER_TAGS, HEADER_LENGTH_TAG, HEADER_VERSION_TAG, PADDING_TAG, tagName } from '../format/tags.js';
import type { Element, TrustListHeader } from '../model/types.js';
import { bindDecoded } from './bind.js';
import type { DecodeContext } from './context.js';
import { DecodedHeader, remember } from './snapshot.js';

/** The format nests two levels (7 holds 9); deeper nesting is refused rather than recursed into. */
const MAX_CONTAINER_DEPTH = 3;

/**
 * Decode the header that starts at offset 0: VERSION, HEADER_LENGTH, then elements up to
 * HeaderLength (format.md §2, §3). Returns the header and where the body starts.
 */
export function decodeHeader(bytes: Uint8Array, ctx: DecodeContext): { header: TrustListHeader; end: number } {
  if (bytes.length === 0) throw new ItlError('ERR_EMPTY', 'the input is empty', { offset: 0, path: 'header' });
  const r = new ByteReader(bytes, 0, bytes.length, 'header');
  const version = leadingElement(r, HEADER_VERSION_TAG, 'ERR_FIRST_ELEMENT', 'the first element must be VERSION (tag 1, length 2)');
  const lengthEl = leadingElement(r, HEADER_LENGTH_TAG, 'ERR_SECOND_ELEMENT', 'the second element must be HEADER_LENGTH (tag 2, length 2)');
  const headerLength = (lengthEl.value![0]! << 8) | lengthEl.value![1]!;
  if (headerLength < r.pos) {
    throw new ItlError('ERR_HEADER_LENGTH', `HeaderLength ${headerLength} is shorter than the VERSION and HEADER_LENGTH elements`, {
      offset: lengthEl.offset,
      path: 'header/headerLength',
    });
  }
  if (headerLength > bytes.length) {
    throw new ItlError('ERR_HEADER_LENGTH', `HeaderLength ${headerLength} is past the end of the input (${bytes.length} bytes)`, {
      offset: lengthEl.offset,
      path: 'header/headerLength',
    });
  }
  const body = new ByteReader(bytes, r.pos, headerLength, 'header', 'ERR_HEADER_LENGTH');
  const elements = [version, lengthEl, ...readElements(body, 0, new Views(bytes))];
  const header: TrustListHeader = new DecodedHeader(elements);
  const typed: unknown[] = [];
  bindDecoded(header, elements, HEADER_BINDING_BY_TAG, ctx, 'header', typed);
  remember(header, elements, typed, bytes, 0, headerLength);
  return { header, end: headerLength };
}

function leadingElement(r: ByteReader, tag: number, code: 'ERR_FIRST_ELEMENT' | 'ERR_SECOND_ELEMENT', message: string): Element {
  const offset = r.pos;
  const found = r.u8('a tag');
  const len = r.u16(`the length of ${tagName('header', found)}`);
  if (found !== tag || len !== 2) {
    throw new ItlError(code, `${message}; found tag ${found} with length ${len}`, { offset, path: 'header' });
  }
  return { tag, value: r.bytesView(2, tagName('header', tag)), offset };
}

function readElements(r: ByteReader, depth: number, views: Views): Element[] {
  const out: Element[] = [];
  while (!r.done) {
    const offset = r.pos;
    const tag = r.u8('a tag');
    if (tag === PADDING_TAG) {
      out.push({ tag, offset });
      continue;
    }
    if (!CONTAINER_TAGS.has(tag) && r.pos + 2 <= r.end) {
      // The common case, read inline; a value that does not fit is left to the checking reads below.
      const len = (r.bytes[r.pos]! << 8) | r.bytes[r.pos + 1]!;
      const at = r.pos + 2;
      if (at + len <= r.end) {
        r.pos = at + len;
        out.push({ tag, offset, value: views.of(at, at + len) });
        continue;
      }
    }
    const name = tagName('header', tag);
    const len = r.u16(`the length of ${name}`);
    if (CONTAINER_TAGS.has(tag)) {
      if (depth >= MAX_CONTAINER_DEPTH) {
        throw new ItlError('ERR_NESTING', `${name} is nested ${depth + 1} containers deep; the format uses at most 2`, { offset, path: r.path });
      }
      const inner = r.sub(len, `${r.path}/${name}`, `the contents of ${name}`);
      out.push({ tag, offset, children: readElements(inner, depth + 1, views) });
    } else {
      out.push({ tag, offset, value: r.bytesView(len, `the value of ${name}`) });
    }
  }
  return out;
}
