import { ItlError } from '../errors.js';
import { WEBCRYPTO_HASH, type DigestName } from '../format/digests.js';
import type { PrivateKeyInput } from '../model/certificate.js';
import { bufferSource } from './subtle.js';

const RSA = 'RSASSA-PKCS1-v1_5';

/**
 * An RSA signing key bound to the digest in use. WebCrypto fixes the hash at import, so PKCS#8
 * bytes are imported per digest, and a CryptoKey with another hash is re-imported if extractable.
 */
export async function rsaSigningKey(subtle: SubtleCrypto, key: PrivateKeyInput, digest: DigestName): Promise<CryptoKey> {
  const hash = WEBCRYPTO_HASH[digest];
  if (key instanceof Uint8Array) {
    try {
      return await subtle.importKey('pkcs8', bufferSource(key), { name: RSA, hash }, false, ['sign']);
    } catch (e) {
      throw new ItlError('ERR_UNSUPPORTED_KEY', `the private key is not an RSA PKCS#8 key WebCrypto accepts (${(e as Error).message})`, { cause: e });
    }
  }
  const alg = key.algorithm as RsaHashedKeyAlgorithm;
  if (alg.name !== RSA) throw new ItlError('ERR_UNSUPPORTED_KEY', `trust lists are signed with RSA (RSASSA-PKCS1-v1_5), not ${alg.name}`);
  if (alg.hash?.name === hash) return key;
  if (!key.extractable) {
    throw new ItlError('ERR_UNSUPPORTED_KEY', `the CryptoKey is bound to ${alg.hash?.name} and is not extractable; import it for ${hash} or pass PKCS#8 bytes`);
  }
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', key));
  return rsaSigningKey(subtle, pkcs8, digest);
}

/** An RSA verification key from SubjectPublicKeyInfo DER, bound to the digest. */
export async function rsaVerifyKey(subtle: SubtleCrypto, spki: Uint8Array, digest: DigestName): Promise<CryptoKey> {
  return subtle.importKey('spki', bufferSource(spki), { name: RSA, hash: WEBCRYPTO_HASH[digest] }, false, ['verify']);
}

export const RSA_ALGORITHM = RSA;
