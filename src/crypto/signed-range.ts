import { HEADER_SIGNATURE_TAG } from '../format/tags.js';
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

/** The whole file minus the SIGNATURE element at `offset` (one copy of the rest). */
export function signedRange(file: Uint8Array, offset: number, signatureLength: number): SignedRange {
  const size = 3 + signatureLength;
  const message = new Uint8Array(file.length - size);
  message.set(file.subarray(0, offset));
  message.set(file.subarray(offset + size), offset);
  return { signatureOffset: offset, signatureElementSize: size, message };
}
