/**
 * `itl-codec/x509`: certificates and keys (pkijs and asn1js live here and only here).
 * Crypto only through WebCrypto: every async function takes an optional `subtle`.
 * @module itl-codec/x509
 */
export { X509Error, type X509ErrorCode } from './errors.js';
export { parseCertificate, parseCertificates, type ParsedCertificate } from './certificate.js';
export { fingerprints } from './fingerprints.js';
export { loadPrivateKey, type KeySource, type LoadedKey, type LoadPrivateKeyOptions } from './private-key.js';
export { loadSigner, type LoadedSigner, type LoadSignerOptions } from './signer.js';
export { keyMatchesCertificate } from './match.js';
export { publicKeyInfo, type KeyInfo } from './public-key-info.js';
export type { CertificateFields, NameStrings, NameStyle, PrivateKeyInput, Signer } from '../model/certificate.js';
