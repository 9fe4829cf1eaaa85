import { decodeCString } from '../bytes/text.js';
import { HEADER_BINDINGS, RECORD_BINDINGS, type Binding } from '../format/bindings.js';
import type { TrustListKind } from '../model/types.js';
import { kindFromFilename, kindFromRoles } from './kind.js';

// One pass that accepts exactly what the strict decoder accepts and builds nothing: the fast path
// of `viewTrustList`. It mirrors decode-header.ts, decode-records.ts and the size rule of bind.ts
// (every element of a fixed-size bound tag must have that size); test/codec/view.test.ts checks
// the two agree on every vector and on fuzzed input. When it says no, the strict decoder runs
// to throw the precise error.

/** Required value size per tag (0 = any), from the bindings, so there is one source of sizes. */
function sizeTable(bindings: ReadonlyArray<Binding<unknown>>): Uint8Array {
  const sizes = new Uint8Array(256);
  for (const b of bindings) if (b.codec.size !== undefined) sizes[b.tag] = b.codec.size;
  return sizes;
}
const HEADER_SIZES = sizeTable(HEADER_BINDINGS as ReadonlyArray<Binding<unknown>>);
const RECORD_SIZES = sizeTable(RECORD_BINDINGS as ReadonlyArray<Binding<unknown>>);

const PADDING = 13;
const FILENAME = 14;
const FUNCTION = 4;
/** decode-header.ts refuses a container nested deeper than this. */
const MAX_CONTAINER_DEPTH = 3;

/** What the scan learns: where the header ends, where each record starts, and the kind. */
export class TrustListScan {
  /** Offset of the FILENAME value (the first, in walk order), or -1. */
  filenameAt = -1;
  filenameEnd = -1;
  /** Each record's FUNCTION (its first one), or -1: the kind may follow from the roles. */
  readonly roles: number[] = [];
  readonly recordStarts: number[] = [];
  constructor(readonly headerLength: number) {}

  /** `guessKind` over the scanned bytes: ASCII filenames are read in place, anything else decoded. */
  kind(bytes: Uint8Array): TrustListKind {
    if (this.filenameAt >= 0) {
      const named = filenameKind(bytes, this.filenameAt, this.filenameEnd);
      if (named !== undefined) return named;
    }
    return kindFromRoles(this.roles);
  }
}

/** The scan of a file the strict decoder accepts, or `undefined` when it would throw. */
export function scanTrustList(b: Uint8Array): TrustListScan | undefined {
  const n = b.length;
  // VERSION (1, length 2) then HEADER_LENGTH (2, length 2), format.md §3.1.
  if (n < 10 || b[0] !== 1 || b[1] !== 0 || b[2] !== 2 || b[5] !== 2 || b[6] !== 0 || b[7] !== 2) return undefined;
  const headerLength = (b[8]! << 8) | b[9]!;
  if (headerLength < 10 || headerLength > n) return undefined;
  const scan = new TrustListScan(headerLength);
  if (!scanHeaderElements(b, 10, headerLength, 0, scan)) return undefined;
  const starts = scan.recordStarts;
  let p = headerLength;
  while (p < n) {
    if (p + 5 > n || b[p] !== 1 || b[p + 1] !== 0 || b[p + 2] !== 2) return undefined;
    const end = p + ((b[p + 3]! << 8) | b[p + 4]!);
    if (end < p + 5 || end > n) return undefined;
    starts.push(p);
    let role = -1;
    let q = p + 5;
    while (q < end) {
      if (q + 3 > end) return undefined;
      const tag = b[q]!;
      const len = (b[q + 1]! << 8) | b[q + 2]!;
      const at = q + 3;
      if (at + len > end) return undefined;
      const size = RECORD_SIZES[tag]!;
      if (size !== 0 && len !== size) return undefined;
      if (tag === FUNCTION && role < 0) role = (b[at]! << 8) | b[at + 1]!;
      q = at + len;
    }
    scan.roles.push(role);
    p = end;
  }
  return scan;
}

function scanHeaderElements(b: Uint8Array, p: number, end: number, depth: number, scan: TrustListScan): boolean {
  while (p < end) {
    const tag = b[p]!;
    if (tag === PADDING) {
      p++;
      continue;
    }
    if (p + 3 > end) return false;
    const len = (b[p + 1]! << 8) | b[p + 2]!;
    const at = p + 3;
    if (at + len > end) return false;
    if (tag === 3 || tag === 7 || tag === 9) {
      if (depth >= MAX_CONTAINER_DEPTH || !scanHeaderElements(b, at, at + len, depth + 1, scan)) return false;
    } else {
      const size = HEADER_SIZES[tag]!;
      if (size !== 0 && len !== size) return false;
      if (tag === FILENAME && scan.filenameAt < 0) {
        scan.filenameAt = at;
        scan.filenameEnd = at + len;
      }
    }
    p = at + len;
  }
  return true;
}

/** `kindFromFilename(decodeCString(value))`, reading ASCII in place (most names are `ITLFile.tlv`). */
function filenameKind(b: Uint8Array, start: number, end: number): TrustListKind | undefined {
  let base = start;
  let stop = end;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c === 0) {
      stop = i;
      break;
    }
    // Non-ASCII: upper-casing may change lengths or letters (`ı` → `I`); let the string rules decide.
    if (c >= 0x80) return kindFromFilename(decodeCString(b.subarray(start, end)));
    if (c === 0x2f || c === 0x5c) base = i + 1;
  }
  if (stop - base < 3 || upper(b[base + 1]!) !== 0x54 || upper(b[base + 2]!) !== 0x4c) return undefined; // "TL"
  const first = upper(b[base]!);
  return first === 0x49 ? 'ITL' : first === 0x43 ? 'CTL' : undefined;
}

/** ASCII `toUpperCase` of one byte. */
const upper = (c: number): number => (c >= 0x61 && c <= 0x7a ? c - 0x20 : c);
