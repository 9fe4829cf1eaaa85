/** Certificate fingerprints (what `openssl x509 -fingerprint` and Cisco's `show` commands print). */
import { bufferSource, toHex } from './bytes.js';

/** SHA-1 and SHA-256 of the DER bytes, lower-case hex without separators. */
export async function fingerprints(
  der: Uint8Array,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<{ sha1: string; sha256: string }> {
  const data = bufferSource(der);
  const [sha1, sha256] = await Promise.all([subtle.digest('SHA-1', data), subtle.digest('SHA-256', data)]);
  return { sha1: toHex(new Uint8Array(sha1)), sha256: toHex(new Uint8Array(sha256)) };
}
