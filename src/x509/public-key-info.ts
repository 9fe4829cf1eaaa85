/** Key type and size for display. */
import type { CertificateFields } from '../model/certificate.js';

export interface KeyInfo {
  algorithm: 'RSA' | 'EC';
  /** RSA modulus bits, or the EC field size. */
  bits: number;
  /** EC only. */
  namedCurve?: string;
  /** `RSA 2048`, `EC P-256`. */
  description: string;
}

/** Works on certificate fields and on a loaded private key alike. */
export function publicKeyInfo(fields: Pick<CertificateFields, 'keyAlgorithm' | 'keyBits' | 'namedCurve'>): KeyInfo {
  if (fields.keyAlgorithm === 'EC') {
    const curve = fields.namedCurve ?? `${fields.keyBits}-bit curve`;
    return { algorithm: 'EC', bits: fields.keyBits, namedCurve: curve, description: `EC ${curve}` };
  }
  return { algorithm: 'RSA', bits: fields.keyBits, description: `RSA ${fields.keyBits}` };
}
