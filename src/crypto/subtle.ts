import { ItlError } from '../errors.js';

/** The WebCrypto engine in use: the caller's, else the platform's. No global engine is ever set. */
export function resolveSubtle(subtle?: SubtleCrypto): SubtleCrypto {
  const s = subtle ?? globalThis.crypto?.subtle;
  if (!s) throw new ItlError('ERR_UNSUPPORTED_KEY', 'no WebCrypto engine: pass options.subtle');
  return s;
}

/**
 * Since TypeScript 5.7 a `Uint8Array` may be backed by a SharedArrayBuffer and is not a
 * `BufferSource`; this is the one place that narrows it (copying only when it must).
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
