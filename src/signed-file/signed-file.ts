import { ByteWriter } from '../bytes/writer.js';
import { DecodeContext } from '../codec/context.js';
import { decodeHeader } from '../codec/decode-header.js';
import { encodeHeaderTo } from '../codec/encode.js';
import { ItlError } from '../errors.js';
import type { ItlWarning } from '../errors.js';
import type { TrustListHeader } from '../model/types.js';

/**
 * A signed file (`SEP<MAC>.cnf.xml.sgn`, `*.jar.sgn`, ...): the trust-list header, then the
 * unchanged payload up to the end (format.md §8). `.enc.sgn` headers (tags 16-27) decode too;
 * their extra elements are kept as raw values and the payload stays encrypted.
 */
export interface SignedFile {
  header: TrustListHeader;
  payload: Uint8Array;
  warnings?: ItlWarning[];
}

/** Decode a `.sgn` file. Strict unless `lenient`; the input is copied. */
export function decodeSignedFile(bytes: Uint8Array, options: { lenient?: boolean } = {}): SignedFile {
  if (!(bytes instanceof Uint8Array)) throw new ItlError('ERR_VALUE', 'decodeSignedFile expects a Uint8Array');
  const data = new Uint8Array(bytes); // a plain copy: `Buffer#slice` would be a view of the caller's memory
  const ctx = new DecodeContext(options.lenient ?? false);
  const { header, end } = decodeHeader(data, ctx);
  const file: SignedFile = { header, payload: data.subarray(end) };
  if (ctx.lenient) file.warnings = ctx.warnings;
  return file;
}

/** Encode a `.sgn` file: header (lengths recomputed), then the payload. */
export function encodeSignedFile(file: SignedFile): Uint8Array {
  const w = new ByteWriter(file.payload.length + 1024);
  encodeHeaderTo(w, file.header);
  w.bytes(file.payload);
  return w.finish();
}
