/**
 * A small TLV walker and byte editor for the hostile tests, the vector generator and the fuzzer.
 * Independent of src/ on purpose (format.md §2-§4 read again from scratch): the crafted vectors
 * must not depend on the decoder they attack. Tolerant: on garbage it returns what it could walk.
 */

/** One element located in the bytes. */
export interface Node {
  /** Header (incl. containers) or record element. */
  ns: 'header' | 'record';
  tag: number;
  /** Offset of the tag byte. */
  offset: number;
  /** 1 for header padding (tag 13), else 3. */
  headSize: number;
  /** Value length (a container's length counts its children). 0 for padding. */
  length: number;
  /** Offset just past the element. */
  end: number;
  /** Header containers (3, 7, 9): nesting depth of the element (0 = top level). */
  depth: number;
  /** Index of the enclosing node in `Layout.nodes` (container or record), or -1 for the header top level. */
  parent: number;
  /** Record index for record elements; -1 in the header. */
  record: number;
  container: boolean;
}

export interface RecordSpan {
  offset: number;
  /** RECORDLENGTH value. */
  length: number;
  end: number;
}

export interface Layout {
  headerLength: number;
  nodes: Node[];
  records: RecordSpan[];
  /** Whether the walk reached EOF on element boundaries everywhere. */
  clean: boolean;
}

const CONTAINERS = new Set([3, 7, 9]);
export const u16At = (b: Uint8Array, at: number): number => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);

export function setU16(b: Uint8Array, at: number, v: number): void {
  b[at] = (v >>> 8) & 0xff;
  b[at + 1] = v & 0xff;
}

/** Walk a trust list (or, with `records: false`, only the header of a `.sgn` file). */
export function walk(b: Uint8Array, options: { records?: boolean } = {}): Layout {
  const nodes: Node[] = [];
  const records: RecordSpan[] = [];
  let clean = true;
  if (b.length < 10) return { headerLength: 0, nodes, records, clean: false };
  const headerLength = u16At(b, 8);
  nodes.push({ ns: 'header', tag: b[0]!, offset: 0, headSize: 3, length: u16At(b, 1), end: 5, depth: 0, parent: -1, record: -1, container: false });
  nodes.push({ ns: 'header', tag: b[5]!, offset: 5, headSize: 3, length: u16At(b, 6), end: 10, depth: 0, parent: -1, record: -1, container: false });
  const limit = Math.min(headerLength, b.length);
  const walkHeader = (start: number, end: number, depth: number, parent: number): number => {
    let p = start;
    while (p < end) {
      const tag = b[p]!;
      if (tag === 13) {
        nodes.push({ ns: 'header', tag, offset: p, headSize: 1, length: 0, end: p + 1, depth, parent, record: -1, container: false });
        p += 1;
        continue;
      }
      if (p + 3 > end) return p;
      const length = u16At(b, p + 1);
      const container = CONTAINERS.has(tag) && depth < 8;
      const node: Node = { ns: 'header', tag, offset: p, headSize: 3, length, end: p + 3 + length, depth, parent, record: -1, container };
      if (node.end > end) return p;
      nodes.push(node);
      if (container) {
        const stop = walkHeader(p + 3, node.end, depth + 1, nodes.length - 1);
        if (stop !== node.end) return p;
      }
      p = node.end;
    }
    return p;
  };
  if (walkHeader(10, limit, 0, -1) !== headerLength) clean = false;
  if (options.records === false) return { headerLength, nodes, records, clean };
  let p = headerLength;
  while (clean && p < b.length) {
    if (p + 5 > b.length || b[p] !== 1 || u16At(b, p + 1) !== 2) {
      clean = false;
      break;
    }
    const length = u16At(b, p + 3);
    const end = p + length;
    if (length < 5 || end > b.length) {
      clean = false;
      break;
    }
    const index = records.length;
    records.push({ offset: p, length, end });
    nodes.push({ ns: 'record', tag: 1, offset: p, headSize: 3, length: 2, end: p + 5, depth: 0, parent: -1, record: index, container: false });
    let q = p + 5;
    while (q < end) {
      if (q + 3 > end) break;
      const l = u16At(b, q + 1);
      if (q + 3 + l > end) break;
      nodes.push({ ns: 'record', tag: b[q]!, offset: q, headSize: 3, length: l, end: q + 3 + l, depth: 0, parent: -1, record: index, container: false });
      q += 3 + l;
    }
    if (q !== end) clean = false;
    p = end;
  }
  return { headerLength, nodes, records, clean };
}

/** Concatenate byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `b` with `insert` placed at `at` and `remove` bytes taken out there. */
export function splice(b: Uint8Array, at: number, remove: number, insert: Uint8Array = new Uint8Array()): Uint8Array {
  return concat(b.subarray(0, at), insert, b.subarray(at + remove));
}

/**
 * Fix every length that encloses an edit after `delta` bytes were inserted at `at` (delta > 0)
 * or removed from `[at, at - delta)` (delta < 0): the header containers around it and
 * HeaderLength, or its record's RECORDLENGTH. `layout` is the walk of the bytes BEFORE the edit.
 * An insertion exactly at the end of the header or of a record belongs to it (an appended element).
 */
export function fixEnclosing(edited: Uint8Array, layout: Layout, at: number, delta: number): void {
  const removed = Math.max(0, -delta);
  const inside = (start: number, end: number): boolean => start <= at && at + removed <= end && (delta < 0 ? at < end : at <= end);
  if (at < layout.headerLength || (delta > 0 && at === layout.headerLength)) {
    for (const n of layout.nodes) {
      if (n.ns === 'header' && n.container && n.offset + 3 <= at && at + removed <= n.end && at < n.end) {
        setU16(edited, n.offset + 1, (n.length + delta) & 0xffff);
      }
    }
    setU16(edited, 8, (layout.headerLength + delta) & 0xffff);
    return;
  }
  const r = layout.records.find((s) => inside(s.offset + 5, s.end));
  if (r) setU16(edited, r.offset + 3, (r.length + delta) & 0xffff);
}

/** Insert `bytes` at `at` and fix the enclosing lengths. */
export function insertFixed(b: Uint8Array, at: number, bytes: Uint8Array, layout: Layout = walk(b)): Uint8Array {
  const out = splice(b, at, 0, bytes);
  fixEnclosing(out, layout, at, bytes.length);
  return out;
}

/** Remove `[at, at + n)` and fix the enclosing lengths. */
export function removeFixed(b: Uint8Array, at: number, n: number, layout: Layout = walk(b)): Uint8Array {
  const out = splice(b, at, n);
  fixEnclosing(out, layout, at, -n);
  return out;
}

/** Replace the value of the element at node `n` (a non-container) and fix the enclosing lengths. */
export function replaceValue(b: Uint8Array, n: Node, value: Uint8Array, layout: Layout = walk(b)): Uint8Array {
  const delta = value.length - n.length;
  const out = splice(b, n.offset + 3, n.length, value);
  setU16(out, n.offset + 1, value.length);
  if (delta !== 0) fixEnclosing(out, layout, n.offset + 3, delta);
  return out;
}

/** Hex helpers. */
export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
export const unhex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/** A TLV element's bytes. */
export function tlv(tag: number, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(3 + value.length);
  out[0] = tag;
  setU16(out, 1, value.length);
  out.set(value, 3);
  return out;
}

/** The first node with this tag (header top level first, then inside containers). */
export function findNode(layout: Layout, ns: 'header' | 'record', tag: number, record = -1): Node | undefined {
  return layout.nodes.find((n) => n.ns === ns && n.tag === tag && (ns === 'header' || n.record === record));
}
