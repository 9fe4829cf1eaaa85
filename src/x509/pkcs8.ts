/**
 * PKCS#8 PrivateKeyInfo: what key it holds, and wrapping PKCS#1 (RSA) and SEC1 (EC) keys into it
 * the way `openssl pkcs8 -topk8 -nocrypt` does, byte for byte.
 */
import { bitLength, stripLeadingZeros } from './bytes.js';
import {
  algorithmOf,
  bitStringOf,
  childrenOf,
  contentOf,
  decodeWhole,
  encodeOid,
  encodeTlv,
  isContext,
  isUniversal,
  oidOf,
  rawOf,
  TAG,
  type Block,
} from './der.js';
import { X509Error } from './errors.js';
import { CURVES, describeOid, OID } from './oids.js';
import { concatBytes } from './bytes.js';

/** What a private key is, and the public parts needed to match it with a certificate. */
export interface KeyDescription {
  keyAlgorithm: 'RSA' | 'EC';
  /** RSA modulus bits, or the EC field size. */
  keyBits: number;
  namedCurve?: 'P-256' | 'P-384' | 'P-521';
  /** RSA: modulus and public exponent magnitudes. */
  rsa?: { modulus: Uint8Array; exponent: Uint8Array };
  /** EC: the public point, when the key file carries it. */
  ecPublicPoint?: Uint8Array;
}

/** Reads a PKCS#8 PrivateKeyInfo (or v2 OneAsymmetricKey) and describes the key in it. */
export function describePkcs8(pkcs8: Uint8Array): KeyDescription {
  const root = decodeWhole(pkcs8, 'ERR_KEY_PARSE', 'PKCS#8 PrivateKeyInfo');
  const [version, algorithmBlock, privateKey, ...rest] = childrenOf(root);
  const algorithm = algorithmOf(algorithmBlock);
  if (
    !isUniversal(root, TAG.SEQUENCE) ||
    !isUniversal(version, TAG.INTEGER) ||
    !algorithm ||
    !isUniversal(privateKey, TAG.OCTET_STRING) ||
    privateKey!.idBlock.isConstructed
  ) {
    throw new X509Error('ERR_KEY_PARSE', 'PKCS#8: not SEQUENCE { version, AlgorithmIdentifier, OCTET STRING, ... }');
  }
  const inner = contentOf(privateKey!);
  if (algorithm.oid === OID.rsaEncryption) {
    const rsa = readRsaPrivateKey(inner);
    return { keyAlgorithm: 'RSA', keyBits: bitLength(rsa.modulus), rsa };
  }
  if (algorithm.oid === OID.ecPublicKey) {
    const ec = readEcPrivateKey(inner);
    const curveOid = oidOf(algorithm.params) ?? ec.curveOid;
    const curve = curveOid ? CURVES[curveOid] : undefined;
    if (!curve) {
      throw new X509Error(
        'ERR_KEY_UNSUPPORTED',
        `EC private key on ${curveOid ? describeOid(curveOid) : 'explicit (non-named) curve parameters'}; supported: P-256, P-384, P-521`,
      );
    }
    // v2 (RFC 5958) may carry the public key outside: [1] IMPLICIT BIT STRING.
    const outerPoint = rest.find((b) => isContext(b, 1));
    const point = ec.publicPoint ?? (outerPoint ? contentOf(outerPoint).slice(1) : undefined);
    return {
      keyAlgorithm: 'EC',
      keyBits: curve.bits,
      namedCurve: curve.name,
      ...(point ? { ecPublicPoint: point } : {}),
    };
  }
  throw new X509Error(
    'ERR_KEY_UNSUPPORTED',
    `private key algorithm ${describeOid(algorithm.oid)} is not supported; supported: RSA (rsaEncryption), EC (id-ecPublicKey)`,
  );
}

/** `RSAPrivateKey ::= SEQUENCE { version, n, e, d, p, q, dp, dq, qinv, ... }` (PKCS#1). */
function readRsaPrivateKey(der: Uint8Array): { modulus: Uint8Array; exponent: Uint8Array } {
  const root = decodeWhole(der, 'ERR_KEY_PARSE', 'PKCS#1 RSAPrivateKey');
  const fields = childrenOf(root);
  if (!isUniversal(root, TAG.SEQUENCE) || fields.length < 9 || !fields.slice(0, 9).every((f) => isUniversal(f, TAG.INTEGER))) {
    throw new X509Error('ERR_KEY_PARSE', 'PKCS#1 RSAPrivateKey: expected SEQUENCE of at least 9 INTEGERs');
  }
  return {
    modulus: stripLeadingZeros(contentOf(fields[1] as Block)),
    exponent: stripLeadingZeros(contentOf(fields[2] as Block)),
  };
}

interface EcPrivateKeyParts {
  version: Block;
  privateKey: Block;
  curveOid?: string;
  publicKeyField?: Block;
  publicPoint?: Uint8Array;
}

/** `ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] params OPT, [1] publicKey OPT }` (SEC1). */
function readEcPrivateKeyParts(der: Uint8Array): EcPrivateKeyParts {
  const root = decodeWhole(der, 'ERR_KEY_PARSE', 'SEC1 ECPrivateKey');
  const [version, privateKey, ...rest] = childrenOf(root);
  if (!isUniversal(root, TAG.SEQUENCE) || !isUniversal(version, TAG.INTEGER) || !isUniversal(privateKey, TAG.OCTET_STRING)) {
    throw new X509Error('ERR_KEY_PARSE', 'SEC1 ECPrivateKey: expected SEQUENCE { INTEGER, OCTET STRING, ... }');
  }
  const params = rest.find((b) => isContext(b, 0));
  const publicKeyField = rest.find((b) => isContext(b, 1));
  const curveOid = oidOf(childrenOf(params)[0]);
  const publicPoint = bitStringOf(childrenOf(publicKeyField)[0])?.bytes;
  return {
    version: version!,
    privateKey: privateKey!,
    ...(curveOid ? { curveOid } : {}),
    ...(publicKeyField ? { publicKeyField } : {}),
    ...(publicPoint ? { publicPoint } : {}),
  };
}

function readEcPrivateKey(der: Uint8Array): { curveOid?: string; publicPoint?: Uint8Array } {
  const { curveOid, publicPoint } = readEcPrivateKeyParts(der);
  return { ...(curveOid ? { curveOid } : {}), ...(publicPoint ? { publicPoint } : {}) };
}

const PKCS8_VERSION_0 = new Uint8Array([0x02, 0x01, 0x00]);
const DER_NULL = new Uint8Array([0x05, 0x00]);

/** PKCS#1 `RSA PRIVATE KEY` → PKCS#8 (AlgorithmIdentifier rsaEncryption with NULL parameters). */
export function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  readRsaPrivateKey(pkcs1); // validates
  const algorithm = encodeTlv(0x30, concatBytes(encodeOid(OID.rsaEncryption), DER_NULL));
  return encodeTlv(0x30, concatBytes(PKCS8_VERSION_0, algorithm, encodeTlv(0x04, pkcs1)));
}

/**
 * SEC1 `EC PRIVATE KEY` → PKCS#8. The curve moves to the AlgorithmIdentifier and the inner
 * ECPrivateKey keeps the private key and the public point but drops its `[0]` parameters, as
 * OpenSSL writes it.
 */
export function sec1ToPkcs8(sec1: Uint8Array): Uint8Array {
  const parts = readEcPrivateKeyParts(sec1);
  if (!parts.curveOid) {
    throw new X509Error('ERR_KEY_UNSUPPORTED', 'SEC1 EC private key without a named curve ([0] parameters missing or explicit)');
  }
  if (!CURVES[parts.curveOid]) {
    throw new X509Error('ERR_KEY_UNSUPPORTED', `EC private key on ${describeOid(parts.curveOid)}; supported: P-256, P-384, P-521`);
  }
  const inner = encodeTlv(
    0x30,
    concatBytes(rawOf(parts.version), rawOf(parts.privateKey), ...(parts.publicKeyField ? [rawOf(parts.publicKeyField)] : [])),
  );
  const algorithm = encodeTlv(0x30, concatBytes(encodeOid(OID.ecPublicKey), encodeOid(parts.curveOid)));
  return encodeTlv(0x30, concatBytes(PKCS8_VERSION_0, algorithm, encodeTlv(0x04, inner)));
}

/** Shape of a DER private-key container, decided from its top-level fields. */
export type DerKeyShape = 'pkcs8' | 'encrypted-pkcs8' | 'pkcs12' | 'pkcs1' | 'sec1' | 'certificate' | 'unknown';

/** Tells PKCS#8, EncryptedPrivateKeyInfo, PKCS#12 PFX, PKCS#1, SEC1 and certificates apart. */
export function derKeyShape(root: Block): DerKeyShape {
  if (!isUniversal(root, TAG.SEQUENCE)) return 'unknown';
  const fields = childrenOf(root);
  const [a, b, c] = fields;
  const intValue = (blk: Block | undefined): number | undefined => {
    if (!isUniversal(blk, TAG.INTEGER)) return undefined;
    const bytes = contentOf(blk!);
    return bytes.length === 1 ? bytes[0] : undefined;
  };
  if (intValue(a) === 3 && isUniversal(b, TAG.SEQUENCE)) return 'pkcs12';
  if (isUniversal(a, TAG.INTEGER) && algorithmOf(b) && isUniversal(c, TAG.OCTET_STRING)) return 'pkcs8';
  if (algorithmOf(a) && isUniversal(b, TAG.OCTET_STRING) && fields.length === 2) return 'encrypted-pkcs8';
  if (fields.length >= 9 && fields.slice(0, 9).every((f) => isUniversal(f, TAG.INTEGER))) return 'pkcs1';
  if (intValue(a) === 1 && isUniversal(b, TAG.OCTET_STRING)) return 'sec1';
  if (isUniversal(a, TAG.SEQUENCE) && algorithmOf(b) && isUniversal(c, TAG.BIT_STRING)) return 'certificate';
  return 'unknown';
}
