import { walkElements } from '../codec/bind.js';
import { decodeCString } from '../bytes/text.js';
import { digestFromCode, type Digest } from '../format/digests.js';
import { HEADER_SIGNATURE_TAG, PADDING_TAG } from '../format/tags.js';
import type { TrustListHeader } from '../model/types.js';

/** What verification needs from a header (format.md §3, §5). */
export interface HeaderFacts {
  /** Every SIGNATURE element, at any depth, in walk order. */
  signatures: { offset: number; length: number; topLevel: boolean }[];
  /** The first signer-relevant tag found more than once, if any (readers could pick different ones). */
  duplicate: number | undefined;
  digest: Digest | undefined;
  signatureAlgorithm: number | undefined;
  modulusCode: number | undefined;
  serialNumber: Uint8Array | undefined;
  /** The signer's issuer name, decoded when asked (only a signer looked up by serial needs it). */
  issuerName(): string | undefined;
}

/** Signer-relevant header tags that must not appear twice. */
export const SINGLE_TAGS = [4, 5, 6, 8, 10, 11];

/** The facts of a decoded header (any headered file: trust list or `.sgn`). */
export function factsOfHeader(header: TrustListHeader): HeaderFacts {
  const top = new Set(header.elements);
  const signatures: HeaderFacts['signatures'] = [];
  const counts = new Map<number, number>();
  for (const el of walkElements(header.elements)) {
    if (el.children) continue;
    counts.set(el.tag, (counts.get(el.tag) ?? 0) + 1);
    if (el.tag === HEADER_SIGNATURE_TAG && el.value !== undefined && el.offset !== undefined) {
      signatures.push({ offset: el.offset, length: el.value.length, topLevel: top.has(el) });
    }
  }
  return {
    signatures,
    duplicate: SINGLE_TAGS.find((t) => (counts.get(t) ?? 0) > 1),
    digest: header.digest,
    signatureAlgorithm: header.signatureAlgorithm,
    modulusCode: header.modulusCode,
    serialNumber: header.signer?.serialNumber,
    issuerName: () => header.signer?.issuerName,
  };
}

/**
 * The same facts read straight from the header bytes of a file strict decoding accepts (a
 * `TrustListView`'s), without decoding the header: what verifying with a given key needs, where
 * decoding the header would be most of the work besides RSA. Each typed field is its tag's first
 * element, as the binding rule reads it (strict decoding guarantees the fixed sizes).
 */
export function scanHeaderFacts(bytes: Uint8Array, headerLength: number): HeaderFacts {
  const signatures: HeaderFacts['signatures'] = [];
  let digest: Digest | undefined;
  let signatureAlgorithm: number | undefined;
  let modulusCode: number | undefined;
  let serialNumber: Uint8Array | undefined;
  let issuerAt = -1;
  let issuerEnd = -1;
  let once = 0; // bits of the SINGLE_TAGS seen once
  let duplicate: number | undefined;
  let containerEnd = 0; // the header nests at most 3 deep, and an element is top level past the outermost container's end
  for (let p = 10; p < headerLength; ) {
    const tag = bytes[p]!;
    if (tag === PADDING_TAG) {
      p++;
      continue;
    }
    const len = (bytes[p + 1]! << 8) | bytes[p + 2]!;
    const at = p + 3;
    if (tag === 3 || tag === 7 || tag === 9) {
      if (at + len > containerEnd) containerEnd = at + len;
      p = at;
      continue;
    }
    if (tag === HEADER_SIGNATURE_TAG) signatures.push({ offset: p, length: len, topLevel: p >= containerEnd });
    else if (tag < 12 && SINGLE & (1 << tag)) {
      if (once & (1 << tag)) {
        if (duplicate === undefined || SINGLE_TAGS.indexOf(tag) < SINGLE_TAGS.indexOf(duplicate)) duplicate = tag;
      } else {
        once |= 1 << tag;
        if (tag === 8) digest = digestFromCode(bytes[at]!);
        else if (tag === 10) signatureAlgorithm = bytes[at]!;
        else if (tag === 11) modulusCode = bytes[at]!;
        else if (tag === 5) serialNumber = bytes.subarray(at, at + len);
        else if (tag === 6) {
          issuerAt = at;
          issuerEnd = at + len;
        }
      }
    }
    p = at + len;
  }
  const issuerName = issuerAt < 0 ? () => undefined : () => decodeCString(bytes.subarray(issuerAt, issuerEnd));
  return { signatures, duplicate, digest, signatureAlgorithm, modulusCode, serialNumber, issuerName };
}

/** SINGLE_TAGS as bits. */
const SINGLE = SINGLE_TAGS.reduce((bits, t) => bits | (1 << t), 0);
