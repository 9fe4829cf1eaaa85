/**
 * Structure-aware mutations for the fuzzer. A mutation is plain data (fast-check generates and
 * shrinks it); `applyMutation` interprets it against the walk of the bytes it is applied to, so
 * every operation lands on a real element, length field or record boundary most of the time.
 *
 * Operations (issue: bit flips, inserted and deleted bytes, length fields set to 0, 1, the maximum
 * and off by one, truncation at every offset, duplicated and reordered elements):
 *   flip, set, insert, delete, truncate, length, dup, swap, remove, dup-record, swap-records,
 *   move-signature, value, splice-other. `fix` rewrites the enclosing lengths after an edit
 *   (container, HeaderLength, RECORDLENGTH), so the mutant stays well framed and reaches the
 *   deeper layers (binding, verification, trust evaluation) instead of failing at the framing.
 */
import fc from 'fast-check';
import { concat, fixEnclosing, insertFixed, removeFixed, setU16, splice, u16At, walk, type Layout, type Node } from './tlv.js';

export const OPS = [
  'flip',
  'set',
  'insert',
  'delete',
  'truncate',
  'length',
  'dup',
  'swap',
  'remove',
  'dup-record',
  'swap-records',
  'move-signature',
  'value',
  'splice-other',
] as const;
export type Op = (typeof OPS)[number];

export interface Mutation {
  op: Op;
  a: number;
  b: number;
  c: number;
  data: Uint8Array;
  fix: boolean;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...OPS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  data: fc.uint8Array({ maxLength: 24 }),
  fix: fc.boolean(),
});

/** One to three mutations, applied in order. */
export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.array(mutationArb, { minLength: 1, maxLength: 3 });

const LENGTHS = (len: number, b: number): number[] => [0, 1, 0xffff, len - 1, len + 1, (len + (b % 64) - 32) & 0xffff, b & 0xffff, 2, 3, 5];

/** The elements worth aiming at: every element except padding. */
function elements(L: Layout): Node[] {
  return L.nodes.filter((n) => n.headSize === 3);
}

/** The length field of a node, HeaderLength, or a RECORDLENGTH value. */
function lengthFields(L: Layout): { at: number; value: number }[] {
  const out = elements(L).map((n) => ({ at: n.offset + 1, value: n.length }));
  if (L.headerLength) out.push({ at: 8, value: L.headerLength });
  for (const r of L.records) out.push({ at: r.offset + 3, value: r.length });
  return out;
}

/** Apply one mutation. `others` supplies bytes for `splice-other`. */
export function applyMutation(bytes: Uint8Array, m: Mutation, others: readonly Uint8Array[] = []): Uint8Array {
  const len = bytes.length;
  if (len === 0) return m.op === 'insert' || m.op === 'splice-other' ? m.data.slice() : bytes;
  const L = walk(bytes);
  const els = elements(L);
  const pick = <T>(xs: readonly T[], n: number): T | undefined => (xs.length ? xs[n % xs.length] : undefined);
  switch (m.op) {
    case 'flip': {
      const out = bytes.slice();
      out[m.a % len]! ^= 1 << (m.b % 8);
      return out;
    }
    case 'set': {
      const out = bytes.slice();
      out[m.a % len] = m.b & 0xff;
      return out;
    }
    case 'insert': {
      const at = m.a % (len + 1);
      const data = m.data.length ? m.data : Uint8Array.of(m.b & 0xff);
      return m.fix ? insertFixed(bytes, at, data, L) : splice(bytes, at, 0, data);
    }
    case 'delete': {
      const at = m.a % len;
      const n = Math.min(len - at, 1 + (m.b % 8));
      return m.fix ? removeFixed(bytes, at, n, L) : splice(bytes, at, n);
    }
    case 'truncate':
      return bytes.slice(0, m.a % len);
    case 'length': {
      const f = pick(lengthFields(L), m.a);
      if (!f) return bytes;
      const out = bytes.slice();
      setU16(out, f.at, LENGTHS(f.value, m.b)[m.c % 10]! & 0xffff);
      return out;
    }
    case 'dup': {
      const n = pick(els, m.a);
      if (!n) return bytes;
      const copy = bytes.slice(n.offset, n.end);
      return m.fix ? insertFixed(bytes, n.end, copy, L) : splice(bytes, n.end, 0, copy);
    }
    case 'swap': {
      // Swap an element with the next sibling (same container or record): lengths stay right.
      const n = pick(els, m.a);
      if (!n) return bytes;
      const next = L.nodes.find((x) => x.offset === n.end && x.parent === n.parent && x.record === n.record && x.ns === n.ns && x.headSize === 3);
      if (!next || (n.ns === 'header' && n.offset < 10) || (n.ns === 'record' && n.tag === 1 && n.offset === L.records[n.record]?.offset && m.fix)) return bytes;
      return concat(bytes.subarray(0, n.offset), bytes.subarray(next.offset, next.end), bytes.subarray(n.offset, n.end), bytes.subarray(next.end));
    }
    case 'remove': {
      const n = pick(els, m.a);
      if (!n) return bytes;
      return m.fix ? removeFixed(bytes, n.offset, n.end - n.offset, L) : splice(bytes, n.offset, n.end - n.offset);
    }
    case 'dup-record': {
      const r = pick(L.records, m.a);
      if (!r) return bytes;
      const at = m.fix ? len : r.end;
      return splice(bytes, at, 0, bytes.slice(r.offset, r.end));
    }
    case 'swap-records': {
      if (L.records.length < 2) return bytes;
      const i = m.a % L.records.length;
      let j = m.b % L.records.length;
      if (i === j) j = (j + 1) % L.records.length;
      const [x, y] = i < j ? [L.records[i]!, L.records[j]!] : [L.records[j]!, L.records[i]!];
      return concat(bytes.subarray(0, x.offset), bytes.subarray(y.offset, y.end), bytes.subarray(x.end, y.offset), bytes.subarray(x.offset, x.end), bytes.subarray(y.end));
    }
    case 'move-signature': {
      // Move the SIGNATURE element to another element boundary of the header (or, rarely, elsewhere).
      const sig = L.nodes.find((n) => n.ns === 'header' && n.tag === 12);
      if (!sig) return bytes;
      const piece = bytes.slice(sig.offset, sig.end);
      const rest = splice(bytes, sig.offset, sig.end - sig.offset);
      const R = walk(rest);
      const bounds = [...new Set(R.nodes.filter((n) => n.ns === 'header' && n.offset >= 10).flatMap((n) => [n.offset, n.end]))];
      const at = m.fix ? (pick(bounds, m.b) ?? 10) : m.b % (rest.length + 1);
      const out = splice(rest, at, 0, piece);
      if (m.c % 4 === 0) {
        // Keep HeaderLength right for the new place: the element left the header (or entered it).
        const inHeader = at <= L.headerLength - (sig.end - sig.offset);
        if (!inHeader) setU16(out, 8, (L.headerLength - piece.length) & 0xffff);
      }
      return out;
    }
    case 'value': {
      const n = pick(els.filter((e) => !e.container), m.a);
      if (!n) return bytes;
      const value = m.c % 3 === 0 ? new Uint8Array() : m.c % 3 === 1 ? m.data : bytes.slice(n.offset + 3, n.end).map((v, i) => (i === m.b % Math.max(1, n.length) ? v ^ 0xff : v));
      const out = splice(bytes, n.offset + 3, n.length, value);
      setU16(out, n.offset + 1, value.length);
      if (m.fix && value.length !== n.length) fixEnclosing(out, L, n.offset + 3, value.length - n.length);
      return out;
    }
    case 'splice-other': {
      const other = pick(others, m.a);
      if (!other || other.length === 0) return bytes;
      const from = m.b % other.length;
      const n = Math.min(other.length - from, 1 + (m.c % 512));
      const at = m.c % (len + 1);
      return splice(bytes, at, m.fix ? Math.min(n, len - at) : 0, other.subarray(from, from + n));
    }
  }
}

export function applyAll(bytes: Uint8Array, ms: readonly Mutation[], others: readonly Uint8Array[] = []): Uint8Array {
  return ms.reduce((b, m) => applyMutation(b, m, others), bytes);
}

/** Random bytes, and random bytes behind a well-formed VERSION / HEADER_LENGTH prefix (so the walk goes deeper). */
export const randomInputArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.tuple(fc.uint8Array({ minLength: 0, maxLength: 2048 }), fc.nat(), fc.boolean()).map(([body, hl, small]) => {
    const out = new Uint8Array(10 + body.length);
    out.set([1, 0, 2, 1, 2, 2, 0, 2], 0);
    setU16(out, 8, small ? 10 + (hl % (body.length + 1)) : hl & 0xffff);
    out.set(body, 10);
    return out;
  }),
  // Random element soup: header elements and records assembled from random TLVs.
  fc.tuple(
    fc.array(fc.tuple(fc.integer({ min: 0, max: 31 }), fc.uint8Array({ maxLength: 12 })), { maxLength: 12 }),
    fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 14 }), fc.uint8Array({ maxLength: 12 })), { maxLength: 6 }), { maxLength: 4 }),
  ).map(([header, records]) => {
    const tl = (t: number, v: Uint8Array) => concat(Uint8Array.of(t, v.length >> 8, v.length & 0xff), v);
    const h = concat(...header.map(([t, v]) => (t === 13 ? Uint8Array.of(13) : tl(t, v))));
    const head = concat(Uint8Array.of(1, 0, 2, 1, 2, 2, 0, 2, 0, 0), h);
    setU16(head, 8, head.length);
    const recs = records.map((els) => {
      const body = concat(...els.map(([t, v]) => tl(t, v)));
      const r = concat(Uint8Array.of(1, 0, 2, 0, 0), body);
      setU16(r, 3, r.length);
      return r;
    });
    return concat(head, ...recs);
  }),
);

export { u16At };
