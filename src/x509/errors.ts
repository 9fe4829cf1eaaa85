/**
 * Errors thrown by `itl-codec/x509`. Programs branch on `code`; `message` is for people and names
 * what was found (a PEM label, an algorithm OID, a byte count).
 */

/** Stable error codes of `itl-codec/x509`. */
export type X509ErrorCode =
  /** The input is neither DER nor PEM, or a PEM block is malformed (bad armour, bad base64). */
  | 'ERR_X509_INPUT'
  /** A certificate could not be decoded (not DER, wrong structure, trailing bytes). */
  | 'ERR_X509_PARSE'
  /** A certificate uses a public-key type or curve the trust-list format has no form for. */
  | 'ERR_X509_UNSUPPORTED'
  /** No certificate was found where one was required. */
  | 'ERR_NO_CERTIFICATE'
  /** No private key was found where one was required. */
  | 'ERR_NO_KEY'
  /** More than one private key was found and it is not clear which one is meant. */
  | 'ERR_KEY_AMBIGUOUS'
  /** A private-key container could not be decoded. */
  | 'ERR_KEY_PARSE'
  /** A key type, container or encryption algorithm that is not supported (the message names it). */
  | 'ERR_KEY_UNSUPPORTED'
  /** The key is encrypted and no password was given. */
  | 'ERR_KEY_PASSWORD_REQUIRED'
  /** The password is wrong (MAC check failed, or decryption produced garbage). */
  | 'ERR_KEY_PASSWORD'
  /** The private key does not belong to the certificate. */
  | 'ERR_KEY_MISMATCH';

/** The one error class of `itl-codec/x509`. */
export class X509Error extends Error {
  override readonly name = 'X509Error';
  readonly code: X509ErrorCode;

  constructor(code: X509ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Wraps anything thrown by a dependency (pkijs, asn1js, WebCrypto) into an X509Error, once. */
export function asX509Error(error: unknown, code: X509ErrorCode, context: string): X509Error {
  if (error instanceof X509Error) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new X509Error(code, `${context}: ${detail}`, { cause: error });
}
