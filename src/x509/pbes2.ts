/**
 * Password-based decryption (PKCS#5 v2.1 PBES2: PBKDF2 + AES-CBC) through WebCrypto, for
 * `ENCRYPTED PRIVATE KEY` PEM and for PKCS#12 bags. The legacy PKCS#12 PBE schemes (RC2, RC4,
 * 3DES) and PBES1 are rejected by name: WebCrypto has none of those ciphers.
 */
import { bufferSource, utf8Encode } from './bytes.js';
import { algorithmOf, childrenOf, contentOf, decodeWhole, isUniversal, TAG, type Block } from './der.js';
import { X509Error } from './errors.js';
import { describeOid, OID } from './oids.js';

const PRF_HASH: Record<string, string> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.9': 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};

const AES_CBC_KEY_BYTES: Record<string, number> = {
  '2.16.840.1.101.3.4.1.2': 16,
  '2.16.840.1.101.3.4.1.22': 24,
  '2.16.840.1.101.3.4.1.42': 32,
};

/** Refuses absurd iteration counts from untrusted files (OpenSSL writes 2048; some tools 600000). */
const MAX_ITERATIONS = 10_000_000;

/**
 * Decrypts data encrypted with `algorithm` (an AlgorithmIdentifier: OID + parameters block).
 * `what` names the thing for messages (`encrypted PKCS#8 key`, `PKCS#12 key bag`).
 * A padding failure is reported as ERR_KEY_PASSWORD.
 */
export async function decryptWithPassword(
  algorithm: { oid: string; params: Block | undefined },
  ciphertext: Uint8Array,
  password: string,
  subtle: SubtleCrypto,
  what: string,
): Promise<Uint8Array> {
  if (algorithm.oid !== OID.pbes2) {
    throw new X509Error(
      'ERR_KEY_UNSUPPORTED',
      `${what} is encrypted with ${describeOid(algorithm.oid)}, which WebCrypto cannot decrypt; supported: PBES2 with PBKDF2 and AES-CBC (the OpenSSL 3 default: re-export without '-legacy', or re-encrypt a key with 'openssl pkcs8 -topk8 -v2 aes-256-cbc')`,
    );
  }
  // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
  const [kdfBlock, schemeBlock] = childrenOf(algorithm.params);
  const kdf = algorithmOf(kdfBlock);
  const scheme = algorithmOf(schemeBlock);
  if (!kdf || !scheme) throw new X509Error('ERR_KEY_PARSE', `${what}: malformed PBES2 parameters`);
  if (kdf.oid !== OID.pbkdf2) {
    throw new X509Error('ERR_KEY_UNSUPPORTED', `${what}: PBES2 key derivation ${describeOid(kdf.oid)} is not supported; supported: PBKDF2`);
  }
  // PBKDF2-params ::= SEQUENCE { salt OCTET STRING, iterationCount INTEGER, keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }
  const kdfFields = childrenOf(kdf.params);
  const [saltBlock, iterationsBlock] = kdfFields;
  if (!isUniversal(saltBlock, TAG.OCTET_STRING) || !isUniversal(iterationsBlock, TAG.INTEGER)) {
    throw new X509Error('ERR_KEY_UNSUPPORTED', `${what}: PBKDF2 salt is not an OCTET STRING (the 'otherSource' choice is not supported)`);
  }
  const iterations = readSmallInteger(iterationsBlock!, `${what}: PBKDF2 iteration count`);
  if (iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new X509Error('ERR_KEY_UNSUPPORTED', `${what}: PBKDF2 iteration count ${iterations} is outside 1..${MAX_ITERATIONS}`);
  }
  const prfBlock = kdfFields.slice(2).find((b) => isUniversal(b, TAG.SEQUENCE));
  const prfOid = prfBlock ? (algorithmOf(prfBlock)?.oid ?? '') : '1.2.840.113549.2.7';
  const hash = PRF_HASH[prfOid];
  if (!hash) throw new X509Error('ERR_KEY_UNSUPPORTED', `${what}: PBKDF2 PRF ${describeOid(prfOid)} is not supported by WebCrypto`);

  const keyBytes = AES_CBC_KEY_BYTES[scheme.oid];
  if (keyBytes === undefined) {
    throw new X509Error(
      'ERR_KEY_UNSUPPORTED',
      `${what}: PBES2 encryption scheme ${describeOid(scheme.oid)} is not supported; supported: aes-128-cbc, aes-192-cbc, aes-256-cbc`,
    );
  }
  if (!isUniversal(scheme.params, TAG.OCTET_STRING) || contentOf(scheme.params!).length !== 16) {
    throw new X509Error('ERR_KEY_PARSE', `${what}: AES-CBC IV is not a 16-byte OCTET STRING`);
  }
  const iv = contentOf(scheme.params!);
  const salt = contentOf(saltBlock!);

  let plaintext: ArrayBuffer;
  try {
    const baseKey = await subtle.importKey('raw', bufferSource(utf8Encode(password)), 'PBKDF2', false, ['deriveBits']);
    const bits = await subtle.deriveBits({ name: 'PBKDF2', salt: bufferSource(salt), iterations, hash }, baseKey, keyBytes * 8);
    const aesKey = await subtle.importKey('raw', bits, { name: 'AES-CBC' }, false, ['decrypt']);
    plaintext = await subtle.decrypt({ name: 'AES-CBC', iv: bufferSource(iv) }, aesKey, bufferSource(ciphertext));
  } catch (error) {
    // With a wrong key AES-CBC almost always fails its padding check.
    throw new X509Error('ERR_KEY_PASSWORD', `${what}: decryption failed: wrong password?`, { cause: error });
  }
  return new Uint8Array(plaintext);
}

function readSmallInteger(block: Block, what: string): number {
  const bytes = contentOf(block);
  if (bytes.length === 0 || bytes.length > 6 || ((bytes[0] ?? 0) & 0x80) !== 0) {
    throw new X509Error('ERR_KEY_PARSE', `${what} is not a small positive INTEGER`);
  }
  let v = 0;
  for (const b of bytes) v = v * 256 + b;
  return v;
}

/** `EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }` → PKCS#8 DER. */
export async function decryptEncryptedPrivateKeyInfo(
  der: Uint8Array,
  password: string | undefined,
  subtle: SubtleCrypto,
  what: string,
): Promise<Uint8Array> {
  const root = decodeWhole(der, 'ERR_KEY_PARSE', what);
  const [algorithmBlock, data] = childrenOf(root);
  const algorithm = algorithmOf(algorithmBlock);
  if (!algorithm || !isUniversal(data, TAG.OCTET_STRING)) {
    throw new X509Error('ERR_KEY_PARSE', `${what}: not SEQUENCE { AlgorithmIdentifier, OCTET STRING }`);
  }
  if (password === undefined) {
    throw new X509Error('ERR_KEY_PASSWORD_REQUIRED', `${what} is encrypted (${describeOid(algorithm.oid)}): a password is required`);
  }
  const plaintext = await decryptWithPassword(algorithm, octetStringValue(data!), password, subtle, what);
  // A wrong password can, rarely, still produce valid padding: then the result is not DER.
  try {
    decodeWhole(plaintext, 'ERR_KEY_PASSWORD', what);
  } catch (error) {
    throw new X509Error('ERR_KEY_PASSWORD', `${what}: decrypted data is not a private key: wrong password?`, { cause: error });
  }
  return plaintext;
}

/** OCTET STRING contents, also for the BER constructed form. */
export function octetStringValue(block: Block): Uint8Array {
  if (!block.idBlock.isConstructed) return contentOf(block);
  const parts = childrenOf(block).map(octetStringValue);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

