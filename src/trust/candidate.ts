import { TrustListView, viewTrustList } from '../codec/view.js';
import { encodeTrustList } from '../codec/encode.js';
import { ItlError } from '../errors.js';
import { decodeSignedFile, encodeSignedFile, type SignedFile } from '../signed-file/signed-file.js';
import type { TrustList, TrustListHeader, TrustRecord } from '../model/types.js';

export type CandidateKind = 'ITL' | 'CTL' | 'config';

/** A file offered to a phone, decoded: a trust list, a signed config, or an unsigned config. */
export interface Candidate {
  kind: CandidateKind;
  bytes: Uint8Array;
  /** Absent for an unsigned configuration file. */
  header?: TrustListHeader;
  /** The file's records: a view's are decoded when a verifier asks for them. */
  records: readonly TrustRecord[] | TrustListView;
  list?: TrustList;
}

const SIGNED_FILE_NAME = /\.(sgn|sha512)$/i;

/**
 * Tell what a candidate is. Bytes whose header FILENAME ends in `.sgn` (or `.sha512`) are signed
 * files; other headered bytes are trust lists; with `kind: 'config'`, bytes without a header are
 * an unsigned configuration file.
 */
export function readCandidate(input: Uint8Array | TrustList | SignedFile, kind?: CandidateKind): Candidate {
  if (!(input instanceof Uint8Array)) {
    if ('records' in input) {
      return { kind: kind ?? input.kind, bytes: encodeTrustList(input), header: input.header, records: input.records, list: input };
    }
    return { kind: 'config', bytes: encodeSignedFile(input), header: input.header, records: [] };
  }
  let headerOnly: SignedFile;
  try {
    headerOnly = decodeSignedFile(input);
  } catch (e) {
    if (kind === 'config' && e instanceof ItlError) return { kind: 'config', bytes: input, records: [] };
    throw e;
  }
  // An explicit kind wins over the name; without one, a `.sgn` FILENAME means a signed file.
  if (kind === 'config' || (kind === undefined && SIGNED_FILE_NAME.test(headerOnly.header.filename ?? ''))) {
    return { kind: 'config', bytes: input, header: headerOnly.header, records: [] };
  }
  // A view of a copy: only the header and the records the verifier looks up get decoded, and the
  // caller may change `input` while the evaluation awaits.
  const list = viewTrustList(input.slice(), kind ? { kind } : {});
  return { kind: list.kind, bytes: list.bytes, header: list.header, records: list, list };
}

/** Installed lists may come as bytes or as models. */
export function readInstalled(input: TrustList | Uint8Array | undefined, kind: 'ITL' | 'CTL'): TrustList | undefined {
  if (input === undefined) return undefined;
  // As for candidates: a view of a copy, so a long installed ITL is not decoded to find one signer.
  return input instanceof Uint8Array ? viewTrustList(input.slice(), { kind }) : input;
}
