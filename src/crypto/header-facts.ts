import { walkElements } from '../codec/bind.js';
import { decodeCString } from '../bytes/text.js';
import { digestFromCode, type Digest } from '../format/digests.js';
import { CONTAINER_TAGS, HEADER_SIGNATURE_TAG, PADDING_TAG } from '../format/tags.js';
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
  issuerName: string | undefined;
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
    issuerName: header.signer?.issuerName,
  };
}

/**
 * The same facts read straight from the header bytes of a file strict decoding accepts (a
 * `TrustListView`'s), without decoding the header: what verifying with a given key needs, where
 * decoding the header would be most of the work besides RSA. Each typed field is its tag's first
 * element, as the binding rule reads it (strict decoding guarantees the fixed sizes).
 */
export function scanHeaderFacts(bytes: Uint8Array, headerLength: number): HeaderFacts {
  const facts: HeaderFacts = {
    signatures: [],
    duplicate: undefined,
    digest: undefined,
    signatureAlgorithm: undefined,
    modulusCode: undefined,
    serialNumber: undefined,
    issuerName: undefined,
  };
  const seen = new Uint8Array(32);
  let issuerAt = -1;
  let issuerEnd = -1;
  // Container ends, innermost last: an element is top level when no container is open.
  const open: number[] = [];
  for (let p = 10; p < headerLength; ) {
    while (open.length > 0 && p >= open[open.length - 1]!) open.pop();
    const tag = bytes[p]!;
    if (tag === PADDING_TAG) {
      p++;
      continue;
    }
    const len = (bytes[p + 1]! << 8) | bytes[p + 2]!;
    const at = p + 3;
    if (CONTAINER_TAGS.has(tag)) {
      open.push(at + len);
      p = at;
      continue;
    }
    const first = tag < 32 && seen[tag] === 0;
    if (tag < 32 && seen[tag]! < 2) seen[tag]!++;
    if (tag === HEADER_SIGNATURE_TAG) facts.signatures.push({ offset: p, length: len, topLevel: open.length === 0 });
    else if (first) {
      if (tag === 8) facts.digest = digestFromCode(bytes[at]!);
      else if (tag === 10) facts.signatureAlgorithm = bytes[at]!;
      else if (tag === 11) facts.modulusCode = bytes[at]!;
      else if (tag === 5) facts.serialNumber = bytes.subarray(at, at + len);
      else if (tag === 6) {
        issuerAt = at;
        issuerEnd = at + len;
      }
    }
    p = at + len;
  }
  facts.duplicate = SINGLE_TAGS.find((t) => seen[t]! > 1);
  if (issuerAt >= 0) facts.issuerName = decodeCString(bytes.subarray(issuerAt, issuerEnd));
  return facts;
}
