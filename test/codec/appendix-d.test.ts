// format.md Appendix D arithmetic, reproduced with models built by the library from typed fields
// only (no elements except padding): the encoder must derive every length and the CUCM layout.
import { describe, expect, it } from '@jest/globals';
import { decodeTrustList, encodeTrustList, fromJSON, toJSON, type Element, type TrustList, type TrustListHeader, type TrustRecord } from '../../src/index.js';
import { bytesOf, catchItl, hexOf, layoutOf, readVector } from './helpers.js';

const pad = (n: number): Element[] => Array.from({ length: n }, () => ({ tag: 13 }));
const filled = (n: number, byte: number) => new Uint8Array(n).fill(byte);
const serial = (hex: string) => bytesOf(hex);

function ctlHeader(signerName: string, serialHex: string, issuerName: string, pads: number): TrustListHeader {
  return {
    version: { major: 1, minor: 2 },
    signer: { name: signerName, serialNumber: serial(serialHex), issuerName },
    digest: 'sha1',
    signatureAlgorithm: 0,
    modulusCode: 1,
    signature: filled(128, 0xa5),
    filename: 'CTLFile.tlv',
    timestamp: 0x554ad7b7,
    elements: pad(pads),
  };
}

const S5_DN = 'CN=gigantic-6.cisco.com;OU=VTG;O=Alpha;L=SJ;ST=CA;C=US'; // 55 bytes with its NUL
const S7_DN = 'CN=cucm-1051-a-pub;OU=TAC;O=Cisco;L=Krakow;ST=Malopolska;C=PL'; // 62
const S8_SIGNER = 'cn="SAST-ADN0054f509        ";ou=IPCBU;o="Cisco Systems'; // 56
const S8_CA = 'cn=Cisco Manufacturing CA;o=Cisco Systems'; // 42

const s5Header = (pads: number) => ctlHeader(S5_DN, '24491f10703fea9b', S5_DN, pads);
const s7Header = (pads: number) => ctlHeader(S7_DN, '70caf64e090751b9df22f49f754fc5bb', S7_DN, pads);
const s8Header = (pads: number) => ctlHeader(S8_SIGNER, '3cf927000000afa2da45', S8_CA, pads);

const list = (header: TrustListHeader, records: TrustRecord[] = []): TrustList => ({ kind: 'CTL', header, records });
const headerSize = (header: TrustListHeader) => encodeTrustList(list(header)).length;

/** A CUCM record (tags 1..10) from typed fields only. */
function cucmRecord(o: { dns: string; subject: string; role: number; issuer?: string; serialHex: string; keyLen: number; sigLen?: number; certLen: number; ip: string }): TrustRecord {
  return {
    dnsName: o.dns,
    subjectName: o.subject,
    role: o.role,
    issuerName: o.issuer ?? o.subject,
    serialNumber: serial(o.serialHex),
    publicKey: filled(o.keyLen, 0x30),
    ...(o.sigLen !== undefined && { signature: filled(o.sigLen, 0x5a) }),
    certificate: filled(o.certLen, 0x82),
    ipAddress: o.ip,
    elements: [],
  };
}
const recordSize = (r: TrustRecord) => encodeTrustList(list(s5Header(1), [r])).length - 312;

const emptied = (dns: string, ip: string): TrustRecord => ({ dnsName: dns, role: 2, ipAddress: ip, elements: [] });

describe('format.md Appendix D with library-built models', () => {
  it('S5 header: 311 bytes, + 1 pad = 312, HeaderLength says so', () => {
    expect(headerSize(s5Header(0))).toBe(311);
    expect(headerSize(s5Header(1))).toBe(312);
    expect(decodeTrustList(encodeTrustList(list(s5Header(1)))).header.headerLength).toBe(312);
  });

  it('S7 header: 333 + 3 pads = 336', () => {
    expect(headerSize(s7Header(0))).toBe(333);
    expect(headerSize(s7Header(3))).toBe(336);
  });

  it('S8 header: 301 + 3 pads = 304', () => {
    expect(headerSize(s8Header(0))).toBe(301);
    expect(headerSize(s8Header(3))).toBe(304);
  });

  it('S5 record 1: 1147 = 5 + (3+11) + (3+55) + (3+2) + (3+55) + (3+8) + (3+140) + (3+128) + (3+712) + (3+4)', () => {
    const r = cucmRecord({ dns: 'gigantic-6', subject: S5_DN, role: 0, serialHex: '24491f10703fea9b', keyLen: 140, sigLen: 128, certLen: 712, ip: '10.35.48.106' });
    expect(recordSize(r)).toBe(1147);
    const decoded = decodeTrustList(encodeTrustList(list(s5Header(1), [r])));
    expect(decoded.records[0]!.recordLength).toBe(1147);
    expect(layoutOf(decoded.records[0]!.elements)).toBe('1,2,3,4,5,6,7,8,9,10');
  });

  it('S7 CTL: 4947 = 336 + 1156 + 1156 + 1138 + 1161', () => {
    const pub = { dns: 'cucm-1051-a-pub', subject: S7_DN, serialHex: '70caf64e090751b9df22f49f754fc5bb', keyLen: 140, sigLen: 128, certLen: 694, ip: '10.48.47.153' };
    const capf = 'CN=CAPF-e9037b69;OU=TAC;O=Cisco;L=Krakow;ST=Malopolska;C=PL';
    const itlr = 'CN=ITLRECOVERY_cucm-1051-a-pub;OU=TAC;O=Cisco;L=Krakow;ST=Malopolska;C=PL';
    const records = [
      cucmRecord({ ...pub, role: 0 }),
      cucmRecord({ ...pub, role: 2 }),
      cucmRecord({ ...pub, subject: capf, role: 4, certLen: 680 }),
      cucmRecord({ ...pub, subject: itlr, role: 0, certLen: 675 }),
    ];
    const bytes = encodeTrustList(list(s7Header(3), records));
    expect(bytes.length).toBe(4947);
    expect(decodeTrustList(bytes).records.map((r) => r.recordLength)).toEqual([1156, 1156, 1138, 1161]);
  });

  it('S8 CTL: 3746 = 304 + 1186 + 1186 + 33 + 1004 + 33, eToken records without tag 8', () => {
    const token = (name: string, serialHex: string) => cucmRecord({ dns: '', subject: name, role: 0, issuer: S8_CA, serialHex, keyLen: 140, certLen: 902, ip: '0.0.0.0' });
    const capf = 'CN=CAPF-e9037b69;OU=TAC;O=Cisco;L=Krakow;ST=Malopolska;C=PL';
    const records = [
      token(S8_SIGNER, '3cf927000000afa2da45'),
      token('cn="SAST-ADN008580ef        ";ou=IPCBU;o="Cisco Systems', '83e9080000005545af31'),
      emptied('10.48.47.153', '10.48.47.153'),
      cucmRecord({ dns: '10.48.47.153', subject: capf, role: 4, serialHex: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', keyLen: 140, certLen: 680, ip: '10.48.47.153' }),
      emptied('10.48.47.154', '10.48.47.154'),
    ];
    const bytes = encodeTrustList(list(s8Header(3), records));
    expect(bytes.length).toBe(3746);
    const decoded = decodeTrustList(bytes);
    expect(decoded.header.headerLength).toBe(304);
    expect(decoded.records.map((r) => r.recordLength)).toEqual([1186, 1186, 33, 1004, 33]);
    expect(layoutOf(decoded.records[0]!.elements)).toBe('1,2,3,4,5,6,7,9,10');
  });

  it('the emptied CCM+TFTP record is the 33 bytes of format.md §7.2', () => {
    const bytes = encodeTrustList(list(s5Header(1), [emptied('10.48.47.153', '10.48.47.153')]));
    expect(hexOf(bytes.subarray(312))).toBe('0100020021' + '02000d31302e34382e34372e31353300' + '0400020002' + '0a00040a302f99');
  });

  it('a typed-only S8 model encodes to exactly the bytes of the S8-shape vector once its fake bytes are copied in', () => {
    const vector = readVector('structural/cucm-ctl-s8-shape.tlv');
    const decoded = decodeTrustList(vector);
    const h = decoded.header;
    const rebuilt: TrustList = {
      kind: 'CTL',
      header: { version: h.version, signer: h.signer, digest: h.digest, signatureAlgorithm: h.signatureAlgorithm, modulusCode: h.modulusCode, signature: h.signature, filename: h.filename, timestamp: h.timestamp, elements: pad(3) },
      records: decoded.records.map(({ elements: _e, offset: _o, recordLength: _l, ...typed }) => ({ ...typed, elements: [] })),
    };
    expect(hexOf(encodeTrustList(rebuilt))).toBe(hexOf(vector));
  });
});

describe('editing a decoded model', () => {
  const vector = readVector('structural/cucm-ctl-s5-shape.tlv');

  it('a longer FILENAME re-encodes with a consistent HeaderLength and unchanged records', () => {
    const l = decodeTrustList(vector);
    l.header.filename = 'ITLSEP001122334455.tlv'; // 23 bytes with its NUL instead of 12
    const out = encodeTrustList(l);
    const again = decodeTrustList(out);
    expect(again.header.filename).toBe('ITLSEP001122334455.tlv');
    expect(again.header.headerLength).toBe(312 + 11);
    expect(again.records[0]!.offset).toBe(323);
    expect(out.length).toBe(vector.length + 11);
    expect(hexOf(out.subarray(323))).toBe(hexOf(vector.subarray(312)));
    expect(layoutOf(again.header.elements)).toBe('1,2,3{4,5,6},7{8,9{10,11}},12,14,15,13');
  });

  it('deleting a typed field removes its element (header and record)', () => {
    const l = decodeTrustList(vector);
    l.header.timestamp = undefined;
    delete l.records[0]!.ipAddress;
    l.records[1]!.signature = undefined;
    const again = decodeTrustList(encodeTrustList(l));
    expect(again.header.timestamp).toBeUndefined();
    expect(layoutOf(again.header.elements)).toBe('1,2,3{4,5,6},7{8,9{10,11}},12,14,13');
    expect(again.header.headerLength).toBe(312 - 7);
    expect(layoutOf(again.records[0]!.elements)).toBe('1,2,3,4,5,6,7,8,9');
    expect(again.records[0]!.recordLength).toBe(1147 - 7);
    expect(layoutOf(again.records[1]!.elements)).toBe('1,2,3,4,5,6,7,9,10');
    expect(again.records[1]!.recordLength).toBe(1147 - 131);
  });

  it('adding signerVersion to a CUCM-layout header inserts tag 28 right after HEADER_LENGTH', () => {
    const l = decodeTrustList(vector);
    l.header.signerVersion = { major: 1, minor: 1 };
    const out = encodeTrustList(l);
    expect(hexOf(out.subarray(10, 15))).toBe('1c00020101');
    const again = decodeTrustList(out);
    expect(again.header.signerVersion).toEqual({ major: 1, minor: 1 });
    expect(layoutOf(again.header.elements)).toBe('1,2,28,3{4,5,6},7{8,9{10,11}},12,14,15,13');
    expect(again.header.headerLength).toBe(317);
  });

  it('adding a record field puts it in CUCM order; adding a signer field goes into container 3', () => {
    const l = decodeTrustList(readVector('structural/cucm-ctl-s8-shape.tlv'));
    l.records[0]!.signature = filled(128, 1); // eToken record had no tag 8
    l.header.signer = { ...l.header.signer };
    const again = decodeTrustList(encodeTrustList(l));
    expect(layoutOf(again.records[0]!.elements)).toBe('1,2,3,4,5,6,7,8,9,10');
    expect(again.records[0]!.recordLength).toBe(1186 + 131);
  });

  it('the caller\u2019s model is not mutated by encoding an edited model', () => {
    const l = decodeTrustList(vector);
    l.header.signerVersion = { major: 1, minor: 0 };
    delete l.header.modulusCode;
    const before = layoutOf(l.header.elements);
    encodeTrustList(l);
    expect(layoutOf(l.header.elements)).toBe(before);
  });
});

describe('16-bit limits (format.md §3.3)', () => {
  const unknown = (n: number): Element => ({ tag: 40, value: new Uint8Array(n) });

  it('a header over 65535 bytes is ERR_TOO_LARGE', () => {
    const h = s5Header(0);
    h.elements = [unknown(65535 - 311 - 3)]; // exactly 65535: fits
    expect(decodeTrustList(encodeTrustList(list(h))).header.headerLength).toBe(65535);
    h.elements = [unknown(65535 - 311 - 2)];
    const e = catchItl(() => encodeTrustList(list(h)));
    expect(e.code).toBe('ERR_TOO_LARGE');
    expect(e.path).toBe('header/headerLength');
  });

  it('a record over 65535 bytes is ERR_TOO_LARGE; 65535 fits', () => {
    const r = (certLen: number): TrustRecord => ({ role: 0, certificate: new Uint8Array(certLen), publicKey: new Uint8Array(30000), elements: [] });
    // 5 + (3+2) + (3+30000) + (3+certLen)
    const fits = 65535 - 5 - 5 - 30003 - 3;
    const bytes = encodeTrustList(list(s5Header(1), [r(fits)]));
    expect(decodeTrustList(bytes).records[0]!.recordLength).toBe(65535);
    const e = catchItl(() => encodeTrustList(list(s5Header(1), [r(fits + 1)])));
    expect(e.code).toBe('ERR_TOO_LARGE');
    expect(e.path).toBe('records[0]/recordLength');
  });

  it('a value over 65535 bytes is ERR_TOO_LARGE, naming the field', () => {
    const e = catchItl(() => encodeTrustList(list(s5Header(1), [{ certificate: new Uint8Array(65536), elements: [] }])));
    expect(e.code).toBe('ERR_TOO_LARGE');
    expect(e.path).toBe('records[0]/certificate');
    const h = s5Header(0);
    h.signature = new Uint8Array(70000);
    const e2 = catchItl(() => encodeTrustList(list(h)));
    expect(e2.code).toBe('ERR_TOO_LARGE');
    expect(e2.path).toBe('header/signature');
    const h2 = s5Header(0);
    h2.elements = [unknown(65536)];
    const e3 = catchItl(() => encodeTrustList(list(h2)));
    expect(e3.code).toBe('ERR_TOO_LARGE');
  });

  it('a container over 65535 bytes is ERR_TOO_LARGE', () => {
    const h = s5Header(0);
    h.signer = { name: 'x'.repeat(40000), issuerName: 'y'.repeat(40000) };
    const e = catchItl(() => encodeTrustList(list(h)));
    expect(e.code).toBe('ERR_TOO_LARGE');
    expect(e.path).toBe('header/SIGNER_INFO');
  });
});

describe('padding in a model built from typed fields (format.md §3.2: CUCM order ends 14, 15, 13…)', () => {
  it('pad elements stay after TIMESTAMP when the typed fields are laid out around them', () => {
    const bytes = encodeTrustList(list(s5Header(1)));
    const decoded = decodeTrustList(bytes);
    expect(layoutOf(decoded.header.elements)).toBe('1,2,3{4,5,6},7{8,9{10,11}},12,14,15,13');
    expect(bytes[311]).toBe(0x0d);
  });

  it('a typed-only S5 model encodes to exactly the bytes of the S5-shape header', () => {
    const vector = readVector('structural/cucm-ctl-s5-shape.tlv');
    const h = decodeTrustList(vector).header;
    const typedOnly: TrustListHeader = { ...h, headerLength: undefined, elements: pad(1) };
    expect(hexOf(encodeTrustList(list(typedOnly)))).toBe(hexOf(vector.subarray(0, 312)));
  });

  it('re-adding a removed TIMESTAMP puts it before the trailing pad bytes, where it was', () => {
    const vector = readVector('structural/cucm-ctl-s5-shape.tlv');
    const l = decodeTrustList(vector);
    const ts = l.header.timestamp;
    l.header.timestamp = undefined;
    const without = decodeTrustList(encodeTrustList(l));
    without.header.timestamp = ts;
    expect(hexOf(encodeTrustList(without))).toBe(hexOf(vector));
  });
});

// Regression: the layout once left VERSION out of models built from typed fields, and toJSON lost it.
describe('the JSON form of a model built from typed fields', () => {
  it('keeps VERSION, so fromJSON(toJSON(model)) encodes to the same bytes', () => {
    const built = list({ version: { major: 1, minor: 2 }, filename: 'ITLFile.tlv', elements: [] });
    const bytes = encodeTrustList(built);
    const json = toJSON(built);
    expect(json.header.find((e) => e.tag === 1)?.value).toBe('1.2');
    expect(hexOf(encodeTrustList(fromJSON(json)))).toBe(hexOf(bytes));
  });
});
