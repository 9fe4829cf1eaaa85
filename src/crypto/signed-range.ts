import { HEADER_SIGNATURE_TAG, PADDING_TAG } from '../format/tags.js';
import { walkElements } from '../codec/bind.js';
import type { TrustListHeader } from '../model/types.js';

/** Where the SIGNATURE element sits, and the bytes a signature covers (format.md §5). */
export interface SignedRange {
  /** Offset of the SIGNATURE tag byte. */
  signatureOffset: number;
  /** Size of the whole SIGNATURE element (3 + signature length). */
  signatureElementSize: number;
  /** The signed bytes: the file with the SIGNATURE element cut out. */
  message: Uint8Array;
}

/** Every SIGNATURE element of a decoded header (at any depth), with its offset and whether it is top level. */
export function signatureElements(header: TrustListHeader): { offset: number; length: number; topLevel: boolean }[] {
  const top = new Set(header.elements);
  const out: { offset: number; length: number; topLevel: boolean }[] = [];
  for (const el of walkElements(header.elements)) {
    if (el.tag === HEADER_SIGNATURE_TAG && el.value !== undefined && el.offset !== undefined) {
      out.push({ offset: el.offset, length: el.value.length, topLevel: top.has(el) });
    }
  }
  return out;
}

/**
 * The top-level SIGNATURE elements of a file this library just encoded (so well formed): a walk
 * over the header's top-level elements, containers skipped by their length. The signer uses it
 * instead of decoding the header it has just written.
 */
export function topLevelSignatures(file: Uint8Array): { offset: number; length: number }[] {
  const headerLength = (file[8]! << 8) | file[9]!;
  const out: { offset: number; length: number }[] = [];
  for (let p = 10; p < headerLength; ) {
    const tag = file[p]!;
    if (tag === PADDING_TAG) {
      p++;
      continue;
    }
    const length = (file[p + 1]! << 8) | file[p + 2]!;
    if (tag === HEADER_SIGNATURE_TAG) out.push({ offset: p, length });
    p += 3 + length;
  }
  return out;
}

/** The whole file minus the SIGNATURE element at `offset` (one copy of the rest). */
export function signedRange(file: Uint8Array, offset: number, signatureLength: number): SignedRange {
  const size = 3 + signatureLength;
  const message = new Uint8Array(file.length - size);
  message.set(file.subarray(0, offset));
  message.set(file.subarray(offset + size), offset);
  return { signatureOffset: offset, signatureElementSize: size, message };
}
