/** X.509 certificate → the record fields of a trust list (format.md §4.3–4.5), plus display data. */
import * as pkijs from 'pkijs';
import type { CertificateFields } from '../model/certificate.js';
import { bitLength, copyBytes, stripLeadingZeros } from './bytes.js';
import {
  algorithmOf,
  bitStringOf,
  childrenOf,
  contentOf,
  decodeWhole,
  isContext,
  isUniversal,
  oidOf,
  rawOf,
  TAG,
  type Block,
} from './der.js';
import { asX509Error, X509Error } from './errors.js';
import { nameStrings, readName, rfc4514NameString } from './names.js';
import { CURVES, describeOid, OID, SIGNATURE_ALGORITHMS } from './oids.js';
import { classifyInput, describeLabels, type PemBlock } from './pem.js';

/** Everything a trust-list record needs, plus what a person wants to see. */
export interface ParsedCertificate extends CertificateFields {
  /** The serial number's DER INTEGER contents, sign byte included (e.g. `00 81 a3 …`). */
  serialNumberDer: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** Subject as RFC 4514 (reverse DER order, like `openssl x509 -nameopt RFC2253`). */
  subjectText: string;
  /** Issuer as RFC 4514. */
  issuerText: string;
  /** OpenSSL-style name (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`), or the dotted OID. */
  signatureAlgorithm: string;
  signatureAlgorithmOid: string;
}

/** PEM labels that hold one X.509 certificate. */
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);

/**
 * Parses one certificate: DER bytes, PEM text or PEM bytes. With several PEM blocks, the first
 * `CERTIFICATE` block is used (use {@link parseCertificates} for all of them).
 */
export function parseCertificate(input: Uint8Array | string): ParsedCertificate {
  const ders = certificateDers(input);
  return parseCertificateDer(ders[0] as Uint8Array);
}

/** Parses every certificate in a PEM bundle (or the single certificate of a DER input), in order. */
export function parseCertificates(input: Uint8Array | string): ParsedCertificate[] {
  return certificateDers(input).map((der, i) => {
    try {
      return parseCertificateDer(der);
    } catch (error) {
      if (error instanceof X509Error) {
        throw new X509Error(error.code, `certificate ${i + 1}: ${error.message}`, { cause: error });
      }
      throw error;
    }
  });
}

function certificateDers(input: Uint8Array | string): Uint8Array[] {
  const classified = classifyInput(input, 'certificate');
  if (classified.kind === 'der') return [classified.der];
  const ders = certificateBlocks(classified.blocks).map((b) => b.der);
  if (ders.length === 0) {
    throw new X509Error(
      'ERR_NO_CERTIFICATE',
      `found PEM block(s) ${describeLabels(classified.blocks)}, expected 'CERTIFICATE'`,
    );
  }
  return ders;
}

/** The CERTIFICATE blocks of a PEM input. */
export function certificateBlocks(blocks: PemBlock[]): PemBlock[] {
  return blocks.filter((b) => CERTIFICATE_LABELS.has(b.label));
}

/** Parses the DER of one certificate. */
export function parseCertificateDer(input: Uint8Array): ParsedCertificate {
  const der = copyBytes(input);
  const root = decodeWhole(der, 'ERR_X509_PARSE', 'certificate');

  // pkijs checks the whole X.509 structure (version, validity, extensions) and decodes the times.
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: root });
  } catch (error) {
    throw asX509Error(error, 'ERR_X509_PARSE', 'not an X.509 certificate');
  }

  // Exact byte spans come from the asn1js tree itself, never from re-encoding.
  const [tbs, signatureAlgorithmBlock, signatureValue] = childrenOf(root);
  const tbsFields = childrenOf(tbs);
  const offset = isContext(tbsFields[0], 0) ? 1 : 0;
  const serialBlock = tbsFields[offset];
  const issuerBlock = tbsFields[offset + 2];
  const subjectBlock = tbsFields[offset + 4];
  const spkiBlock = tbsFields[offset + 5];
  if (!isUniversal(serialBlock, TAG.INTEGER) || !isUniversal(spkiBlock, TAG.SEQUENCE)) {
    throw new X509Error('ERR_X509_PARSE', 'certificate: TBSCertificate has an unexpected layout');
  }

  const serialNumberDer = contentOf(serialBlock!);
  const signature = bitStringOf(signatureValue);
  if (!signature) throw new X509Error('ERR_X509_PARSE', 'certificate: signatureValue is not a BIT STRING');
  const signatureAlgorithmOid = algorithmOf(signatureAlgorithmBlock)?.oid ?? '';

  const subjectRdns = readName(subjectBlock, 'subject');
  const issuerRdns = readName(issuerBlock, 'issuer');
  const key = readSubjectPublicKeyInfo(spkiBlock!);

  return {
    der,
    subject: nameStrings(subjectRdns),
    issuer: nameStrings(issuerRdns),
    serialNumber: serialMagnitude(serialNumberDer),
    serialNumberDer,
    publicKey: key.publicKey,
    signature: signature.bytes,
    spki: rawOf(spkiBlock!),
    keyAlgorithm: key.keyAlgorithm,
    keyBits: key.keyBits,
    ...(key.namedCurve ? { namedCurve: key.namedCurve } : {}),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    subjectText: rfc4514NameString(subjectRdns),
    issuerText: rfc4514NameString(issuerRdns),
    signatureAlgorithm: SIGNATURE_ALGORITHMS[signatureAlgorithmOid] ?? signatureAlgorithmOid,
    signatureAlgorithmOid,
  };
}

/**
 * format.md §4.4: the magnitude without DER sign bytes (`00 81 a3 …` → `81 a3 …`), at least one
 * byte. A negative serial (invalid under RFC 5280, seen in old certificates) is kept as its
 * two's-complement bytes.
 */
export function serialMagnitude(serialNumberDer: Uint8Array): Uint8Array {
  return stripLeadingZeros(serialNumberDer);
}

interface SpkiKey {
  keyAlgorithm: 'RSA' | 'EC';
  keyBits: number;
  namedCurve?: 'P-256' | 'P-384' | 'P-521';
  /** The subjectPublicKey BIT STRING contents: RSAPublicKey DER, or the EC point. */
  publicKey: Uint8Array;
}

/** SubjectPublicKeyInfo → record form (format.md §4.5). */
export function readSubjectPublicKeyInfo(spki: Block): SpkiKey {
  const [algorithmBlock, keyBlock] = childrenOf(spki);
  const algorithm = algorithmOf(algorithmBlock);
  const bits = bitStringOf(keyBlock);
  if (!algorithm || !bits) {
    throw new X509Error('ERR_X509_PARSE', 'SubjectPublicKeyInfo is not SEQUENCE { AlgorithmIdentifier, BIT STRING }');
  }
  if (algorithm.oid === OID.rsaEncryption) {
    const { modulus } = readRsaPublicKey(bits.bytes, 'ERR_X509_PARSE');
    return { keyAlgorithm: 'RSA', keyBits: bitLength(modulus), publicKey: bits.bytes };
  }
  if (algorithm.oid === OID.ecPublicKey) {
    const curveOid = oidOf(algorithm.params);
    const curve = curveOid ? CURVES[curveOid] : undefined;
    if (!curve) {
      throw new X509Error(
        'ERR_X509_UNSUPPORTED',
        `EC public key on ${curveOid ? describeOid(curveOid) : 'explicit (non-named) curve parameters'}; supported: P-256, P-384, P-521`,
      );
    }
    return { keyAlgorithm: 'EC', keyBits: curve.bits, namedCurve: curve.name, publicKey: bits.bytes };
  }
  throw new X509Error(
    'ERR_X509_UNSUPPORTED',
    `public key algorithm ${describeOid(algorithm.oid)} has no trust-list form; supported: RSA (rsaEncryption), EC (id-ecPublicKey)`,
  );
}

/** `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` → magnitudes. */
export function readRsaPublicKey(
  der: Uint8Array,
  code: 'ERR_X509_PARSE' | 'ERR_KEY_PARSE',
): { modulus: Uint8Array; exponent: Uint8Array } {
  const seq = decodeWhole(der, code, 'RSAPublicKey');
  const [n, e] = childrenOf(seq);
  if (!isUniversal(seq, TAG.SEQUENCE) || !isUniversal(n, TAG.INTEGER) || !isUniversal(e, TAG.INTEGER)) {
    throw new X509Error(code, 'RSAPublicKey is not SEQUENCE { INTEGER, INTEGER }');
  }
  return { modulus: stripLeadingZeros(contentOf(n!)), exponent: stripLeadingZeros(contentOf(e!)) };
}
