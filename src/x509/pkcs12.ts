/**
 * PKCS#12 (`.p12`, `.pfx`) in password-integrity mode: MAC check (PKCS#12 KDF, via pkijs), then
 * key and certificate bags, decrypted with PBES2 through WebCrypto (pbes2.ts).
 */
import * as pkijs from 'pkijs';
import { bufferSource, copyBytes, utf8Encode } from './bytes.js';
import { parseCertificateDer, type ParsedCertificate } from './certificate.js';
import { childrenOf, decodeWhole, isContext, isUniversal, oidOf, TAG, type Block } from './der.js';
import { asX509Error, X509Error } from './errors.js';
import { describeOid, OID } from './oids.js';
import { decryptEncryptedPrivateKeyInfo, decryptWithPassword, octetStringValue } from './pbes2.js';

/** What a PKCS#12 file holds. */
export interface Pkcs12Contents {
  /** PKCS#8 DER of every key bag, in file order. */
  keys: Uint8Array[];
  certificates: ParsedCertificate[];
}

const MAC_HASH: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
};

const MAX_MAC_ITERATIONS = 10_000_000;

/**
 * Reads a PKCS#12 file. Without a password, an empty password is tried (files exported with
 * `-passout pass:`); if that fails, ERR_KEY_PASSWORD_REQUIRED.
 */
export async function readPkcs12(der: Uint8Array, password: string | undefined, subtle: SubtleCrypto): Promise<Pkcs12Contents> {
  let pfx: pkijs.PFX;
  try {
    pfx = pkijs.PFX.fromBER(bufferSource(der));
  } catch (error) {
    throw asX509Error(error, 'ERR_KEY_PARSE', 'PKCS#12: not a PFX structure');
  }
  if (pfx.authSafe.contentType !== OID.data) {
    throw new X509Error(
      'ERR_KEY_UNSUPPORTED',
      `PKCS#12 in public-key integrity mode (authSafe ${describeOid(pfx.authSafe.contentType)}) is not supported; supported: password integrity (data + MAC)`,
    );
  }
  const authSafeBytes = octetStringValue(pfx.authSafe.content as Block);

  let effectivePassword = password;
  if (pfx.macData) {
    const ok = await verifyMac(pfx.macData, authSafeBytes, password ?? '', subtle);
    if (!ok) {
      if (password === undefined) {
        throw new X509Error('ERR_KEY_PASSWORD_REQUIRED', 'PKCS#12 file is password-protected: a password is required');
      }
      throw new X509Error('ERR_KEY_PASSWORD', 'PKCS#12 MAC check failed: wrong password?');
    }
    effectivePassword = password ?? '';
  }

  let authenticatedSafe: pkijs.AuthenticatedSafe;
  try {
    authenticatedSafe = pkijs.AuthenticatedSafe.fromBER(bufferSource(authSafeBytes));
  } catch (error) {
    throw asX509Error(error, 'ERR_KEY_PARSE', 'PKCS#12: malformed AuthenticatedSafe');
  }

  const contents: Pkcs12Contents = { keys: [], certificates: [] };
  for (const [index, info] of authenticatedSafe.safeContents.entries()) {
    const what = `PKCS#12 safe ${index + 1}`;
    let safeContents: Uint8Array;
    if (info.contentType === OID.data) {
      safeContents = octetStringValue(info.content as Block);
    } else if (info.contentType === OID.encryptedData) {
      if (effectivePassword === undefined) {
        throw new X509Error('ERR_KEY_PASSWORD_REQUIRED', `${what} is encrypted: a password is required`);
      }
      safeContents = await decryptEncryptedData(info.content as Block, effectivePassword, subtle, what);
    } else {
      throw new X509Error(
        'ERR_KEY_UNSUPPORTED',
        `${what} has content type ${describeOid(info.contentType)}; supported: data, encryptedData`,
      );
    }
    await readSafeContents(safeContents, effectivePassword, subtle, what, contents, 0);
  }
  return contents;
}

async function verifyMac(macData: pkijs.MacData, content: Uint8Array, password: string, subtle: SubtleCrypto): Promise<boolean> {
  const digestOid = macData.mac.digestAlgorithm.algorithmId;
  const hashAlgorithm = MAC_HASH[digestOid];
  if (!hashAlgorithm) {
    throw new X509Error(
      'ERR_KEY_UNSUPPORTED',
      `PKCS#12 MAC algorithm ${describeOid(digestOid)} is not supported; supported: HMAC with SHA-1, SHA-256, SHA-384, SHA-512`,
    );
  }
  const iterationCount = macData.iterations ?? 1;
  if (iterationCount < 1 || iterationCount > MAX_MAC_ITERATIONS) {
    throw new X509Error('ERR_KEY_UNSUPPORTED', `PKCS#12 MAC iteration count ${iterationCount} is outside 1..${MAX_MAC_ITERATIONS}`);
  }
  // The engine is built per call from the caller's `subtle`: no global pkijs engine is used.
  const engine = new pkijs.CryptoEngine({ name: 'itl-codec', crypto: { subtle } as unknown as Crypto });
  try {
    return await engine.verifyDataStampedWithPassword({
      password: utf8Encode(password).buffer,
      hashAlgorithm,
      salt: copyBytes(macData.macSalt.valueBlock.valueHexView).buffer,
      iterationCount,
      contentToVerify: copyBytes(content).buffer,
      signatureToVerify: copyBytes(macData.mac.digest.valueBlock.valueHexView).buffer,
    });
  } catch (error) {
    throw asX509Error(error, 'ERR_KEY_PARSE', 'PKCS#12 MAC check could not run');
  }
}

/** `EncryptedData ::= SEQUENCE { version, EncryptedContentInfo { contentType, algorithm, [0] IMPLICIT encryptedContent } }` */
async function decryptEncryptedData(content: Block, password: string, subtle: SubtleCrypto, what: string): Promise<Uint8Array> {
  let encrypted: pkijs.EncryptedData;
  try {
    encrypted = new pkijs.EncryptedData({ schema: content });
  } catch (error) {
    throw asX509Error(error, 'ERR_KEY_PARSE', `${what}: malformed EncryptedData`);
  }
  const info = encrypted.encryptedContentInfo;
  const algorithm = { oid: info.contentEncryptionAlgorithm.algorithmId, params: info.contentEncryptionAlgorithm.algorithmParams as Block | undefined };
  if (!info.encryptedContent) throw new X509Error('ERR_KEY_PARSE', `${what}: EncryptedData has no content`);
  const ciphertext = new Uint8Array(info.getEncryptedContent());
  const plaintext = await decryptWithPassword(algorithm, ciphertext, password, subtle, `${what} (certificates)`);
  try {
    decodeWhole(plaintext, 'ERR_KEY_PASSWORD', what);
  } catch (error) {
    throw new X509Error('ERR_KEY_PASSWORD', `${what}: decrypted data is not DER: wrong password?`, { cause: error });
  }
  return plaintext;
}

/** `SafeContents ::= SEQUENCE OF SafeBag`; `SafeBag ::= SEQUENCE { bagId OID, bagValue [0] EXPLICIT ANY, bagAttributes SET OPTIONAL }` */
async function readSafeContents(
  der: Uint8Array,
  password: string | undefined,
  subtle: SubtleCrypto,
  what: string,
  out: Pkcs12Contents,
  depth: number,
): Promise<void> {
  const root = decodeWhole(der, 'ERR_KEY_PARSE', `${what}: SafeContents`);
  if (!isUniversal(root, TAG.SEQUENCE)) throw new X509Error('ERR_KEY_PARSE', `${what}: SafeContents is not a SEQUENCE`);
  for (const [i, bag] of childrenOf(root).entries()) {
    const where = `${what} bag ${i + 1}`;
    const [idBlock, valueWrapper] = childrenOf(bag);
    const bagId = oidOf(idBlock);
    const value = isContext(valueWrapper, 0) ? childrenOf(valueWrapper)[0] : undefined;
    if (bagId === undefined || value === undefined) throw new X509Error('ERR_KEY_PARSE', `${where}: malformed SafeBag`);
    switch (bagId) {
      case OID.keyBag:
        out.keys.push(copyBytes(value.valueBeforeDecodeView));
        break;
      case OID.pkcs8ShroudedKeyBag:
        out.keys.push(await decryptEncryptedPrivateKeyInfo(copyBytes(value.valueBeforeDecodeView), password, subtle, `${where} (shrouded key)`));
        break;
      case OID.certBag: {
        // CertBag ::= SEQUENCE { certId OID, certValue [0] EXPLICIT OCTET STRING }
        const [certId, certWrapper] = childrenOf(value);
        if (oidOf(certId) !== OID.x509Certificate) break; // SDSI certificates: not X.509, skip
        const octets = childrenOf(certWrapper)[0];
        if (!isUniversal(octets, TAG.OCTET_STRING)) throw new X509Error('ERR_KEY_PARSE', `${where}: certBag value is not an OCTET STRING`);
        out.certificates.push(parseCertificateDer(octetStringValue(octets!)));
        break;
      }
      case OID.safeContentsBag:
        if (depth > 4) throw new X509Error('ERR_KEY_PARSE', `${where}: safeContentsBag nested too deeply`);
        await readSafeContents(copyBytes(value.valueBeforeDecodeView), password, subtle, where, out, depth + 1);
        break;
      default:
        break; // CRL and secret bags carry nothing a signer needs
    }
  }
}

