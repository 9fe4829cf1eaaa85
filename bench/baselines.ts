/**
 * The floors each operation is compared with: the least honest work over the same bytes.
 * They know the grammar (format.md §2-§4) but build nothing, check nothing beyond what they must
 * to stay in bounds, and feed every value they read into a checksum so the JIT cannot drop them.
 */

/** Header tags that are containers: their children follow at once (format.md §2). */
const CONTAINER = new Uint8Array(256);
CONTAINER[3] = CONTAINER[7] = CONTAINER[9] = 1;
const PAD = 0x0d;

/**
 * Bare walk: read tag, read length, skip; for the header (pad bytes, containers entered) up to
 * HeaderLength, then record by record (RECORDLENGTH, then its TLVs). Returns a checksum of every
 * tag and length read.
 */
export function bareWalk(b: Uint8Array): number {
  let sum = 0;
  // VERSION is 5 bytes (offset 0); HEADER_LENGTH's value sits at offsets 8-9.
  const headerLength = (b[8]! << 8) | b[9]!;
  let p = 0;
  while (p < headerLength) {
    const tag = b[p]!;
    if (tag === PAD) {
      sum = (sum + tag) | 0;
      p += 1;
      continue;
    }
    const len = (b[p + 1]! << 8) | b[p + 2]!;
    sum = (sum * 31 + tag + len) | 0;
    p += CONTAINER[tag] ? 3 : 3 + len;
  }
  const n = b.length;
  while (p < n) {
    const recordLength = (b[p + 3]! << 8) | b[p + 4]!;
    const end = p + recordLength;
    sum = (sum * 31 + recordLength) | 0;
    p += 5;
    while (p < end) {
      const len = (b[p + 1]! << 8) | b[p + 2]!;
      sum = (sum * 31 + b[p]! + len) | 0;
      p += 3 + len;
    }
  }
  return sum;
}

/** Where the length fields of a file are: found once, outside the timed loop. */
export interface LengthFields {
  /** [offset of a 16-bit field, its value] pairs: HeaderLength, container lengths, RECORDLENGTHs. */
  at: Uint32Array;
  values: Uint16Array;
}

export function lengthFields(b: Uint8Array): LengthFields {
  const at: number[] = [8];
  const values: number[] = [(b[8]! << 8) | b[9]!];
  const headerLength = values[0]!;
  let p = 10;
  while (p < headerLength) {
    const tag = b[p]!;
    if (tag === PAD) {
      p += 1;
      continue;
    }
    const len = (b[p + 1]! << 8) | b[p + 2]!;
    if (CONTAINER[tag]) {
      at.push(p + 1);
      values.push(len);
    }
    p += CONTAINER[tag] ? 3 : 3 + len;
  }
  while (p < b.length) {
    const recordLength = (b[p + 3]! << 8) | b[p + 4]!;
    at.push(p + 3);
    values.push(recordLength);
    p += recordLength;
  }
  return { at: Uint32Array.from(at), values: Uint16Array.from(values) };
}

/**
 * Bare encode: allocate a buffer of the file's size, copy the bytes in, write every length field
 * (HeaderLength, container lengths, RECORDLENGTHs) at its offset. Returns the new buffer.
 */
export function bareEncode(b: Uint8Array, fields: LengthFields): Uint8Array {
  const out = new Uint8Array(b.length);
  out.set(b);
  const { at, values } = fields;
  for (let i = 0; i < at.length; i++) {
    const o = at[i]!;
    const v = values[i]!;
    out[o] = v >>> 8;
    out[o + 1] = v & 0xff;
  }
  return out;
}

/** Where the top-level SIGNATURE element is (offset of its tag byte, signature length), by a bare header walk. */
export function bareSignature(b: Uint8Array): { offset: number; length: number } {
  const headerLength = (b[8]! << 8) | b[9]!;
  let p = 0;
  let depthEnd = 0;
  while (p < headerLength) {
    const tag = b[p]!;
    if (tag === PAD) {
      p += 1;
      continue;
    }
    const len = (b[p + 1]! << 8) | b[p + 2]!;
    if (tag === 12 && p >= depthEnd) return { offset: p, length: len };
    if (CONTAINER[tag]) depthEnd = Math.max(depthEnd, p + 3 + len);
    p += CONTAINER[tag] ? 3 : 3 + len;
  }
  throw new Error('no SIGNATURE element');
}

/** The signed bytes (format.md §5): the file with the SIGNATURE element cut out, one copy. */
export function bareSignedRange(b: Uint8Array, offset: number, length: number): Uint8Array {
  const size = 3 + length;
  const out = new Uint8Array(b.length - size);
  out.set(b.subarray(0, offset));
  out.set(b.subarray(offset + size), offset);
  return out;
}

/** WebCrypto's `BufferSource` type wants an ArrayBuffer-backed view (TypeScript ≥ 5.7); every view here is one. */
export const ab = (b: Uint8Array): Uint8Array<ArrayBuffer> => b as Uint8Array<ArrayBuffer>;

/**
 * The model floor of decoding: what any decoder of this API must do whatever its code, and no
 * more. The model owns a copy of the input (one `slice`) and keeps every element (one object
 * with a view per TLV, in one array per header or record), but nothing is checked, decoded to a
 * typed field or named. Not a target: it shows where the bare walk stops being reachable.
 */
export function modelFloor(input: Uint8Array): number {
  const b = input.slice();
  const buf = b.buffer;
  const headerLength = (b[8]! << 8) | b[9]!;
  let sum = 0;
  let p = 0;
  const header: { tag: number; offset: number; value?: Uint8Array }[] = [];
  while (p < headerLength) {
    const tag = b[p]!;
    if (tag === PAD) {
      header.push({ tag, offset: p });
      p += 1;
      continue;
    }
    const len = (b[p + 1]! << 8) | b[p + 2]!;
    header.push({ tag, offset: p, value: CONTAINER[tag] ? undefined : new Uint8Array(buf, p + 3, len) });
    p += CONTAINER[tag] ? 3 : 3 + len;
  }
  const records: { tag: number; offset: number; value: Uint8Array }[][] = [];
  while (p < b.length) {
    const recordLength = (b[p + 3]! << 8) | b[p + 4]!;
    const end = p + recordLength;
    const elements = [{ tag: 1, offset: p, value: new Uint8Array(buf, p + 3, 2) }];
    p += 5;
    while (p < end) {
      const len = (b[p + 1]! << 8) | b[p + 2]!;
      elements.push({ tag: b[p]!, offset: p, value: new Uint8Array(buf, p + 3, len) });
      p += 3 + len;
    }
    records.push(elements);
    sum += elements.length;
  }
  return sum + header.length + records.length;
}

interface FloorElement {
  tag: number;
  value?: Uint8Array;
  children?: FloorElement[];
}

/**
 * The element-writing floor of encoding: write every stored element of a decoded model (tag,
 * length, one copy of its value; containers and RECORDLENGTH patched afterwards) into a buffer of
 * the right size, without looking at a single typed field. What an encoder of element lists
 * must do at least; the typed-field checks of encodeTrustList come on top. Not a target.
 */
export function writeElementsFloor(header: readonly FloorElement[], records: readonly { elements: readonly FloorElement[] }[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let p = 0;
  const put = (els: readonly FloorElement[]): void => {
    for (const el of els) {
      out[p++] = el.tag;
      if (el.tag === PAD && !el.value && !el.children) continue;
      if (el.children) {
        const at = p;
        p += 2;
        put(el.children);
        const n = p - at - 2;
        out[at] = n >>> 8;
        out[at + 1] = n & 0xff;
        continue;
      }
      const v = el.value!;
      out[p] = v.length >>> 8;
      out[p + 1] = v.length & 0xff;
      out.set(v, p + 2);
      p += 2 + v.length;
    }
  };
  put(header);
  for (const r of records) {
    const start = p;
    put(r.elements);
    const n = p - start;
    out[start + 3] = n >>> 8;
    out[start + 4] = n & 0xff;
  }
  return out;
}
