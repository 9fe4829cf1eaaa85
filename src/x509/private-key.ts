/** Private keys from every container an administrator is likely to have, normalised to PKCS#8. */
import { copyBytes } from './bytes.js';
import { certificateBlocks, parseCertificateDer, type ParsedCertificate } from './certificate.js';
import { decodeWhole } from './der.js';
import { X509Error } from './errors.js';
import { decryptEncryptedPrivateKeyInfo } from './pbes2.js';
import { classifyInput, describeLabels, type PemBlock } from './pem.js';
import { derKeyShape, describePkcs8, pkcs1ToPkcs8, sec1ToPkcs8 } from './pkcs8.js';
import { readPkcs12 } from './pkcs12.js';

export interface LoadPrivateKeyOptions {
  /** For `ENCRYPTED PRIVATE KEY` PEM and PKCS#12. */
  password?: string;
  /** Defaults to `globalThis.crypto.subtle`. */
  subtle?: SubtleCrypto;
}

/** Where the key came from. */
export type KeySource = 'pkcs8' | 'pkcs1' | 'sec1' | 'encrypted-pkcs8' | 'pkcs12';

export interface LoadedKey {
  /** Unencrypted PKCS#8 PrivateKeyInfo DER, ready for `subtle.importKey('pkcs8', ...)`. */
  pkcs8: Uint8Array;
  keyAlgorithm: 'RSA' | 'EC';
  /** RSA modulus bits, or the EC field size. */
  keyBits: number;
  /** EC only. */
  namedCurve?: 'P-256' | 'P-384' | 'P-521';
  source: KeySource;
  /** Certificates found next to the key (combined PEM, PKCS#12), in file order. */
  certificates: ParsedCertificate[];
}

const KEY_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']);
const EXPECTED = "'PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY' or 'ENCRYPTED PRIVATE KEY' (PEM), or PKCS#8 / PKCS#12 DER";

/**
 * Loads a private key: PEM (`PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`,
 * `ENCRYPTED PRIVATE KEY`, possibly together with `CERTIFICATE` blocks) or DER (PKCS#8,
 * encrypted PKCS#8, PKCS#12, PKCS#1, SEC1). The result is always unencrypted PKCS#8.
 */
export async function loadPrivateKey(input: Uint8Array | string, options: LoadPrivateKeyOptions = {}): Promise<LoadedKey> {
  const subtle = options.subtle ?? globalThis.crypto.subtle;
  const classified = classifyInput(input, 'private key');
  if (classified.kind === 'pem') return loadFromPem(classified.blocks, options.password, subtle);
  return loadFromDer(classified.der, options.password, subtle);
}

async function loadFromPem(blocks: PemBlock[], password: string | undefined, subtle: SubtleCrypto): Promise<LoadedKey> {
  const keyBlocks = blocks.filter((b) => KEY_LABELS.has(b.label));
  if (keyBlocks.length === 0) {
    const other = blocks.find((b) => b.label.includes('PRIVATE KEY'));
    if (other) {
      const hint = other.label === 'OPENSSH PRIVATE KEY' ? "; convert it with 'ssh-keygen -p -m PKCS8 -f FILE'" : '';
      throw new X509Error('ERR_KEY_UNSUPPORTED', `found PEM block '${other.label}', expected ${EXPECTED}${hint}`);
    }
    throw new X509Error('ERR_NO_KEY', `found PEM block(s) ${describeLabels(blocks)}, expected a private key: ${EXPECTED}`);
  }
  if (keyBlocks.length > 1) {
    throw new X509Error('ERR_KEY_AMBIGUOUS', `found ${keyBlocks.length} private keys (${describeLabels(keyBlocks)}); give one key per input`);
  }
  const block = keyBlocks[0] as PemBlock;
  const certificates = certificateBlocks(blocks).map((b, i) => {
    try {
      return parseCertificateDer(b.der);
    } catch (error) {
      if (error instanceof X509Error) throw new X509Error(error.code, `certificate ${i + 1} next to the key: ${error.message}`, { cause: error });
      throw error;
    }
  });

  if (block.headers['Proc-Type']?.includes('ENCRYPTED')) {
    throw new X509Error(
      'ERR_KEY_UNSUPPORTED',
      `PEM block '${block.label}' uses legacy OpenSSL encryption (DEK-Info: ${block.headers['DEK-Info'] ?? '?'}), which is not supported; convert it with 'openssl pkcs8 -topk8 -in OLD.pem -out NEW.pem' (PBES2)`,
    );
  }
  switch (block.label) {
    case 'PRIVATE KEY':
      return finish(block.der, 'pkcs8', certificates);
    case 'RSA PRIVATE KEY':
      return finish(pkcs1ToPkcs8(block.der), 'pkcs1', certificates);
    case 'EC PRIVATE KEY':
      return finish(sec1ToPkcs8(block.der), 'sec1', certificates);
    default: // ENCRYPTED PRIVATE KEY
      return finish(
        await decryptEncryptedPrivateKeyInfo(block.der, password, subtle, 'encrypted PKCS#8 key'),
        'encrypted-pkcs8',
        certificates,
      );
  }
}

async function loadFromDer(der: Uint8Array, password: string | undefined, subtle: SubtleCrypto): Promise<LoadedKey> {
  const root = decodeWhole(der, 'ERR_KEY_PARSE', 'private key (DER)');
  const shape = derKeyShape(root);
  switch (shape) {
    case 'pkcs8':
      return finish(copyBytes(der), 'pkcs8', []);
    case 'pkcs1':
      return finish(pkcs1ToPkcs8(der), 'pkcs1', []);
    case 'sec1':
      return finish(sec1ToPkcs8(der), 'sec1', []);
    case 'encrypted-pkcs8':
      return finish(await decryptEncryptedPrivateKeyInfo(der, password, subtle, 'encrypted PKCS#8 key'), 'encrypted-pkcs8', []);
    case 'pkcs12': {
      const contents = await readPkcs12(der, password, subtle);
      if (contents.keys.length === 0) {
        throw new X509Error('ERR_NO_KEY', `PKCS#12 file holds ${contents.certificates.length} certificate(s) and no private key`);
      }
      if (contents.keys.length > 1) {
        throw new X509Error('ERR_KEY_AMBIGUOUS', `PKCS#12 file holds ${contents.keys.length} private keys; expected one`);
      }
      return finish(contents.keys[0] as Uint8Array, 'pkcs12', contents.certificates);
    }
    case 'certificate':
      throw new X509Error('ERR_NO_KEY', `found a DER certificate, expected a private key: ${EXPECTED}`);
    default:
      throw new X509Error('ERR_KEY_PARSE', `DER input is not a private key container; expected ${EXPECTED}, PKCS#1 or SEC1`);
  }
}

function finish(pkcs8: Uint8Array, source: KeySource, certificates: ParsedCertificate[]): LoadedKey {
  const description = describePkcs8(pkcs8);
  return {
    pkcs8,
    keyAlgorithm: description.keyAlgorithm,
    keyBits: description.keyBits,
    ...(description.namedCurve ? { namedCurve: description.namedCurve } : {}),
    source,
    certificates,
  };
}
