/** Stable error codes. Programs switch on these; messages are for people. */
export type ItlErrorCode =
  | 'ERR_TRUNCATED' // an element, length or value runs past the end of the input
  | 'ERR_OVERRUN' // an element runs past its container, record or the header
  | 'ERR_HEADER_LENGTH' // HeaderLength does not land on an element boundary, or is impossible
  | 'ERR_FIRST_ELEMENT' // the first element is not VERSION (tag 1, length 2)
  | 'ERR_SECOND_ELEMENT' // the second element is not HEADER_LENGTH (tag 2, length 2)
  | 'ERR_RECORD_START' // bytes after the header that do not start with RECORDLENGTH (tag 1, length 2)
  | 'ERR_RECORD_LENGTH' // RECORDLENGTH below 5, past the end, or not on an element boundary
  | 'ERR_VALUE_LENGTH' // a fixed-size field has the wrong length (VERSION, TIMESTAMP, FUNCTION, ...)
  | 'ERR_NESTING' // header containers nested deeper than the format uses
  | 'ERR_EMPTY' // no bytes at all
  | 'ERR_TOO_LARGE' // a header, container or record over 65535 bytes cannot be encoded
  | 'ERR_VALUE' // a typed value cannot be encoded (bad IP address, out-of-range number, ...)
  | 'ERR_JSON' // malformed JSON form
  | 'ERR_UNSUPPORTED_DIGEST'
  | 'ERR_UNSUPPORTED_KEY'
  | 'ERR_SIGNER' // a signer that cannot sign this list (wrong key type, key size, ...)
  | 'ERR_BUILD'; // a builder was asked for a file that must not exist (3 SAST records, ...)

/** Where in the input (or in the model) something went wrong. */
export interface ItlErrorDetails {
  /** Byte offset in the input, when the error comes from bytes. */
  offset?: number;
  /** Path in the model, e.g. `header/signer/serialNumber` or `records[3]/certificate`. */
  path?: string;
  cause?: unknown;
}

/** The one error class itl-codec throws for bad input: a stable `code`, the byte `offset` and a `path`. */
export class ItlError extends Error {
  readonly code: ItlErrorCode;
  readonly offset: number | undefined;
  readonly path: string | undefined;

  constructor(code: ItlErrorCode, message: string, details: ItlErrorDetails = {}) {
    const where = [details.path, details.offset !== undefined ? `offset ${details.offset}` : undefined]
      .filter(Boolean)
      .join(', ');
    super(where ? `${message} (${where})` : message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = 'ItlError';
    this.code = code;
    this.offset = details.offset;
    this.path = details.path;
  }
}

/** Something a lenient decode tolerated; strict decoding throws the same thing as an `ItlError`. */
export interface ItlWarning {
  code: ItlErrorCode;
  message: string;
  offset?: number;
  path?: string;
}

export function isItlError(e: unknown): e is ItlError {
  return e instanceof ItlError;
}
