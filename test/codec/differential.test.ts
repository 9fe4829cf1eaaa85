// An independent decoder written with binary-parser (format.md §2: header TLVs with the one-byte
// padding tag 13 and the containers 3, 7, 9; records as RECORDLENGTH-prefixed flat TLV runs),
// compared element by element with decodeTrustList. binary-parser compiles its parsers with
// `new Function`; that is fine in tests. It does not notice a child overrunning its container,
// so it is only run on well-formed input: every valid vector, and files our encoder writes.
import { describe, expect, it } from '@jest/globals';
import { Parser } from 'binary-parser';
import fc from 'fast-check';
import { decodeTrustList, encodeTrustList, type Element, type TrustList } from '../../src/index.js';
import { hexOf, loadManifest, readVector } from './helpers.js';

// ---- the grammar -------------------------------------------------------------------------------

const headerElement = new Parser().namely('headerElement').saveOffset('offset').uint8('tag');
const valueBody = new Parser().uint16be('len').buffer('value', { length: 'len' });
const containerBody = new Parser().uint16be('len').array('children', { type: 'headerElement', lengthInBytes: 'len' });
headerElement.choice('body', {
  tag: 'tag',
  choices: { 13: new Parser(), 3: containerBody, 7: containerBody, 9: containerBody },
  defaultChoice: valueBody,
});

const recordElement = new Parser().saveOffset('offset').uint8('tag').uint16be('len').buffer('value', { length: 'len' });
const record = new Parser()
  .saveOffset('offset')
  .uint8('tag', { assert: 1 })
  .uint16be('len', { assert: 2 })
  .uint16be('recordLength')
  .array('elements', {
    type: recordElement,
    lengthInBytes: function (this: { recordLength: number }) {
      return this.recordLength - 5;
    },
  });

const trustListFile = new Parser()
  .uint8('versionTag', { assert: 1 })
  .uint16be('versionLen', { assert: 2 })
  .buffer('version', { length: 2 })
  .uint8('lengthTag', { assert: 2 })
  .uint16be('lengthLen', { assert: 2 })
  .uint16be('headerLength')
  .array('header', {
    type: headerElement,
    lengthInBytes: function (this: { headerLength: number }) {
      return this.headerLength - 10;
    },
  })
  .array('records', { type: record, readUntil: 'eof' });

interface BpHeaderElement {
  offset: number;
  tag: number;
  body: { len?: number; value?: Uint8Array; children?: BpHeaderElement[] };
}
interface BpRecordElement {
  offset: number;
  tag: number;
  len: number;
  value: Uint8Array;
}
interface BpFile {
  version: Uint8Array;
  headerLength: number;
  header: BpHeaderElement[];
  records: { offset: number; len: number; recordLength: number; elements: BpRecordElement[] }[];
}

// ---- one flat view for both decoders: (depth, offset, tag, kind, length, value hex) -----------

interface Flat {
  depth: number;
  offset: number;
  tag: number;
  kind: 'pad' | 'container' | 'value';
  length?: number;
  hex?: string;
}

function elementSize(e: Element): number {
  if (e.children) return 3 + e.children.reduce((n, c) => n + elementSize(c), 0);
  return e.value === undefined ? 1 : 3 + e.value.length;
}

function flattenOurs(elements: readonly Element[], depth = 0, out: Flat[] = []): Flat[] {
  for (const e of elements) {
    if (e.children) {
      out.push({ depth, offset: e.offset!, tag: e.tag, kind: 'container', length: elementSize(e) - 3 });
      flattenOurs(e.children, depth + 1, out);
    } else if (e.value === undefined) {
      out.push({ depth, offset: e.offset!, tag: e.tag, kind: 'pad' });
    } else {
      out.push({ depth, offset: e.offset!, tag: e.tag, kind: 'value', length: e.value.length, hex: hexOf(e.value) });
    }
  }
  return out;
}

function flattenBp(elements: readonly BpHeaderElement[], depth = 0, out: Flat[] = []): Flat[] {
  for (const e of elements) {
    if (e.body.children) {
      out.push({ depth, offset: e.offset, tag: e.tag, kind: 'container', length: e.body.len! });
      flattenBp(e.body.children, depth + 1, out);
    } else if (e.body.len === undefined) {
      out.push({ depth, offset: e.offset, tag: e.tag, kind: 'pad' });
    } else {
      out.push({ depth, offset: e.offset, tag: e.tag, kind: 'value', length: e.body.len, hex: hexOf(e.body.value!) });
    }
  }
  return out;
}

function bpView(bytes: Uint8Array) {
  const f = trustListFile.parse(bytes) as BpFile;
  const lengthValue = Uint8Array.of(f.headerLength >> 8, f.headerLength & 0xff);
  return {
    headerLength: f.headerLength,
    header: [
      { depth: 0, offset: 0, tag: 1, kind: 'value', length: 2, hex: hexOf(f.version) },
      { depth: 0, offset: 5, tag: 2, kind: 'value', length: 2, hex: hexOf(lengthValue) },
      ...flattenBp(f.header),
    ],
    records: f.records.map((r) => ({
      offset: r.offset,
      recordLength: r.recordLength,
      elements: [
        { depth: 0, offset: r.offset, tag: 1, kind: 'value', length: r.len, hex: hexOf(Uint8Array.of(r.recordLength >> 8, r.recordLength & 0xff)) },
        ...r.elements.map((e) => ({ depth: 0, offset: e.offset, tag: e.tag, kind: 'value', length: e.len, hex: hexOf(e.value) })),
      ],
    })),
  };
}

function ourView(list: TrustList) {
  return {
    headerLength: list.header.headerLength,
    header: flattenOurs(list.header.elements),
    records: list.records.map((r) => ({ offset: r.offset, recordLength: r.recordLength, elements: flattenOurs(r.elements) })),
  };
}

// ---- the comparisons --------------------------------------------------------------------------

const valid = loadManifest().filter((v) => v.valid);

describe('binary-parser and decodeTrustList agree', () => {
  it.each(valid.map((v) => [v.file]))('on %s', (file) => {
    const bytes = readVector(file);
    const theirs = bpView(bytes);
    const ours = ourView(decodeTrustList(bytes));
    expect(ours).toEqual(theirs);
    // Sanity: the independent view covers the whole file.
    const last = theirs.records.at(-1);
    expect(last ? last.offset + last.recordLength : theirs.headerLength).toBe(bytes.length);
  });

  it('on files encodeTrustList writes for random models (the encoder checked by an independent reader)', () => {
    const bytesArb = (max: number) => fc.uint8Array({ maxLength: max });
    const unknownHeaderTag = fc.integer({ min: 0, max: 255 }).filter((t) => ![1, 2, 3, 7, 9, 13, 4, 5, 6, 8, 10, 11, 12, 14, 15, 28].includes(t));
    const modelArb = fc.record({
      filename: fc.option(fc.string({ maxLength: 20 }).filter((s) => !s.includes('\0')), { nil: undefined }),
      timestamp: fc.option(fc.nat(), { nil: undefined }),
      serial: fc.option(bytesArb(20), { nil: undefined }),
      modulusCode: fc.option(fc.nat(255), { nil: undefined }),
      signature: fc.option(bytesArb(300), { nil: undefined }),
      extra: fc.array(fc.record({ tag: unknownHeaderTag, value: bytesArb(40) }), { maxLength: 4 }),
      pads: fc.nat(5),
      records: fc.array(
        fc.record({
          role: fc.option(fc.nat(0xffff), { nil: undefined }),
          dnsName: fc.option(fc.string({ maxLength: 20 }).filter((s) => !s.includes('\0')), { nil: undefined }),
          certificate: fc.option(bytesArb(200), { nil: undefined }),
          ipAddress: fc.option(fc.ipV4(), { nil: undefined }),
          extra: fc.array(fc.record({ tag: fc.integer({ min: 13, max: 255 }), value: bytesArb(20) }), { maxLength: 3 }),
        }),
        { maxLength: 5 },
      ),
    });
    fc.assert(
      fc.property(modelArb, (m) => {
        const list: TrustList = {
          kind: 'ITL',
          header: {
            version: { major: 1, minor: 2 },
            filename: m.filename,
            timestamp: m.timestamp,
            signer: m.serial && { serialNumber: m.serial },
            modulusCode: m.modulusCode,
            signature: m.signature,
            elements: [...m.extra.map((e) => ({ tag: e.tag, value: e.value })), ...Array.from({ length: m.pads }, () => ({ tag: 13 }))],
          },
          records: m.records.map((r) => ({ role: r.role, dnsName: r.dnsName, certificate: r.certificate, ipAddress: r.ipAddress, elements: r.extra.map((e) => ({ tag: e.tag, value: e.value })) })),
        };
        const bytes = encodeTrustList(list);
        expect(ourView(decodeTrustList(bytes))).toEqual(bpView(bytes));
      }),
      { seed: 20240501, numRuns: 300 },
    );
  });
});
