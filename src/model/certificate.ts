/**
 * What a trust-list record needs from an X.509 certificate. The core never parses certificates
 * itself (that is `itl-codec/x509`'s job, with pkijs); builders and signers take these fields.
 */

/** A distinguished name written in the two styles seen in real trust lists (format.md §4.3). */
export interface NameStrings {
  /** CUCM style: `CN=..;OU=..;O=..;L=..;ST=..;C=..`, that fixed order, `;` separated. */
  cucm: string;
  /** certutils style: RFC 4514 attributes in certificate (DER) order, joined by `,`. */
  certutils: string;
}

/** Name style used when a builder writes subject and issuer strings. */
export type NameStyle = keyof NameStrings;

/** The record fields of one certificate, as `itl-codec/x509` extracts them. */
export interface CertificateFields {
  /** The DER certificate (record tag 9). */
  der: Uint8Array;
  subject: NameStrings;
  issuer: NameStrings;
  /** Serial number magnitude, big-endian, without the DER sign byte (format.md §4.4). */
  serialNumber: Uint8Array;
  /** Record PUBLICKEY form: PKCS#1 RSAPublicKey DER for RSA, the uncompressed point for EC. */
  publicKey: Uint8Array;
  /** The certificate's own signatureValue (record tag 8). */
  signature: Uint8Array;
  /** SubjectPublicKeyInfo DER, for WebCrypto `importKey('spki', ...)`. */
  spki: Uint8Array;
  keyAlgorithm: 'RSA' | 'EC';
  /** RSA modulus size or EC field size in bits. */
  keyBits: number;
  /** EC only: 'P-256' | 'P-384' | 'P-521'. */
  namedCurve?: string;
}

/** A private key: PKCS#8 DER bytes (re-imported for the digest in use) or a WebCrypto key. */
export type PrivateKeyInput = Uint8Array | CryptoKey;

/** The signing identity: the certificate named in the header and its private key. */
export interface Signer {
  certificate: CertificateFields;
  privateKey: PrivateKeyInput;
}
