// The encoder copies a header or record that is unchanged since decoding straight from the decoded
// input (src/codec/snapshot.ts). That shortcut must never change what is written: after any edit
// made by assignment, encoding the model gives the same bytes as encoding a structured clone of it
// (a clone has no decode history, so every element goes through the full, field-by-field path).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeTrustList, encodeTrustList, ItlError, type Element, type TrustList } from '../../src/index.js';
import { VECTORS_DIR } from './helpers.js';

const decodable: [string, Uint8Array][] = [];
for (const dir of ['structural', 'signed']) {
  for (const f of readdirSync(new URL(`${dir}/`, VECTORS_DIR)).filter((n) => n.endsWith('.tlv'))) {
    const bytes = new Uint8Array(readFileSync(new URL(`${dir}/${f}`, VECTORS_DIR)));
    try {
      decodeTrustList(bytes);
      decodable.push([`${dir}/${f}`, bytes]);
    } catch {
      // refused vectors have no model to edit
    }
  }
}

/** The bytes, or the error code, of encoding `list`. */
function outcome(list: TrustList): string {
  try {
    return Buffer.from(encodeTrustList(list)).toString('hex');
  } catch (e) {
    if (e instanceof ItlError) return `${e.code} ${String(e.path)}`;
    throw e;
  }
}

type Edit = (list: TrustList, pick: number) => string;

const inHeaderOrRecord = (list: TrustList, pick: number) => (pick % (list.records.length + 1) === 0 ? list.header : list.records[(pick % (list.records.length + 1)) - 1]!);
const someElement = (elements: Element[], pick: number): Element | undefined => elements[pick % Math.max(1, elements.length)];

/** Edits by assignment, each a different way for a model to stop matching what was decoded. */
const EDITS: Record<string, Edit> = {
  'header string field': (l, p) => ((l.header.filename = `ITL${p}.tlv`), 'filename'),
  'header version, edited in place': (l, p) => (l.header.version ? ((l.header.version.minor = p % 256), 'version.minor') : 'none'),
  'header version, replaced by an equal object': (l) => (l.header.version ? ((l.header.version = { ...l.header.version }), 'same version') : 'none'),
  'signer object replaced by an equal one': (l) => ((l.header.signer = { ...l.header.signer }), 'signer'),
  'signer serial set to other bytes': (l, p) => ((l.header.signer = { ...l.header.signer, serialNumber: Uint8Array.of(p & 0xff, 1) }), 'serial'),
  'timestamp changed': (l, p) => ((l.header.timestamp = p), 'timestamp'),
  'typed field removed': (l, p) => {
    const r = l.records[p % Math.max(1, l.records.length)];
    if (!r) return 'none';
    delete r.dnsName;
    return 'dnsName removed';
  },
  'typed field added': (l, p) => {
    const r = l.records[p % Math.max(1, l.records.length)];
    if (!r) return 'none';
    r.ipAddress = `10.0.0.${p % 256}`;
    return 'ip';
  },
  'role changed': (l, p) => {
    const r = l.records[p % Math.max(1, l.records.length)];
    return r ? ((r.role = p % 8), 'role') : 'none';
  },
  'record length field (informational) changed': (l, p) => {
    const r = l.records[p % Math.max(1, l.records.length)];
    return r ? ((r.recordLength = p), 'recordLength') : 'none';
  },
  'element value replaced': (l, p) => {
    const el = someElement(inHeaderOrRecord(l, p).elements, p);
    if (!el || el.value === undefined) return 'none';
    el.value = Uint8Array.of(...el.value, 0x41);
    return 'value';
  },
  'element tag changed': (l, p) => {
    const el = someElement(inHeaderOrRecord(l, p).elements, p >> 3);
    if (!el) return 'none';
    el.tag = (el.tag + 1 + (p % 5)) & 0xff;
    return 'tag';
  },
  'element removed': (l, p) => {
    const els = inHeaderOrRecord(l, p).elements;
    els.splice(p % Math.max(1, els.length), 1);
    return 'removed';
  },
  'unknown element appended': (l, p) => (inHeaderOrRecord(l, p).elements.push({ tag: 200, value: Uint8Array.of(p & 0xff) }), 'pushed'),
  'element listed twice': (l, p) => {
    const els = inHeaderOrRecord(l, p).elements;
    const el = someElement(els, p);
    if (el) els.push(el);
    return 'twice';
  },
  'container children edited in place': (l, p) => {
    const c = l.header.elements.find((e) => e.children && e.children.length > 0);
    if (!c) return 'none';
    c.children!.splice(p % c.children!.length, 1);
    return 'child removed';
  },
  'records reordered': (l) => (l.records.reverse(), 'reversed'),
  'record dropped': (l, p) => (l.records.splice(p % Math.max(1, l.records.length), 1), 'dropped'),
  'record duplicated': (l, p) => {
    const r = l.records[p % Math.max(1, l.records.length)];
    if (r) l.records.push(r);
    return 'duplicated';
  },
};

/** Edits that change no byte: the output must be the input. */
const NEUTRAL = new Set(['header version, replaced by an equal object', 'signer object replaced by an equal one', 'record length field (informational) changed']);

describe('encoding an edited decoded list: the untouched-record shortcut changes nothing', () => {
  it('covers the vectors', () => {
    expect(decodable.length).toBeGreaterThan(35);
  });

  it('an untouched list encodes to its bytes, and so does its clone', () => {
    for (const [, bytes] of decodable) {
      const list = decodeTrustList(bytes);
      expect(encodeTrustList(list)).toEqual(bytes);
      expect(encodeTrustList(structuredClone(list))).toEqual(bytes);
    }
  });

  it.each(Object.keys(EDITS))('%s: same bytes as the clone, on every vector', (name) => {
    const edit = EDITS[name]!;
    let changed = 0;
    decodable.forEach(([file, bytes], i) => {
      const list = decodeTrustList(bytes);
      edit(list, i * 7 + 3);
      const direct = outcome(list);
      expect({ file, out: direct }).toEqual({ file, out: outcome(structuredClone(list)) });
      if (direct !== Buffer.from(bytes).toString('hex')) changed++;
    });
    if (NEUTRAL.has(name)) expect(changed).toBe(0);
    else expect(changed).toBeGreaterThan(0); // the edit did something somewhere
  });

  it('random sequences of edits (1 500 cases): same bytes as the clone', () => {
    const names = Object.keys(EDITS);
    fc.assert(
      fc.property(fc.nat(decodable.length - 1), fc.array(fc.tuple(fc.nat(names.length - 1), fc.nat(10_000)), { minLength: 1, maxLength: 4 }), (v, edits) => {
        const list = decodeTrustList(decodable[v]![1]);
        for (const [e, p] of edits) EDITS[names[e]!]!(list, p);
        expect(outcome(list)).toBe(outcome(structuredClone(list)));
      }),
      { seed: 11, numRuns: 1500 },
    );
  });

  it('editing one record re-encodes that record only; the others are still copied', () => {
    const [, bytes] = decodable.find(([n]) => n === 'signed/itl-rsa2048-sha1.tlv') ?? decodable[0]!;
    const list = decodeTrustList(bytes);
    const last = list.records.length - 1;
    list.records[last]!.dnsName = 'renamed.example.invalid';
    const out = decodeTrustList(encodeTrustList(list));
    expect(out.records[last]!.dnsName).toBe('renamed.example.invalid');
    expect(out.records.slice(0, last)).toEqual(decodeTrustList(bytes).records.slice(0, last));
  });
});
