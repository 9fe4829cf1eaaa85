import { decodeTrustList } from '../codec/decode.js';
import { encodeTrustList } from '../codec/encode.js';
import type { TrustList } from '../model/types.js';

/** What `diffTrustLists` and `lintTrustList` accept: file bytes (decoded strictly) or a model. */
export type TrustListInput = TrustList | Uint8Array;

/** A trust list seen the way a phone sees it: the file bytes and the model decoded from them. */
export interface Analyzed {
  bytes: Uint8Array;
  list: TrustList;
}

/**
 * Bytes are decoded strictly (a structural error throws an `ItlError`). A model is encoded and
 * decoded back, so typed fields, element lists and offsets always agree and the analysis sees
 * exactly the file the model stands for; a model that came from a lenient decode (it has
 * `trailing` bytes or values of the wrong size) is re-decoded leniently, keeping its kind.
 */
export function analyze(input: TrustListInput): Analyzed {
  if (input instanceof Uint8Array) return { bytes: input, list: decodeTrustList(input) };
  const bytes = encodeTrustList(input);
  return { bytes, list: decodeTrustList(bytes, { kind: input.kind, lenient: true }) };
}
