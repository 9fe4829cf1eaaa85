/** Does this private key belong to this certificate? */
import type { CertificateFields } from '../model/certificate.js';
import { bufferSource, equalBytes, utf8Encode } from './bytes.js';
import { readRsaPublicKey } from './certificate.js';
import { asX509Error } from './errors.js';
import { describePkcs8 } from './pkcs8.js';

/**
 * RSA: the modulus and exponent in the private key equal the certificate's. EC: same curve, and
 * the public point in the key file equals the certificate's; a key file without the point (SEC1
 * `-no_public`) is checked by signing a test message and verifying it with the certificate's key.
 */
export async function keyMatchesCertificate(
  pkcs8: Uint8Array,
  certificate: CertificateFields,
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<boolean> {
  const key = describePkcs8(pkcs8);
  if (key.keyAlgorithm !== certificate.keyAlgorithm) return false;
  if (key.keyAlgorithm === 'RSA') {
    if (!key.rsa) return false;
    const cert = readRsaPublicKey(certificate.publicKey, 'ERR_X509_PARSE');
    return equalBytes(key.rsa.modulus, cert.modulus) && equalBytes(key.rsa.exponent, cert.exponent);
  }
  if (key.namedCurve !== certificate.namedCurve) return false;
  if (key.ecPublicPoint && key.ecPublicPoint[0] === certificate.publicKey[0]) {
    return equalBytes(key.ecPublicPoint, certificate.publicKey);
  }
  return signVerifyCheck(pkcs8, certificate, key.namedCurve as string, subtle);
}

async function signVerifyCheck(pkcs8: Uint8Array, certificate: CertificateFields, namedCurve: string, subtle: SubtleCrypto): Promise<boolean> {
  const message = utf8Encode('itl-codec: does this key belong to this certificate?');
  try {
    const algorithm = { name: 'ECDSA', namedCurve };
    const privateKey = await subtle.importKey('pkcs8', bufferSource(pkcs8), algorithm, false, ['sign']);
    const publicKey = await subtle.importKey('spki', bufferSource(certificate.spki), algorithm, false, ['verify']);
    const signature = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, message);
    return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, signature, message);
  } catch (error) {
    throw asX509Error(error, 'ERR_KEY_UNSUPPORTED', `WebCrypto could not use the ${namedCurve} key for the key/certificate check`);
  }
}
