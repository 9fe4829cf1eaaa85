/**
 * Inputs the fuzzer (scripts/fuzz.ts, test/hostile/fuzz.test.ts) found that once crashed, hung,
 * threw something other than an ItlError, or verified when they should not. Each is written to
 * vectors/hostile/regress/ by scripts/make-hostile-vectors.ts and checked by
 * test/hostile/bypass.test.ts with its exact expected outcome.
 */
import { readFileSync } from 'node:fs';
import type { HostileExpect } from '../../../scripts/make-hostile-vectors.js';
import { rng } from './adversarial.js';
import { concat, setU16, tlv, walk } from './tlv.js';

export interface Regression {
  file: string;
  format: 'tlv' | 'sgn' | 'json';
  what: string;
  expect: HostileExpect;
  reasoning: string;
  verifyCertificate?: string;
  bytes(): Uint8Array;
}

const text = (doc: unknown): (() => Uint8Array) => () => new TextEncoder().encode(`${JSON.stringify(doc)}\n`);

export const REGRESSIONS: Regression[] = [
  {
    // Found by the JSON property (seed 2): the encoder sized its first buffer from the stored
    // HEADER_LENGTH, which the JSON form may set to 0; a zero-capacity ByteWriter can never grow by
    // doubling, so encodeTrustList looped forever. Fixed in src/codec/encode.ts (estimateSize).
    file: 'json-header-length-zero.json',
    format: 'json',
    what: 'A JSON form whose HEADER_LENGTH value is 0, with no records: encodeTrustList(fromJSON(x)) hung (an endless loop, not an exception).',
    expect: { json: { hex: '0100020102020002000a' } },
    reasoning:
      'Lengths are derived when encoding, never stored as truth (design §2): the stored 0 is ignored and HeaderLength is recomputed. The header holds VERSION (5 bytes) and HEADER_LENGTH (5 bytes): 01 0002 0102 02 0002 000a.',
    bytes: text({ format: 'itl-codec/trust-list@1', kind: 'ITL', header: [{ tag: 1, value: '1.2' }, { tag: 2, value: 0 }], records: [] }),
  },
  {
    file: 'json-header-length-zero-records-zero.json',
    format: 'json',
    what: 'The same with one record whose RECORDLENGTH value is 0 and no other element (the estimate summed to 0 as well).',
    expect: { json: { hex: '0100020102020002000a0100020005' } },
    reasoning: 'RECORDLENGTH is recomputed too (§4.2: it counts its own 5 bytes): a record with nothing else is 01 0002 0005.',
    bytes: text({ format: 'itl-codec/trust-list@1', kind: 'ITL', header: [{ tag: 1, value: '1.2' }, { tag: 2, value: 0 }], records: [{ elements: [{ tag: 1, value: 0 }] }] }),
  },
  {
    file: 'json-header-length-zero-fuzz.json',
    format: 'json',
    what: 'The input the JSON property found (seed 2): a mutated JSON form of structural/cucm-ctl-s5-shape.tlv with HEADER_LENGTH 0, no records, and SIGNER_INFO moved inside SIGNATURE_ALGORITHM_INFO (nested 3 deep, which the format allows to decode).',
    expect: { json: {} },
    reasoning: 'Whatever the stored lengths, encoding must finish: it recomputes every length. The model is otherwise legal (containers nested 3 deep decode, docs/model.md), so it must encode.',
    bytes: text({"format": "itl-codec/trust-list@1", "kind": "CTL", "header": [{"tag": 1, "name": "VERSION", "value": "1.2"}, {"tag": 2, "name": "HEADER_LENGTH", "value": 0}, {"tag": 7, "name": "SIGNATURE_INFO", "children": [{"tag": 8, "name": "DIGEST_ALGORITHM", "value": "sha1"}, {"tag": 9, "name": "SIGNATURE_ALGORITHM_INFO", "children": [{"tag": 10, "name": "SIGNATURE_ALGORITHM", "value": 0}, {"tag": 11, "name": "SIGNATURE_MODULUS", "value": 1}, {"tag": 3, "name": "SIGNER_INFO", "children": [{"tag": 4, "name": "SIGNER_NAME", "value": "CN=gigantic-6.cisco.com;OU=VTG;O=Alpha;L=SJ;ST=CA;C=US"}]}]}]}, {"tag": 12, "name": "SIGNATURE", "value": "5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c5aa5c33c"}, {"tag": 14, "name": "FILENAME", "value": "CTLFile.tlv"}, {"tag": 15, "name": "TIMESTAMP", "value": 1430968247, "time": "2015-05-07T03:10:47.000Z"}, {"tag": 13, "name": "PADDING"}, {"tag": 13, "name": "PADDING"}], "records": []}),
  },
  {
    // Found while testing the JSON resource bounds: a typed "value" had no length limit (only "hex"
    // had), so a 100 MB hex value took seconds to parse before encoding refused it. Fixed in
    // src/json/from-json.ts (MAX_VALUE_TEXT).
    file: 'json-value-longer-than-any-field.json',
    format: 'json',
    what: 'A SERIAL_NUMBER "value" of 196 606 hex characters: one more than the longest text any field can be written from (65 535 bytes as colon-separated hex).',
    expect: { json: { error: 'ERR_JSON' } },
    reasoning: 'No TLV value exceeds 65 535 bytes (format.md §2), and no string shorter than a value can encode to it, so a longer "value" can never be written: refused before it is parsed.',
    bytes: text({ format: 'itl-codec/trust-list@1', kind: 'ITL', header: [{ tag: 1, value: '1.2' }, { tag: 5, value: 'a'.repeat(3 * 0xffff + 1) }], records: [] }),
  },
  {
    file: 'json-children-1000-deep.json',
    format: 'json',
    what: 'Header containers nested 1 000 deep in the JSON form (3, 7, 9, 3, ...).',
    expect: { json: { error: 'ERR_JSON' } },
    reasoning: 'The format nests two containers (7 holds 9) and the decoder refuses a fourth level (ERR_NESTING); the JSON form refuses the same depth rather than recursing into it.',
    bytes: () => {
      let el: unknown = { tag: 12, hex: '00' };
      for (let i = 0; i < 1000; i++) el = { tag: [3, 7, 9][i % 3], children: [el] };
      return text({ format: 'itl-codec/trust-list@1', kind: 'ITL', header: [{ tag: 1, value: '1.2' }, el], records: [] })();
    },
  },
  {
    // Found while measuring verification cost: every record naming the signer was tried, one RSA
    // key import and verification each, so 16 MB of such records took ~45 s to verify. Fixed in
    // src/crypto/verify.ts (at most MAX_SIGNER_CANDIDATES records are tried).
    file: 'many-records-name-the-signer.tlv',
    format: 'tlv',
    what: "base-itl-rsa2048-sha1.tlv with 64 certificate-less SAST records inserted first, each with the signer's serial and issuer and a different made-up 2048-bit key.",
    expect: { verify: { valid: false, reason: 'SIGNATURE_MISMATCH' } },
    reasoning:
      'The inserted records are signed bytes, so no key can verify the file: SIGNATURE_MISMATCH. A serial and issuer name one certificate, which a file lists at most in a few roles (two SAST records at most, format.md §4.8): the verifier tries a bounded number of them (test/hostile/resources.test.ts counts the RSA operations), not one RSA operation per record.',
    bytes: () => manySignerRecords(64),
  },
];

/** DER of an RSAPublicKey with a made-up 2048-bit modulus (odd, top bit set) and e = 65537. */
function bogusRsaKey(next: () => number): Uint8Array {
  const n = new Uint8Array(257);
  for (let i = 1; i < 257; i++) n[i] = next() & 0xff;
  n[1]! |= 0x80;
  n[256]! |= 1;
  const int = (v: Uint8Array) => concat(v.length < 128 ? Uint8Array.of(2, v.length) : Uint8Array.of(2, 0x82, v.length >> 8, v.length & 0xff), v);
  const body = concat(int(n), int(Uint8Array.of(1, 0, 1)));
  return concat(Uint8Array.of(0x30, 0x82, body.length >> 8, body.length & 0xff), body);
}

/** base-itl-rsa2048-sha1.tlv with `count` SAST records naming its signer inserted before its records. */
export function manySignerRecords(count: number): Uint8Array {
  const base = new Uint8Array(readFileSync(new URL('../../../vectors/hostile/base-itl-rsa2048-sha1.tlv', import.meta.url)));
  const L = walk(base);
  const first = L.records[0]!;
  const field = (tag: number) => L.nodes.find((n) => n.ns === 'record' && n.record === 0 && n.tag === tag)!;
  const copy = (tag: number) => base.slice(field(tag).offset, field(tag).end);
  const next = rng(count);
  const records: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const r = concat(Uint8Array.of(1, 0, 2, 0, 0), copy(3), tlv(4, Uint8Array.of(0, 0)), copy(5), copy(6), tlv(7, bogusRsaKey(next)));
    setU16(r, 3, r.length);
    records.push(r);
  }
  return concat(base.subarray(0, first.offset), ...records, base.subarray(first.offset));
}
