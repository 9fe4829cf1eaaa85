import { describe, expect, it } from '@jest/globals';
import { createHash, createPublicKey, verify as nodeVerify, X509Certificate } from 'node:crypto';
import { fingerprints, parseCertificate, parseCertificates, publicKeyInfo, X509Error } from '../../src/x509/index.js';
import { keyFile, keyText, peculiarSubtle, tbsOf } from './fixtures.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const A_OU_O = 'OU=TEST ONLY;O=itl-codec test';

interface Expected {
  keyAlgorithm: 'RSA' | 'EC';
  keyBits: number;
  namedCurve?: string;
  publicKeyLength: number;
  /** RSA: exact; EC: undefined (DER ECDSA-Sig-Value length varies). */
  signatureLength?: number;
  signatureAlgorithm: string;
  serialNumber: string;
  serialNumberDer: string;
  subject: { cucm: string; certutils: string; text: string };
  /** Undefined: self-issued, issuer strings equal the subject strings. */
  issuer?: { cucm: string; certutils: string; text: string };
  /** `openssl x509 -noout -fingerprint -sha1` and `-sha256` (OpenSSL 3.0.19), run once when the keys were made. */
  sha1: string;
  sha256: string;
}

// certutils strings: `','.join(a.rfc4514_string() for a in cert.subject)` with python cryptography
// 48.0 (what certutils runs), computed once from the committed .cert.der files.
// text strings: `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` (OpenSSL 3.0.19), except
// where noted.
const EXPECTED: Record<string, Expected> = {
  'rsa2048-a': {
    keyAlgorithm: 'RSA', keyBits: 2048, publicKeyLength: 270, signatureLength: 256,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    serialNumber: '81a3951a5c4c1c9b7eb4b4f00b8d6e38',
    serialNumberDer: '0081a3951a5c4c1c9b7eb4b4f00b8d6e38',
    subject: {
      // DER order is C, ST, L, O, OU, CN: the CUCM string is still CN first (format.md §4.3).
      cucm: `CN=ITLRECOVERY_test-a-pub;${A_OU_O};L=SJ;ST=CA;C=US`,
      certutils: 'C=US,ST=CA,L=SJ,O=itl-codec test,OU=TEST ONLY,CN=ITLRECOVERY_test-a-pub',
      text: 'CN=ITLRECOVERY_test-a-pub,OU=TEST ONLY,O=itl-codec test,L=SJ,ST=CA,C=US',
    },
    sha1: '33:81:E9:58:AE:0B:FF:21:24:E6:77:77:E2:D9:58:41:F4:0B:80:1E',
    sha256: 'BE:37:CB:A4:E1:61:D9:F5:57:2D:9F:30:09:3C:79:DB:6B:E2:85:B1:31:9E:FD:F3:91:83:B1:FB:B5:E5:7A:60',
  },
  'rsa1024-a': {
    keyAlgorithm: 'RSA', keyBits: 1024, publicKeyLength: 140, signatureLength: 128,
    signatureAlgorithm: 'sha1WithRSAEncryption',
    serialNumber: '0123456789abcdef',
    serialNumberDer: '0123456789abcdef',
    subject: {
      cucm: `CN=cucm-test-a-pub;${A_OU_O};L=SJ;ST=CA;C=US`,
      certutils: 'CN=cucm-test-a-pub,OU=TEST ONLY,O=itl-codec test,L=SJ,ST=CA,C=US',
      text: 'C=US,ST=CA,L=SJ,O=itl-codec test,OU=TEST ONLY,CN=cucm-test-a-pub',
    },
    sha1: 'DE:B9:55:E7:CD:32:9F:27:F9:66:60:6C:07:00:A2:90:50:6C:D1:E6',
    sha256: '1A:C0:8E:0B:13:6F:27:1A:34:28:0F:1E:09:BD:F1:50:3A:6A:DF:50:40:80:B6:0B:BA:69:81:20:31:11:AE:32',
  },
  'rsa4096-a': {
    keyAlgorithm: 'RSA', keyBits: 4096, publicKeyLength: 526, signatureLength: 512,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    serialNumber: '7e5a0c3d',
    serialNumberDer: '7e5a0c3d',
    subject: {
      // DER order C, O, OU, CN, ST, L: the order of the real CUCM CAPF certificate in format.md §4.3.
      cucm: `CN=CAPF-test-a;${A_OU_O};L=SJ;ST=CA;C=US`,
      certutils: 'C=US,O=itl-codec test,OU=TEST ONLY,CN=CAPF-test-a,ST=CA,L=SJ',
      text: 'L=SJ,ST=CA,CN=CAPF-test-a,OU=TEST ONLY,O=itl-codec test,C=US',
    },
    sha1: '33:DA:4F:25:46:91:00:CB:EF:00:00:C1:5F:BD:1C:C2:7D:1C:51:37',
    sha256: 'C9:D5:C2:A0:0A:04:C7:60:EA:3C:71:E8:32:9C:39:64:24:E3:5A:8E:2B:B8:FE:B9:F9:D8:27:7C:72:5B:27:2D',
  },
  'ec256-a': {
    keyAlgorithm: 'EC', keyBits: 256, namedCurve: 'P-256', publicKeyLength: 65,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    serialNumber: 'c0ffee',
    serialNumberDer: '00c0ffee',
    subject: {
      // Two OUs stay in DER order; emailAddress follows the six as E= [INFERRED, names.ts].
      cucm: 'CN=cucm-test-a-pub-EC;OU=TEST ONLY;OU=second OU;O=itl-codec test, Inc.;L=SJ;ST=CA;C=US;E=test@example.invalid',
      certutils:
        'CN=cucm-test-a-pub-EC,OU=TEST ONLY,OU=second OU,O=itl-codec test\\, Inc.,L=SJ,ST=CA,C=US,1.2.840.113549.1.9.1=test@example.invalid',
      text: 'emailAddress=test@example.invalid,C=US,ST=CA,L=SJ,O=itl-codec test\\, Inc.,OU=second OU,OU=TEST ONLY,CN=cucm-test-a-pub-EC',
    },
    sha1: '65:18:D8:2E:76:C5:79:42:7A:91:EE:3E:FB:AB:AA:34:F9:6A:B0:C7',
    sha256: '4B:52:8A:DA:98:E5:E5:E7:F2:93:0F:CB:DA:F6:7E:D1:73:9C:60:50:88:7C:B2:FA:75:64:B6:23:61:2F:9F:E6',
  },
  'ec384-a': {
    keyAlgorithm: 'EC', keyBits: 384, namedCurve: 'P-384', publicKeyLength: 97,
    signatureAlgorithm: 'ecdsa-with-SHA384',
    serialNumber: '0384',
    serialNumberDer: '0384',
    subject: {
      cucm: 'CN=tvs-test-a-EC384;OU=TEST ONLY;O=itl-codec test;C=US',
      certutils: 'CN=tvs-test-a-EC384,OU=TEST ONLY,O=itl-codec test,C=US',
      text: 'C=US,O=itl-codec test,OU=TEST ONLY,CN=tvs-test-a-EC384',
    },
    sha1: '09:36:C4:F5:F2:37:60:E4:10:41:16:38:B0:C0:CC:36:02:09:86:A5',
    sha256: '21:05:21:D1:4F:55:CC:8D:D2:2D:61:8B:31:F4:1A:F0:C7:C0:55:3F:FF:2C:3F:3A:B0:BF:6C:80:EC:31:7F:74',
  },
  'ec521-a': {
    keyAlgorithm: 'EC', keyBits: 521, namedCurve: 'P-521', publicKeyLength: 133,
    signatureAlgorithm: 'ecdsa-with-SHA512',
    serialNumber: '0521',
    serialNumberDer: '0521',
    subject: {
      cucm: 'CN=tvs-test-a-EC521;OU=TEST ONLY;O=itl-codec test;C=US',
      certutils: 'CN=tvs-test-a-EC521,OU=TEST ONLY,O=itl-codec test,C=US',
      text: 'C=US,O=itl-codec test,OU=TEST ONLY,CN=tvs-test-a-EC521',
    },
    sha1: '84:31:EB:07:2D:82:AE:FE:C8:27:69:42:EA:E8:B2:F0:14:BE:A9:07',
    sha256: 'CE:65:C9:69:19:6E:8B:92:4E:C3:20:A9:5A:27:B0:BB:FD:74:1B:54:0E:9D:5F:28:55:F7:5F:FE:FE:13:B6:16',
  },
  'ca-a': {
    keyAlgorithm: 'RSA', keyBits: 2048, publicKeyLength: 270, signatureLength: 256,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    serialNumber: '0ca0',
    serialNumberDer: '0ca0',
    subject: {
      cucm: 'CN=itl-codec test CA A;OU=TEST ONLY;O=itl-codec test;C=US',
      certutils: 'C=US,O=itl-codec test,OU=TEST ONLY,CN=itl-codec test CA A',
      text: 'CN=itl-codec test CA A,OU=TEST ONLY,O=itl-codec test,C=US',
    },
    sha1: '11:AA:86:ED:52:BA:58:E2:A3:4F:1A:FD:16:1F:CF:34:86:E6:B6:A1',
    sha256: 'C8:53:F8:BF:1A:B3:11:6F:A4:80:A7:B8:B7:87:6E:D4:A7:77:6E:4C:00:4B:55:7A:B9:24:8B:43:E4:33:D4:62',
  },
  'leaf-a': {
    keyAlgorithm: 'RSA', keyBits: 2048, publicKeyLength: 270, signatureLength: 256,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    serialNumber: 'd1e2f3a4b5c6',
    serialNumberDer: '00d1e2f3a4b5c6',
    subject: {
      cucm: `CN=tomcat-test-a-pub;${A_OU_O};L=SJ;ST=CA;C=US`,
      certutils: 'CN=tomcat-test-a-pub,OU=TEST ONLY,O=itl-codec test,L=SJ,ST=CA,C=US',
      text: 'C=US,ST=CA,L=SJ,O=itl-codec test,OU=TEST ONLY,CN=tomcat-test-a-pub',
    },
    issuer: {
      cucm: 'CN=itl-codec test CA A;OU=TEST ONLY;O=itl-codec test;C=US',
      certutils: 'C=US,O=itl-codec test,OU=TEST ONLY,CN=itl-codec test CA A',
      text: 'CN=itl-codec test CA A,OU=TEST ONLY,O=itl-codec test,C=US',
    },
    sha1: '6A:83:36:B2:1D:36:5E:0A:3A:10:61:2A:F4:82:83:7D:4D:A3:ED:2B',
    sha256: 'D2:CA:03:B1:87:D3:94:2D:09:C3:1F:DA:03:1B:7E:86:38:99:68:83:7B:F7:EB:92:37:9A:0A:10:9D:C5:05:E4',
  },
  'names-a': {
    keyAlgorithm: 'EC', keyBits: 256, namedCurve: 'P-256', publicKeyLength: 65,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    serialNumber: '4e414d45',
    serialNumberDer: '4e414d45',
    subject: {
      // Fixed six first (no ST here), values raw; then UID and street by dotted OID, DER order [INFERRED].
      cucm:
        'CN=#names test;OU=TEST ONLY;OU=a+b,c;d<e>f"g\\h;O=itl-codec test;L= lead and trail ;C=US;0.9.2342.19200300.100.1.1=multi valued;2.5.4.9=Ünïcödé Straße',
      certutils:
        'C=US,O=itl-codec test,OU=TEST ONLY,CN=\\#names test,UID=multi valued,OU=a\\+b\\,c\\;d\\<e\\>f\\"g\\\\h,L=\\ lead and trail\\ ,STREET=Ünïcödé Straße',
      // OpenSSL prints the multi-valued RDN as UID=..+CN=..; we keep its DER order CN+UID (RFC 4514
      // gives the order inside an RDN no meaning). Everything else equals OpenSSL's output.
      text: 'street=Ünïcödé Straße,L=\\ lead and trail\\ ,OU=a\\+b\\,c\\;d\\<e\\>f\\"g\\\\h,CN=\\#names test+UID=multi valued,OU=TEST ONLY,O=itl-codec test,C=US',
    },
    sha1: '8D:FA:06:33:93:3D:04:83:7C:C7:B1:CB:C1:10:76:F1:27:32:AF:57',
    sha256: '30:28:19:04:5D:B1:FF:A3:71:0E:9E:58:43:0C:D7:CD:5A:28:2E:4C:24:1A:1C:DE:77:93:C8:29:BF:B5:DE:AD',
  },
  'rsa2048-b': {
    keyAlgorithm: 'RSA', keyBits: 2048, publicKeyLength: 270, signatureLength: 256,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    serialNumber: '2b2b2b2b',
    serialNumberDer: '2b2b2b2b',
    subject: {
      cucm: `CN=ITLRECOVERY_test-b-pub;${A_OU_O};L=SJ;ST=CA;C=US`,
      certutils: 'C=US,ST=CA,L=SJ,O=itl-codec test,OU=TEST ONLY,CN=ITLRECOVERY_test-b-pub',
      text: 'CN=ITLRECOVERY_test-b-pub,OU=TEST ONLY,O=itl-codec test,L=SJ,ST=CA,C=US',
    },
    sha1: '8B:19:7C:91:4D:D9:64:67:18:5E:4C:1C:92:B6:16:DC:17:ED:C9:7E',
    sha256: '6D:44:44:1A:D3:56:23:FC:87:D2:7A:38:AE:BF:5C:01:DA:B5:94:06:B8:A5:44:56:C2:A2:BF:FF:A8:A5:F8:F6',
  },
  'rsa1024-b': {
    keyAlgorithm: 'RSA', keyBits: 1024, publicKeyLength: 140, signatureLength: 128,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    serialNumber: '0b0b0b0b',
    serialNumberDer: '0b0b0b0b',
    subject: {
      cucm: `CN=cucm-test-b-pub;${A_OU_O};L=SJ;ST=CA;C=US`,
      certutils: 'CN=cucm-test-b-pub,OU=TEST ONLY,O=itl-codec test,L=SJ,ST=CA,C=US',
      text: 'C=US,ST=CA,L=SJ,O=itl-codec test,OU=TEST ONLY,CN=cucm-test-b-pub',
    },
    sha1: 'EA:6B:08:24:3E:F0:E3:B6:E6:6C:F7:D9:73:9B:D9:3F:FB:9F:15:54',
    sha256: 'A1:91:19:55:6B:9D:A8:67:25:70:D5:81:D0:47:1C:77:E3:80:AE:29:AD:AA:CA:57:E7:D1:21:BF:8B:A0:26:74',
  },
  'ec256-b': {
    keyAlgorithm: 'EC', keyBits: 256, namedCurve: 'P-256', publicKeyLength: 65,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    serialNumber: '0ec0b0',
    serialNumberDer: '0ec0b0',
    subject: {
      cucm: 'CN=cucm-test-b-pub-EC;OU=TEST ONLY;O=itl-codec test;C=US',
      certutils: 'CN=cucm-test-b-pub-EC,OU=TEST ONLY,O=itl-codec test,C=US',
      text: 'C=US,O=itl-codec test,OU=TEST ONLY,CN=cucm-test-b-pub-EC',
    },
    sha1: 'C8:51:15:7F:0F:78:85:EB:D1:2B:8C:15:79:F6:7F:C0:12:40:6A:85',
    sha256: '26:64:C9:C8:18:C0:48:92:95:73:95:4D:3D:3C:99:D4:E1:19:EE:B6:11:F8:83:D1:14:DA:2C:38:F1:62:89:3C',
  },
};

const opensslHex = (fp: string): string => fp.replace(/:/g, '').toLowerCase();

describe.each(Object.entries(EXPECTED))('certificate %s', (name, want) => {
  const pem = keyText(`${name}.cert.pem`);
  const der = keyFile(`${name}.cert.der`);
  const node = new X509Certificate(der);

  it('parses the same from DER bytes, PEM text and PEM bytes', () => {
    const fromDer = parseCertificate(der);
    expect(parseCertificate(pem)).toEqual(fromDer);
    expect(parseCertificate(new TextEncoder().encode(pem))).toEqual(fromDer);
    expect(hex(fromDer.der)).toBe(hex(der));
  });

  it('writes subject and issuer in both trust-list styles and as RFC 4514 text', () => {
    const c = parseCertificate(der);
    const issuer = want.issuer ?? want.subject;
    expect(c.subject).toEqual({ cucm: want.subject.cucm, certutils: want.subject.certutils });
    expect(c.issuer).toEqual({ cucm: issuer.cucm, certutils: issuer.certutils });
    expect(c.subjectText).toBe(want.subject.text);
    expect(c.issuerText).toBe(issuer.text);
  });

  it('gives the serial magnitude without the DER sign byte (format.md §4.4)', () => {
    const c = parseCertificate(der);
    expect(hex(c.serialNumber)).toBe(want.serialNumber);
    expect(hex(c.serialNumberDer)).toBe(want.serialNumberDer);
    // Node prints the serial from the DER INTEGER too (upper case; it keeps a 00 sign byte).
    expect(BigInt(`0x${node.serialNumber}`)).toBe(BigInt(`0x${want.serialNumber}`));
  });

  it('gives the record PUBLICKEY form and the key size (format.md §4.5)', () => {
    const c = parseCertificate(der);
    expect(c.keyAlgorithm).toBe(want.keyAlgorithm);
    expect(c.keyBits).toBe(want.keyBits);
    expect(c.namedCurve).toBe(want.namedCurve);
    expect(c.publicKey.length).toBe(want.publicKeyLength);
    const nodeKey = createPublicKey(pem);
    if (want.keyAlgorithm === 'RSA') {
      expect(hex(c.publicKey)).toBe(hex(nodeKey.export({ type: 'pkcs1', format: 'der' })));
      expect(publicKeyInfo(c)).toEqual({ algorithm: 'RSA', bits: want.keyBits, description: `RSA ${want.keyBits}` });
    } else {
      const jwk = nodeKey.export({ format: 'jwk' });
      const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
      expect(hex(c.publicKey)).toBe(point.toString('hex'));
      expect(publicKeyInfo(c)).toEqual({
        algorithm: 'EC', bits: want.keyBits, namedCurve: want.namedCurve, description: `EC ${want.namedCurve}`,
      });
    }
    expect(hex(c.spki)).toBe(hex(nodeKey.export({ type: 'spki', format: 'der' })));
  });

  it('gives the certificate signatureValue (record tag 8), which verifies over the TBSCertificate', () => {
    const c = parseCertificate(der);
    expect(c.signatureAlgorithm).toBe(want.signatureAlgorithm);
    if (want.signatureLength !== undefined) expect(c.signature.length).toBe(want.signatureLength);
    else expect(c.signature[0]).toBe(0x30); // DER ECDSA-Sig-Value
    // It is the last thing in the certificate, right after the unused-bits octet 00.
    expect(hex(der.subarray(der.length - c.signature.length - 1))).toBe(`00${hex(c.signature)}`);
    const issuerName = name === 'leaf-a' ? 'ca-a' : name;
    const issuerKey = createPublicKey(keyText(`${issuerName}.cert.pem`));
    const digest = { 'ecdsa-with-SHA256': 'sha256', 'ecdsa-with-SHA384': 'sha384', 'ecdsa-with-SHA512': 'sha512',
      sha256WithRSAEncryption: 'sha256', sha1WithRSAEncryption: 'sha1' }[want.signatureAlgorithm];
    expect(nodeVerify(digest!, tbsOf(der), issuerKey, c.signature)).toBe(true);
  });

  it('has the validity the script set', () => {
    const c = parseCertificate(der);
    expect(c.notBefore.toISOString()).toBe('2020-01-01T00:00:00.000Z');
    expect(c.notAfter.toISOString()).toBe('2049-12-31T23:59:59.000Z');
  });

  it('has an spki WebCrypto imports, with both WebCrypto implementations', async () => {
    const c = parseCertificate(der);
    const algorithm =
      c.keyAlgorithm === 'RSA'
        ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }
        : { name: 'ECDSA', namedCurve: c.namedCurve! };
    for (const subtle of [globalThis.crypto.subtle, await peculiarSubtle()]) {
      const key = await subtle.importKey('spki', new Uint8Array(c.spki), algorithm, true, ['verify']);
      expect(key.type).toBe('public');
    }
  });

  it('has fingerprints equal to openssl x509 -fingerprint and to node:crypto', async () => {
    const fp = await fingerprints(der);
    expect(fp).toEqual({ sha1: opensslHex(want.sha1), sha256: opensslHex(want.sha256) });
    expect(fp.sha1).toBe(createHash('sha1').update(der).digest('hex'));
    expect(await fingerprints(der, await peculiarSubtle())).toEqual(fp);
  });
});

describe('PEM bundles', () => {
  it('parseCertificate takes the first CERTIFICATE block; parseCertificates takes all, in order', () => {
    const bundle = `some preamble text\n${keyText('leaf-a.cert.pem')}\n${keyText('ca-a.cert.pem')}`;
    expect(parseCertificate(bundle).subject.cucm).toBe(EXPECTED['leaf-a']!.subject.cucm);
    expect(parseCertificates(bundle).map((c) => c.subject.cucm)).toEqual([
      EXPECTED['leaf-a']!.subject.cucm,
      EXPECTED['ca-a']!.subject.cucm,
    ]);
  });

  it('finds the certificate in a combined key+certificate PEM, whichever comes first', () => {
    expect(parseCertificate(keyText('rsa2048-a.combined.pem')).subject.cucm).toBe(EXPECTED['rsa2048-a']!.subject.cucm);
    expect(parseCertificate(keyText('ec256-a.combined.pem')).subject.cucm).toBe(EXPECTED['ec256-a']!.subject.cucm);
  });

  it('accepts CRLF line ends', () => {
    const crlf = keyText('rsa1024-a.cert.pem').replace(/\n/g, '\r\n');
    expect(hex(parseCertificate(crlf).der)).toBe(hex(keyFile('rsa1024-a.cert.der')));
  });

  it('parseCertificates of DER is that one certificate', () => {
    expect(parseCertificates(keyFile('ec384-a.cert.der'))).toHaveLength(1);
  });
});

describe('certificate errors are X509Error with a code', () => {
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(X509Error);
      return (error as X509Error).code;
    }
    throw new Error('expected a throw');
  };

  it('a key file is not a certificate: ERR_NO_CERTIFICATE naming the block found', () => {
    expect(code(() => parseCertificate(keyText('rsa2048-a.key.pem')))).toBe('ERR_NO_CERTIFICATE');
    expect(() => parseCertificate(keyText('rsa2048-a.key.pem'))).toThrow("found PEM block(s) 'PRIVATE KEY', expected 'CERTIFICATE'");
  });

  it('trailing bytes after the DER certificate', () => {
    const der = keyFile('rsa1024-a.cert.der');
    const padded = new Uint8Array([...der, 0]);
    expect(code(() => parseCertificate(padded))).toBe('ERR_X509_PARSE');
  });

  it('a DER structure that is not a certificate (a PKCS#8 key)', () => {
    expect(code(() => parseCertificate(keyFile('rsa2048-a.key.der')))).toBe('ERR_X509_PARSE');
  });

  it('text without PEM, empty input, bad base64, mismatched END label', () => {
    expect(code(() => parseCertificate('hello'))).toBe('ERR_X509_INPUT');
    expect(code(() => parseCertificate(new Uint8Array()))).toBe('ERR_X509_INPUT');
    expect(code(() => parseCertificate('-----BEGIN CERTIFICATE-----\nMII*\n-----END CERTIFICATE-----\n'))).toBe('ERR_X509_INPUT');
    expect(code(() => parseCertificate('-----BEGIN CERTIFICATE-----\nMIIB\n-----END X509 CRL-----\n'))).toBe('ERR_X509_INPUT');
  });

  it('a non-Uint8Array, non-string input is an X509Error, not a TypeError', () => {
    expect(code(() => parseCertificate(42 as unknown as string))).toBe('ERR_X509_INPUT');
    expect(code(() => parseCertificate(null as unknown as string))).toBe('ERR_X509_INPUT');
  });
});

describe('Node Buffer input', () => {
  it('a Buffer view at a non-zero offset parses, and the result shares no memory with it', () => {
    const der = keyFile('rsa2048-a.cert.der');
    const view = Buffer.concat([Buffer.alloc(7, 0xee), Buffer.from(der)]).subarray(7);
    const c = parseCertificate(view);
    expect(hex(c.der)).toBe(hex(der));
    const before = hex(c.serialNumber) + hex(c.publicKey);
    view.fill(0);
    expect(hex(c.serialNumber) + hex(c.publicKey)).toBe(before);
    for (const bytes of [c.der, c.serialNumber, c.serialNumberDer, c.publicKey, c.signature, c.spki]) {
      expect(Buffer.isBuffer(bytes)).toBe(false);
    }
  });
});
