import { ItlError } from '../errors.js';
import type { TrustList, TrustListKind } from '../model/types.js';
import { DecodeContext } from './context.js';
import { decodeHeader } from './decode-header.js';
import { decodeRecords } from './decode-records.js';
import { guessKind } from './kind.js';

export interface DecodeOptions {
  /**
   * Decode what can be decoded and report the rest as `warnings`: values of the wrong size are
   * kept raw, and the bytes from the first unreadable record on are kept as `trailing`. The
   * header must still be well formed. Default: strict, every problem throws an `ItlError`.
   */
  lenient?: boolean;
  /** Force the kind instead of guessing it from FILENAME and roles. */
  kind?: TrustListKind;
}

/**
 * Decode an ITL or CTL file. Strict by default: structural problems throw an `ItlError` with a
 * `code`, the byte `offset` and a `path`. The result keeps every element, so `encodeTrustList`
 * gives the same bytes back. The input is copied; the model never aliases the caller's buffer.
 */
export function decodeTrustList(bytes: Uint8Array, options: DecodeOptions = {}): TrustList {
  if (!(bytes instanceof Uint8Array)) throw new ItlError('ERR_VALUE', 'decodeTrustList expects a Uint8Array');
  const data = new Uint8Array(bytes); // a plain copy: `Buffer#slice` would be a view of the caller's memory
  const ctx = new DecodeContext(options.lenient ?? false);
  const { header, end } = decodeHeader(data, ctx);
  const { records, trailing } = decodeRecords(data, end, ctx);
  const list: TrustList = { kind: options.kind ?? guessKind(header.filename, records), header, records };
  if (trailing) list.trailing = trailing;
  if (ctx.lenient) list.warnings = ctx.warnings;
  return list;
}
