import { HEADER_SIGNATURE_TAG, PADDING_TAG } from '../format/tags.js';

/** Where the SIGNATURE element sits, and the bytes a signature covers (format.md §5). */
export interface SignedRange {
  /** Offset of the SIGNATURE tag byte. */
  signatureOffset: number;
  /** Size of the whole SIGNATURE element (3 + signature length). */
  signatureElementSize: number;
  /** The signed bytes: the file with the SIGNATURE element cut out. */
  message: Uint8Array;
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
