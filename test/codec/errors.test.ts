// Every error code through the public API, from hand-made inputs: code, byte offset and model path.
import { describe, expect, it } from '@jest/globals';
import { decodeTrustList, encodeTrustList, fromJSON, isItlError, ItlError, toJSON, type TrustList } from '../../src/index.js';
import { bytesOf, catchItl, hexOf } from './helpers.js';

/** VERSION 1.2 + HEADER_LENGTH (computed: 10 + the header elements), then the header elements, then the body. */
function file(headerHex: string, bodyHex = ''): Uint8Array {
  const header = bytesOf(headerHex);
  const hl = 10 + header.length;
  return bytesOf(`010002 0102 020002 ${hl.toString(16).padStart(4, '0')} ${hexOf(header)} ${bodyHex}`);
}
const decodeError = (bytes: Uint8Array, lenient = false) => {
  const e = catchItl(() => decodeTrustList(bytes, { lenient }));
  return { code: e.code, offset: e.offset, path: e.path };
};

describe('decoder error codes', () => {
  it('ERR_EMPTY: no bytes', () => {
    expect(decodeError(new Uint8Array())).toEqual({ code: 'ERR_EMPTY', offset: 0, path: 'header' });
  });

  it('ERR_FIRST_ELEMENT: not tag 1, or tag 1 with a length other than 2', () => {
    expect(decodeError(bytesOf('020002000a 0100020102'))).toEqual({ code: 'ERR_FIRST_ELEMENT', offset: 0, path: 'header' });
    expect(decodeError(bytesOf('01000101 020002000a'))).toEqual({ code: 'ERR_FIRST_ELEMENT', offset: 0, path: 'header' });
  });

  it('ERR_SECOND_ELEMENT: VERSION not followed by HEADER_LENGTH', () => {
    expect(decodeError(bytesOf('0100020102 0f000400000000'))).toEqual({ code: 'ERR_SECOND_ELEMENT', offset: 5, path: 'header' });
    expect(decodeError(bytesOf('0100020102 020004000000a0'))).toEqual({ code: 'ERR_SECOND_ELEMENT', offset: 5, path: 'header' });
  });

  it('ERR_TRUNCATED: the input ends inside a tag, length or value', () => {
    expect(decodeError(bytesOf('0100'))).toEqual({ code: 'ERR_TRUNCATED', offset: 1, path: 'header' });
    expect(decodeError(bytesOf('0100020102 0200'))).toEqual({ code: 'ERR_TRUNCATED', offset: 6, path: 'header' });
    // A record cut inside its RECORDLENGTH value.
    expect(decodeError(file('', '01000204'))).toEqual({ code: 'ERR_TRUNCATED', offset: 13, path: 'records[0]' });
  });

  it('ERR_HEADER_LENGTH: shorter than 10, past the end, or not on an element boundary', () => {
    expect(decodeError(bytesOf('0100020102 0200020009'))).toEqual({ code: 'ERR_HEADER_LENGTH', offset: 5, path: 'header/headerLength' });
    expect(decodeError(bytesOf('0100020102 020002000b'))).toEqual({ code: 'ERR_HEADER_LENGTH', offset: 5, path: 'header/headerLength' });
    // HeaderLength 12 ends inside FILENAME's length field; a record follows.
    expect(decodeError(bytesOf('0100020102 020002000c 0e00024100 0100020005'))).toEqual({ code: 'ERR_HEADER_LENGTH', offset: 11, path: 'header' });
    // HeaderLength is the file size, and FILENAME claims 5 bytes where 2 remain: it still lands inside FILENAME.
    expect(decodeError(bytesOf('0100020102 020002000f 0e00054142'))).toEqual({ code: 'ERR_HEADER_LENGTH', offset: 13, path: 'header' });
    // ... or inside a container.
    expect(decodeError(bytesOf('0100020102 0200020010 0300050400024100 0100020005'))).toEqual({ code: 'ERR_HEADER_LENGTH', offset: 13, path: 'header' });
  });

  it('ERR_OVERRUN: a child runs past its container, an element past its record', () => {
    // Container 3 holds 4 bytes; its SIGNERNAME claims 5. A record follows the header.
    expect(decodeError(file('03000404000541', '0100020005'))).toEqual({ code: 'ERR_OVERRUN', offset: 16, path: 'header/SIGNER_INFO' });
    // First of two records: DNSNAME claims 9 bytes in a 10-byte record.
    expect(decodeError(file('', '010002000a 0200094100 0100020005'))).toEqual({ code: 'ERR_OVERRUN', offset: 18, path: 'records[0]' });
  });

  it('... also at the very end of the input: a length field set the end, so crossing it is an overrun', () => {
    expect(decodeError(file('03000404000541'))).toEqual({ code: 'ERR_OVERRUN', offset: 16, path: 'header/SIGNER_INFO' });
    expect(decodeError(file('', '010002000a 0200094100'))).toEqual({ code: 'ERR_OVERRUN', offset: 18, path: 'records[0]' });
  });

  it('ERR_NESTING: a fourth nested container', () => {
    expect(decodeError(file('03000c 070009 090006 030003 070000'))).toEqual({
      code: 'ERR_NESTING',
      offset: 19,
      path: 'header/SIGNER_INFO/SIGNATURE_INFO/SIGNATURE_ALGORITHM_INFO',
    });
    // Three are accepted (the format uses two).
    expect(decodeTrustList(file('030009 070006 090003 0d0d0d')).header.elements).toHaveLength(3);
  });

  it('ERR_RECORD_START: the body does not start with RECORDLENGTH (tag 1, length 2)', () => {
    expect(decodeError(file('', '0200020000'))).toEqual({ code: 'ERR_RECORD_START', offset: 10, path: 'records[0]' });
    expect(decodeError(file('', '010003000800'))).toEqual({ code: 'ERR_RECORD_START', offset: 10, path: 'records[0]' });
    expect(decodeError(file('', '0100020005 ffffff'))).toEqual({ code: 'ERR_RECORD_START', offset: 15, path: 'records[1]' });
  });

  it('ERR_RECORD_LENGTH: RECORDLENGTH below 5 or past the end', () => {
    expect(decodeError(file('', '0100020004'))).toEqual({ code: 'ERR_RECORD_LENGTH', offset: 10, path: 'records[0]/recordLength' });
    expect(decodeError(file('', '0100020000'))).toEqual({ code: 'ERR_RECORD_LENGTH', offset: 10, path: 'records[0]/recordLength' });
    expect(decodeError(file('', '0100020009 0400'))).toEqual({ code: 'ERR_RECORD_LENGTH', offset: 10, path: 'records[0]/recordLength' });
  });

  it('ERR_VALUE_LENGTH: a fixed-size field of the wrong size, with the typed path', () => {
    expect(decodeError(file('0f0003000000'))).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 10, path: 'header/timestamp' });
    expect(decodeError(file('1c000101'))).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 10, path: 'header/signerVersion' });
    expect(decodeError(file('07000508000201010d'))).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 13, path: 'header/digest' });
    expect(decodeError(file('', '0100020009 04000102'))).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 15, path: 'records[0]/role' });
    expect(decodeError(file('', '010002000b 0a00030a0000'))).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 15, path: 'records[0]/ipAddress' });
    expect(decodeError(file('', '010002000a 0c00020101'))).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 15, path: 'records[0]/hashAlgorithm' });
    // A wrong-sized duplicate after a good one is reported too.
    expect(decodeError(file('0f000400000001 0f000101'))).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 17, path: 'header/timestamp' });
  });

  it('ERR_VALUE: the input is not a Uint8Array (no offset)', () => {
    for (const bad of ['0100', [1, 0, 2], new ArrayBuffer(4), new DataView(new ArrayBuffer(4)), null, undefined, 42]) {
      const e = catchItl(() => decodeTrustList(bad as unknown as Uint8Array));
      expect(e.code).toBe('ERR_VALUE');
      expect(e.offset).toBeUndefined();
    }
    expect(decodeTrustList(Buffer.from(file('0d'))).header.headerLength).toBe(11);
  });
});

describe('lenient decoding', () => {
  const bytes = file('0f0003000000 0d', '0100020009 04000102 0100020005 ffff');

  it('reports each tolerated problem once, in input order, with code, message, offset and path', () => {
    const list = decodeTrustList(bytes, { lenient: true });
    expect(list.warnings!.map(({ code, offset, path }) => ({ code, offset, path }))).toEqual([
      { code: 'ERR_VALUE_LENGTH', offset: 10, path: 'header/timestamp' },
      { code: 'ERR_VALUE_LENGTH', offset: 22, path: 'records[0]/role' },
      { code: 'ERR_RECORD_START', offset: 31, path: 'records[2]' },
    ]);
    for (const w of list.warnings!) {
      expect(typeof w.message).toBe('string');
      expect(w.message).toMatch(/\S/);
    }
    expect(list.warnings![0]!.message).toMatch(/timestamp must be 4 byte/);
  });

  it('keeps what it tolerated: the raw value, no typed field, the unreadable tail as trailing', () => {
    const list = decodeTrustList(bytes, { lenient: true });
    expect(list.header.timestamp).toBeUndefined();
    expect(list.header.elements[2]).toMatchObject({ tag: 15, value: Uint8Array.of(0, 0, 0) });
    expect(list.records).toHaveLength(2);
    expect(list.records[0]!.role).toBeUndefined();
    expect(hexOf(list.trailing!)).toBe('ffff');
    expect(hexOf(encodeTrustList(list))).toBe(hexOf(bytes));
    expect(toJSON(list).trailing).toBe('ffff');
  });

  it('strict decoding throws the first of them; lenient still throws header-level errors', () => {
    expect(decodeError(bytes)).toEqual({ code: 'ERR_VALUE_LENGTH', offset: 10, path: 'header/timestamp' });
    expect(decodeError(bytesOf('0100020102 020002000b'), true)).toEqual({ code: 'ERR_HEADER_LENGTH', offset: 5, path: 'header/headerLength' });
    expect(decodeError(file('03000404000541', '0100020005'), true).code).toBe('ERR_OVERRUN');
  });

  it('strict decodes have no warnings property; lenient decodes of clean input have an empty list', () => {
    expect(decodeTrustList(file('0d0d')).warnings).toBeUndefined();
    expect(decodeTrustList(file('0d0d'), { lenient: true }).warnings).toEqual([]);
  });
});

describe('encoder and JSON error codes', () => {
  const base = (): TrustList => ({ kind: 'ITL', header: { version: { major: 1, minor: 2 }, elements: [] }, records: [] });
  const encodeError = (l: TrustList) => {
    const e = catchItl(() => encodeTrustList(l));
    return { code: e.code, path: e.path };
  };

  it('ERR_VALUE for typed values that cannot be written, with the field path', () => {
    expect(encodeError({ ...base(), header: { elements: [] } })).toEqual({ code: 'ERR_VALUE', path: 'header/version' });
    expect(encodeError({ ...base(), header: { ...base().header, timestamp: -1 } })).toEqual({ code: 'ERR_VALUE', path: 'header/timestamp' });
    expect(encodeError({ ...base(), header: { ...base().header, timestamp: 2 ** 32 } })).toEqual({ code: 'ERR_VALUE', path: 'header/timestamp' });
    expect(encodeError({ ...base(), header: { ...base().header, version: { major: 256, minor: 0 } } })).toEqual({ code: 'ERR_VALUE', path: 'header/version' });
    expect(encodeError({ ...base(), records: [{ ipAddress: '10.0.0', elements: [] }] })).toEqual({ code: 'ERR_VALUE', path: 'records[0]/ipAddress' });
    expect(encodeError({ ...base(), records: [{ role: 70000, elements: [] }] })).toEqual({ code: 'ERR_VALUE', path: 'records[0]/role' });
  });

  // Regression: the encoder once reported the hybrid 'header/SIGNER_INFO/signer/serialNumber'.
  it('a typed field inside a container is reported with its model path, as the decoder does', () => {
    expect(encodeError({ ...base(), header: { ...base().header, signer: { serialNumber: 'ab' as unknown as Uint8Array } } })).toEqual({ code: 'ERR_VALUE', path: 'header/signer/serialNumber' });
    expect(encodeError({ ...base(), header: { ...base().header, modulusCode: 256 } })).toEqual({ code: 'ERR_VALUE', path: 'header/modulusCode' });
    expect(decodeError(file('07000508000201010d')).path).toBe('header/digest');
  });

  it('ERR_VALUE for impossible elements', () => {
    expect(encodeError({ ...base(), header: { ...base().header, elements: [{ tag: 13, value: Uint8Array.of(1) }] } }).code).toBe('ERR_VALUE');
    expect(encodeError({ ...base(), header: { ...base().header, elements: [{ tag: 40 }] } }).code).toBe('ERR_VALUE');
    expect(encodeError({ ...base(), records: [{ elements: [{ tag: 3, children: [] }] }] }).code).toBe('ERR_VALUE');
  });

  it('ERR_JSON for malformed JSON forms, with the path of the offending part', () => {
    const good = toJSON(decodeTrustList(file('0e000441424300')));
    const jsonError = (j: unknown) => {
      const e = catchItl(() => fromJSON(j));
      return { code: e.code, path: e.path };
    };
    expect(jsonError('{not json')).toEqual({ code: 'ERR_JSON', path: '' });
    expect(catchItl(() => fromJSON('{not json')).cause).toBeInstanceOf(SyntaxError);
    expect(jsonError([])).toEqual({ code: 'ERR_JSON', path: '' });
    expect(jsonError({ ...good, format: 'other' })).toEqual({ code: 'ERR_JSON', path: 'format' });
    expect(jsonError({ ...good, header: {} })).toEqual({ code: 'ERR_JSON', path: 'header' });
    expect(jsonError({ ...good, records: [{}] })).toEqual({ code: 'ERR_JSON', path: 'records[0]' });
    expect(jsonError({ ...good, kind: 'XTL' })).toEqual({ code: 'ERR_JSON', path: 'kind' });
    expect(jsonError({ ...good, trailing: 'xyz' })).toEqual({ code: 'ERR_JSON', path: 'trailing' });
    expect(jsonError({ ...good, header: [{ tag: 300, hex: '00' }] })).toEqual({ code: 'ERR_JSON', path: 'header[0]' });
    expect(jsonError({ ...good, header: [{ tag: 3, hex: '00' }] })).toEqual({ code: 'ERR_JSON', path: 'header[0]' });
    expect(jsonError({ ...good, header: [{ tag: 14, value: 42 }] })).toEqual({ code: 'ERR_JSON', path: 'header[0]' });
    expect(jsonError({ ...good, header: [{ tag: 40, hex: 'zz' }] })).toEqual({ code: 'ERR_JSON', path: 'header[0]' });
    expect(jsonError({ ...good, header: [{ tag: 40 }] })).toEqual({ code: 'ERR_JSON', path: 'header[0]' });
    expect(jsonError({ ...good, records: [{ elements: [{ tag: 1, hex: '00', children: [] }] }] })).toEqual({ code: 'ERR_JSON', path: 'records[0][0]' });
  });
});

describe('ItlError', () => {
  it('is an Error with a stable code, the offset and path in the message, and isItlError', () => {
    const e = catchItl(() => decodeTrustList(file('', '0100020004')));
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ItlError');
    expect(e.message).toContain('records[0]/recordLength');
    expect(e.message).toContain('offset 10');
    expect(isItlError(e)).toBe(true);
    expect(isItlError(new Error('x'))).toBe(false);
    expect(new ItlError('ERR_BUILD', 'm').message).toBe('m');
  });
});

// ---- Regression: a typed string the format cannot carry was once written as something else ----
// A NUL inside the string would end it on decode; a lone surrogate would become U+FFFD.
describe('typed strings the format cannot carry', () => {
  const withFilename = (filename: string): TrustList => ({ kind: 'ITL', header: { version: { major: 1, minor: 2 }, filename, elements: [] }, records: [] });
  const roundTripOrRefuse = (s: string) => {
    let bytes: Uint8Array;
    try {
      bytes = encodeTrustList(withFilename(s));
    } catch (e) {
      expect(isItlError(e) && e.code).toBe('ERR_VALUE');
      return;
    }
    expect(decodeTrustList(bytes).header.filename).toBe(s);
  };

  it('a NUL inside a string is refused, not silently truncated (it once encoded and decoded as "a")', () => {
    roundTripOrRefuse('a\u0000b');
  });

  it('a lone surrogate is refused, not silently replaced (it once decoded as U+FFFD)', () => {
    roundTripOrRefuse('x\uD800');
  });
});

// ---- Regression: element tags outside 0..255 were once truncated to a byte ----
describe('element tags that do not fit a byte', () => {
  it('encodeTrustList refuses tag 300 with ERR_VALUE instead of writing tag 44', () => {
    const l: TrustList = { kind: 'ITL', header: { version: { major: 1, minor: 2 }, elements: [{ tag: 300, value: Uint8Array.of(1) }] }, records: [] };
    let written: string | undefined;
    try {
      written = hexOf(encodeTrustList(l));
    } catch (e) {
      expect(isItlError(e) && e.code).toBe('ERR_VALUE');
      return;
    }
    throw new Error(`encoded as ${written}`);
  });
});

describe('decoding copies its input', () => {
  it('a Node Buffer input does not alias the model (Buffer#slice is a view)', () => {
    const input = Buffer.from(file('0e000441424300'));
    const list = decodeTrustList(input);
    input.fill(0x41);
    expect(list.header.filename).toBe('ABC');
    expect(Object.getPrototypeOf(list.header.elements[2]!.value)).toBe(Uint8Array.prototype);
  });
});
