/**
 * What a record's PUBLICKEY element holds (format.md §4.5): a PKCS#1 RSAPublicKey DER for RSA
 * (`SEQUENCE { INTEGER n, INTEGER e }`), the uncompressed point `04 || X || Y` for EC.
 */
import { derChildren, readDer, rsaModulusBits } from '../../der/der.js';

export type PublicKeyInfo =
  | { type: 'RSA'; bits: number; exponent: number | null; length: number }
  | { type: 'EC'; curve: string; bits: number; length: number }
  | { type: 'unknown'; length: number; note: string };

const SEQUENCE = 0x30;
const INTEGER = 0x02;

/** Uncompressed point sizes: 1 + 2 × field bytes. */
const EC_POINTS: Record<number, { curve: string; bits: number }> = {
  65: { curve: 'P-256', bits: 256 },
  97: { curve: 'P-384', bits: 384 },
  133: { curve: 'P-521', bits: 521 },
};

export function describePublicKey(key: Uint8Array): PublicKeyInfo {
  const rsa = rsaPublicKey(key);
  if (rsa) return rsa;
  const ec = key[0] === 0x04 ? EC_POINTS[key.length] : undefined;
  if (ec) return { type: 'EC', ...ec, length: key.length };
  const note = key[0] === SEQUENCE ? 'DER, but not a PKCS#1 RSAPublicKey' : 'neither PKCS#1 RSAPublicKey nor an uncompressed EC point';
  return { type: 'unknown', length: key.length, note };
}

function rsaPublicKey(key: Uint8Array): PublicKeyInfo | undefined {
  try {
    const seq = readDer(key, 0);
    if (seq.tag !== SEQUENCE || seq.end !== key.length) return undefined;
    const [n, e, ...more] = derChildren(key, seq);
    if (!n || !e || more.length > 0 || n.tag !== INTEGER || e.tag !== INTEGER) return undefined;
    const bits = rsaModulusBits(key);
    if (bits === 0) return undefined;
    const expBytes = key.subarray(e.contentStart, e.end);
    const exponent = expBytes.length <= 6 ? expBytes.reduce((acc, b) => acc * 256 + b, 0) : null;
    return { type: 'RSA', bits, exponent, length: key.length };
  } catch {
    return undefined; // not DER: the caller tries the EC point form next
  }
}

/** `RSA 2048-bit (e = 65537)`, `EC P-256`, `unknown (12 bytes: ...)`. */
export function publicKeySummary(info: PublicKeyInfo): string {
  switch (info.type) {
    case 'RSA':
      return `RSA ${info.bits}-bit${info.exponent !== null ? ` (e = ${info.exponent})` : ''}, ${info.length} bytes PKCS#1`;
    case 'EC':
      return `EC ${info.curve}, ${info.length} bytes uncompressed point`;
    default:
      return `unrecognised, ${info.length} bytes (${info.note})`;
  }
}
