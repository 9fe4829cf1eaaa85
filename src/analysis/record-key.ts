import { bytesEqual } from '../bytes/hex.js';
import { certificateSpki, readDer, rsaModulusBits, spkiInfo } from '../der/der.js';
import type { TrustRecord } from '../model/types.js';

/** The key a record carries, as far as the core's DER reader can tell. */
export interface RecordKey {
  algorithm: 'RSA' | 'EC' | 'other';
  /** RSA modulus bits; for EC the field size inferred from the point length; 0 when unknown. */
  bits: number;
  /** Where it was read: the certificate's SubjectPublicKeyInfo (preferred) or PUBLICKEY. */
  from: 'certificate' | 'publicKey';
}

const SEQUENCE = 0x30;
const EC_UNCOMPRESSED = 0x04;

/**
 * The record's key: from its certificate when that parses, else from PUBLICKEY (PKCS#1
 * RSAPublicKey, or an uncompressed EC point; format.md §4.5). `undefined` when neither can be read.
 */
export function recordKey(record: TrustRecord): RecordKey | undefined {
  const spki = certificateKey(record);
  if (spki) {
    try {
      const info = spkiInfo(spki);
      return { algorithm: info.algorithm, bits: info.algorithm === 'EC' ? ecBits(info.publicKey) : info.bits, from: 'certificate' };
    } catch {
      // fall through to PUBLICKEY
    }
  }
  return publicKeyField(record.publicKey);
}

/**
 * Whether PUBLICKEY and the certificate's key disagree. `false` when either is missing or
 * unreadable: only a readable certificate key that differs from the stored bytes counts.
 */
export function publicKeyMismatch(record: TrustRecord): boolean {
  if (!record.publicKey) return false;
  const spki = certificateKey(record);
  if (!spki) return false;
  try {
    return !bytesEqual(spkiInfo(spki).publicKey, record.publicKey);
  } catch {
    return false;
  }
}

function certificateKey(record: TrustRecord): Uint8Array | undefined {
  if (!record.certificate) return undefined;
  try {
    return certificateSpki(record.certificate);
  } catch {
    return undefined;
  }
}

function publicKeyField(pk: Uint8Array | undefined): RecordKey | undefined {
  if (!pk || pk.length === 0) return undefined;
  if (pk[0] === SEQUENCE) {
    try {
      const top = readDer(pk, 0);
      if (top.end !== pk.length) return undefined;
      const bits = rsaModulusBits(pk);
      return bits > 0 ? { algorithm: 'RSA', bits, from: 'publicKey' } : undefined;
    } catch {
      return undefined;
    }
  }
  if (pk[0] === EC_UNCOMPRESSED && pk.length % 2 === 1) return { algorithm: 'EC', bits: ecBits(pk), from: 'publicKey' };
  return undefined;
}

/** Field size of an uncompressed point `04 || X || Y` (P-521 coordinates are 66 bytes for 521 bits). */
function ecBits(point: Uint8Array): number {
  if (point[0] !== EC_UNCOMPRESSED || point.length % 2 !== 1) return 0;
  const coordinate = (point.length - 1) / 2;
  return coordinate === 66 ? 521 : coordinate * 8;
}
