/** The signing identity: a certificate and the private key that belongs to it. */
import type { Signer } from '../model/certificate.js';
import { certificateBlocks, parseCertificateDer, type ParsedCertificate } from './certificate.js';
import { decodeWhole } from './der.js';
import { X509Error } from './errors.js';
import { keyMatchesCertificate } from './match.js';
import { classifyInput, describeLabels } from './pem.js';
import { derKeyShape } from './pkcs8.js';
import { readPkcs12 } from './pkcs12.js';
import { loadPrivateKey, type LoadedKey, type LoadPrivateKeyOptions } from './private-key.js';
import { publicKeyInfo } from './public-key-info.js';

export type LoadSignerOptions = LoadPrivateKeyOptions;

/** A {@link Signer} whose key is PKCS#8 DER and whose certificate is fully parsed. */
export interface LoadedSigner extends Signer {
  certificate: ParsedCertificate;
  /** Unencrypted PKCS#8 DER. */
  privateKey: Uint8Array;
  /** The same object as `certificate`. */
  parsed: ParsedCertificate;
  /** The other certificates found in the inputs (e.g. the CA in a PKCS#12), in file order. */
  chain: ParsedCertificate[];
  /** How the key was stored. */
  keySource: LoadedKey['source'];
}

/**
 * Loads a signer from a certificate and its key. `certInput` may be a certificate (DER or PEM, a
 * bundle allowed), a PEM holding both key and certificate, or a PKCS#12 file; `keyInput` is needed
 * only when `certInput` has no key. The certificate used is the first one the key belongs to;
 * when none matches, ERR_KEY_MISMATCH.
 */
export async function loadSigner(
  certInput: Uint8Array | string,
  keyInput?: Uint8Array | string,
  options: LoadSignerOptions = {},
): Promise<LoadedSigner> {
  const subtle = options.subtle ?? globalThis.crypto.subtle;
  const classified = classifyInput(certInput, 'certificate');

  let candidates: ParsedCertificate[];
  let keyFromCertInput: (() => Promise<LoadedKey>) | undefined;
  if (classified.kind === 'pem') {
    candidates = certificateBlocks(classified.blocks).map((b) => parseCertificateDer(b.der));
    if (candidates.length === 0) {
      throw new X509Error('ERR_NO_CERTIFICATE', `certificate input: found PEM block(s) ${describeLabels(classified.blocks)}, expected 'CERTIFICATE'`);
    }
    if (classified.blocks.some((b) => b.label.includes('PRIVATE KEY'))) {
      keyFromCertInput = () => loadPrivateKey(certInput, options);
    }
  } else {
    const shape = derKeyShape(decodeWhole(classified.der, 'ERR_X509_PARSE', 'certificate input'));
    if (shape === 'pkcs12') {
      if (keyInput === undefined) {
        const key = await loadPrivateKey(classified.der, options);
        candidates = key.certificates;
        keyFromCertInput = async () => key;
      } else {
        candidates = (await readPkcs12(classified.der, options.password, subtle)).certificates;
      }
      if (candidates.length === 0) throw new X509Error('ERR_NO_CERTIFICATE', 'certificate input: the PKCS#12 file holds no certificate');
    } else if (shape === 'certificate' || shape === 'unknown') {
      candidates = [parseCertificateDer(classified.der)];
    } else {
      throw new X509Error('ERR_NO_CERTIFICATE', `certificate input is a private key (${shape} DER), expected a certificate or PKCS#12`);
    }
  }

  let key: LoadedKey;
  if (keyInput !== undefined) key = await loadPrivateKey(keyInput, options);
  else if (keyFromCertInput) key = await keyFromCertInput();
  else throw new X509Error('ERR_NO_KEY', 'no private key: the certificate input holds none and no key input was given');

  for (const [i, certificate] of candidates.entries()) {
    if (await keyMatchesCertificate(key.pkcs8, certificate, subtle)) {
      return {
        certificate,
        privateKey: key.pkcs8,
        parsed: certificate,
        chain: candidates.filter((_, j) => j !== i),
        keySource: key.source,
      };
    }
  }
  const keyText = publicKeyInfo(key).description;
  const certText = candidates.map((c) => `'${c.subjectText}' (${publicKeyInfo(c).description})`).join(', ');
  throw new X509Error(
    'ERR_KEY_MISMATCH',
    candidates.length === 1
      ? `the private key (${keyText}) does not belong to the certificate ${certText}`
      : `the private key (${keyText}) belongs to none of the ${candidates.length} certificates: ${certText}`,
  );
}
