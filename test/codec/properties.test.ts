// Property tests (fast-check, fixed seeds so failures reproduce):
//  (a) random valid models survive encode -> decode, and encoding is idempotent;
//  (b) random bytes and mutations of every valid vector either decode and re-encode to the same
//      bytes, or throw an ItlError with a string code and a numeric offset, never anything else;
//  (c) fromJSON on random JSON values and mutated JSON forms only throws ItlError
//      (ERR_JSON / ERR_VALUE / ERR_TOO_LARGE), and so does encoding what it returns.
// About 17,000 runs in all.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  decodeTrustList,
  encodeTrustList,
  fromJSON,
  ItlError,
  toJSON,
  type Element,
  type TrustList,
  type TrustListHeader,
  type TrustListJSON,
  type TrustRecord,
} from '../../src/index.js';
import { hexOf, loadManifest, readVector } from './helpers.js';

const SEED = 42;

// ---- (a) random valid models -------------------------------------------------------------------

// NUL cannot be written in a NUL-terminated string and a lone surrogate is not UTF-8: both are
// kept out of the generated strings (see errors.test.ts for what encode does with them).
const text = fc.string({ unit: 'grapheme', maxLength: 24 }).filter((s) => !s.includes('\0'));
const blob = (max: number) => fc.uint8Array({ maxLength: max });
const byte = fc.nat(255);
// Digest codes 1..3 decode to their names, so a model holding the number would not round-trip as
// the same value (it would encode to the same bytes): generate the canonical forms only.
const digest = fc.oneof(fc.constantFrom('sha1' as const, 'sha256' as const, 'sha512' as const), byte.filter((n) => n < 1 || n > 3));
const version = fc.record({ major: byte, minor: byte });
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 3 });

const HEADER_TYPED = [28, 4, 5, 6, 8, 10, 11, 12, 14, 15];
const HEADER_KNOWN = new Set([1, 2, 3, 7, 9, 13, ...HEADER_TYPED]);
const unknownHeaderTag = byte.filter((t) => !HEADER_KNOWN.has(t));
const unknownRecordTag = byte.filter((t) => t === 0 || t > 12);
const unknownEl = (tag: fc.Arbitrary<number>) => fc.record({ tag, value: blob(24), pos: fc.nat() });

const headerFields = fc.record({
  version,
  signerVersion: opt(version),
  name: opt(text),
  serialNumber: opt(blob(20)),
  issuerName: opt(text),
  digest: opt(digest),
  signatureAlgorithm: opt(byte),
  modulusCode: opt(byte),
  signature: opt(blob(300)),
  filename: opt(text),
  timestamp: opt(fc.integer({ min: 0, max: 0xffffffff })),
});

const headerPlan = fc.record({
  versionElement: fc.boolean(),
  placeholders: fc.shuffledSubarray(HEADER_TYPED),
  wrap3: fc.boolean(),
  wrap7: fc.boolean(),
  wrap9: fc.boolean(),
  unknown: fc.array(unknownEl(unknownHeaderTag), { maxLength: 3 }),
  unknownInContainer: opt(unknownEl(unknownHeaderTag)),
  midPads: fc.array(fc.nat(), { maxLength: 2 }),
  pads: fc.nat(3),
  duplicates: fc.subarray([14, 15, 5]),
});

const recordFields = fc.record({
  dnsName: opt(text),
  subjectName: opt(text),
  role: opt(fc.nat(0xffff)),
  issuerName: opt(text),
  serialNumber: opt(blob(20)),
  publicKey: opt(blob(150)),
  signature: opt(blob(150)),
  certificate: opt(blob(400)),
  ipAddress: opt(fc.ipV4()),
  certificateHash: opt(blob(64)),
  hashAlgorithm: opt(digest),
});
const RECORD_TYPED = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const RECORD_KEY: Record<number, keyof TrustRecord> = {
  2: 'dnsName',
  3: 'subjectName',
  4: 'role',
  5: 'issuerName',
  6: 'serialNumber',
  7: 'publicKey',
  8: 'signature',
  9: 'certificate',
  10: 'ipAddress',
  11: 'certificateHash',
  12: 'hashAlgorithm',
};
const recordPlan = fc.record({ placeholders: fc.shuffledSubarray(RECORD_TYPED), unknown: fc.array(unknownEl(unknownRecordTag), { maxLength: 3 }), duplicate: fc.boolean() });

const insertAt = (list: Element[], pos: number, el: Element) => list.splice(pos % (list.length + 1), 0, el);

function buildHeader(f: HeaderFieldsT, plan: HeaderPlanT): TrustListHeader {
  const header: TrustListHeader = {
    version: f.version,
    signerVersion: f.signerVersion,
    signer: { name: f.name, serialNumber: f.serialNumber, issuerName: f.issuerName },
    digest: f.digest,
    signatureAlgorithm: f.signatureAlgorithm,
    modulusCode: f.modulusCode,
    signature: f.signature,
    filename: f.filename,
    timestamp: f.timestamp,
    elements: [],
  };
  const defined: Record<number, unknown> = { 28: f.signerVersion, 4: f.name, 5: f.serialNumber, 6: f.issuerName, 8: f.digest, 10: f.signatureAlgorithm, 11: f.modulusCode, 12: f.signature, 14: f.filename, 15: f.timestamp };
  const top: Element[] = [];
  const c3: Element = { tag: 3, children: [] };
  const c7: Element = { tag: 7, children: [] };
  const c9: Element = { tag: 9, children: [] };
  const placed = new Set<Element>();
  /** The children of a container, placing the container (9 inside 7 when wrap7) on first use. */
  const into = (box: Element): Element[] => {
    if (!placed.has(box)) {
      placed.add(box);
      (box === c9 && plan.wrap7 ? into(c7) : top).push(box);
    }
    return box.children!;
  };
  for (const tag of plan.placeholders) {
    if (defined[tag] === undefined) continue;
    const el = { tag };
    if ([4, 5, 6].includes(tag) && plan.wrap3) into(c3).push(el);
    else if (tag === 8 && plan.wrap7) into(c7).push(el);
    else if ([10, 11].includes(tag) && plan.wrap9) into(c9).push(el);
    else top.push(el);
  }
  for (const u of plan.unknown) insertAt(top, u.pos, { tag: u.tag, value: u.value });
  if (plan.unknownInContainer) {
    const boxes = [c3, c7, c9].filter((b) => placed.has(b));
    if (boxes.length) insertAt(boxes[plan.unknownInContainer.pos % boxes.length]!.children!, plan.unknownInContainer.pos, { tag: plan.unknownInContainer.tag, value: plan.unknownInContainer.value });
  }
  for (const p of plan.midPads) insertAt(top, p, { tag: 13 });
  // Duplicates after everything (so the placeholder binds first), with values of a valid size.
  for (const tag of plan.duplicates) {
    if (defined[tag] === undefined || !plan.placeholders.includes(tag)) continue;
    top.push({ tag, value: tag === 15 ? Uint8Array.of(1, 2, 3, 4) : tag === 14 ? Uint8Array.of(0x64, 0x75, 0x70, 0) : Uint8Array.of(9) });
  }
  for (let i = 0; i < plan.pads; i++) top.push({ tag: 13 });
  header.elements = plan.versionElement ? [{ tag: 1 }, ...top] : top;
  return header;
}
type HeaderFieldsT = typeof headerFields extends fc.Arbitrary<infer T> ? T : never;
type HeaderPlanT = typeof headerPlan extends fc.Arbitrary<infer T> ? T : never;

function buildRecord(f: typeof recordFields extends fc.Arbitrary<infer T> ? T : never, plan: typeof recordPlan extends fc.Arbitrary<infer T> ? T : never): TrustRecord {
  const rec: TrustRecord = { ...f, elements: [] };
  const els: Element[] = plan.placeholders.filter((t) => rec[RECORD_KEY[t]!] !== undefined).map((tag) => ({ tag }));
  for (const u of plan.unknown) insertAt(els, u.pos, { tag: u.tag, value: u.value });
  if (plan.duplicate && f.role !== undefined && plan.placeholders.includes(4)) els.push({ tag: 4, value: Uint8Array.of(0, 21) });
  rec.elements = els;
  return rec;
}

const model: fc.Arbitrary<TrustList> = fc
  .record({
    kind: fc.constantFrom('ITL' as const, 'CTL' as const),
    header: fc.tuple(headerFields, headerPlan),
    records: fc.array(fc.tuple(recordFields, recordPlan), { maxLength: 4 }),
  })
  .map(({ kind, header, records }) => ({ kind, header: buildHeader(header[0], header[1]), records: records.map(([f, p]) => buildRecord(f, p)) }));

/** The JSON form without the elements the encoder computes (VERSION, HEADER_LENGTH, RECORDLENGTH). */
function comparable(j: TrustListJSON) {
  return { ...j, header: j.header.filter((e) => e.tag > 2), records: j.records.map((r) => r.elements.filter((e) => e.tag !== 1)) };
}

describe('(a) random valid models', () => {
  it('decode(encode(model)) reproduces the model; encode is idempotent; the JSON form encodes the same', () => {
    const seen = { containers: 0, unknown: 0, padding: 0, duplicates: 0, records: 0, typedWithoutElement: 0 };
    fc.assert(
      fc.property(model, (m) => {
        const tags = JSON.stringify(toJSON(m));
        if (m.header.elements.some((e) => e.children)) seen.containers++;
        if (/"name":"TAG_/.test(tags)) seen.unknown++;
        if (m.header.elements.some((e) => e.tag === 13)) seen.padding++;
        if (/"hex":"(01020304|64757000|09|0015)"/.test(tags)) seen.duplicates++;
        if (m.records.length) seen.records++;
        const tagsPresent = new Set<number>();
        const walk = (els: readonly Element[]) => els.forEach((e) => (tagsPresent.add(e.tag), e.children && walk(e.children)));
        walk(m.header.elements);
        if ([m.header.filename && 14, m.header.timestamp !== undefined && 15, m.header.signature && 12].some((t) => t && !tagsPresent.has(t))) seen.typedWithoutElement++;
        const bytes = encodeTrustList(m);
        const back = decodeTrustList(bytes, { kind: m.kind });
        expect(comparable(toJSON(back))).toEqual(comparable(toJSON(m)));
        expect(back.header.version).toEqual(m.header.version);
        expect(hexOf(encodeTrustList(back))).toBe(hexOf(bytes));
        expect(hexOf(encodeTrustList(fromJSON(toJSON(m))))).toBe(hexOf(bytes));
        expect(hexOf(encodeTrustList(fromJSON(JSON.stringify(toJSON(back)))))).toBe(hexOf(bytes));
      }),
      { seed: SEED, numRuns: 1200 },
    );
    for (const [what, n] of Object.entries(seen)) expect([what, n > 50]).toEqual([what, true]);
  });
});

// ---- (b) decoder robustness ---------------------------------------------------------------------

function fail(message: string): never {
  throw new Error(message);
}

/**
 * The decoder's contract for any input: decode and re-encode to the same bytes (and the JSON form
 * to the same bytes), or throw an ItlError with a string code and a numeric offset. Strict first;
 * lenient only when strict refuses (a strict success is the lenient result, see vectors.test.ts).
 * Returns whether strict decoding succeeded. Plain checks, not expect(): this runs ~15,000 times.
 */
function assertDecodeContract(bytes: Uint8Array, json = true): boolean {
  for (const lenient of [false, true]) {
    let list: TrustList;
    try {
      list = decodeTrustList(bytes, { lenient });
    } catch (e) {
      if (!(e instanceof ItlError)) throw e;
      if (typeof e.code !== 'string' || !/^ERR_[A-Z_]+$/.test(e.code)) fail(`bad code ${String(e.code)}`);
      if (typeof e.offset !== 'number' || e.offset < 0 || e.offset > bytes.length) fail(`bad offset ${String(e.offset)} for ${e.code}`);
      if (typeof e.path !== 'string' || e.path === '') fail(`no path for ${e.code}`);
      continue;
    }
    const hex = hexOf(bytes);
    if (hexOf(encodeTrustList(list)) !== hex) fail(`re-encoding differs (lenient=${lenient})`);
    // The JSON form is lossless for whatever decodes. (Skipped for strict decodes of the large
    // vectors to save time: there a mutation almost always lands in certificate bytes.)
    if (json && (lenient || bytes.length <= 1024) && hexOf(encodeTrustList(fromJSON(JSON.stringify(toJSON(list))))) !== hex) {
      fail(`JSON round trip differs (lenient=${lenient})`);
    }
    return !lenient;
  }
  return false;
}

const validBytes = loadManifest()
  .filter((v) => v.valid)
  .map((v) => readVector(v.file));

/** Offsets of every 16-bit length (and the HeaderLength/RECORDLENGTH values) in a valid vector. */
function lengthFields(bytes: Uint8Array): number[] {
  const list = decodeTrustList(bytes);
  const out = [8];
  const walk = (els: readonly Element[]) => {
    for (const e of els) {
      if (e.value !== undefined || e.children) out.push(e.offset! + 1);
      if (e.children) walk(e.children);
    }
  };
  walk(list.header.elements);
  for (const r of list.records) {
    out.push(r.offset! + 3);
    walk(r.elements.slice(1));
  }
  return out;
}
const lengthOffsets = validBytes.map(lengthFields);

type Mutation =
  | { op: 'flip'; pos: number; bit: number }
  | { op: 'insert'; pos: number; byte: number }
  | { op: 'delete'; pos: number; n: number }
  | { op: 'truncate'; pos: number }
  | { op: 'set'; pos: number; byte: number }
  | { op: 'length'; field: number; to: 'zero' | 'one' | 'max' | 'plus' | 'minus' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), pos: fc.nat(), bit: fc.nat(7) }),
  fc.record({ op: fc.constant('insert' as const), pos: fc.nat(), byte }),
  fc.record({ op: fc.constant('delete' as const), pos: fc.nat(), n: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('truncate' as const), pos: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), pos: fc.nat(), byte }),
  fc.record({ op: fc.constant('length' as const), field: fc.nat(), to: fc.constantFrom('zero' as const, 'one' as const, 'max' as const, 'plus' as const, 'minus' as const) }),
);

function mutate(src: Uint8Array, fields: number[], ms: Mutation[]): Uint8Array {
  let b = src.slice();
  for (const m of ms) {
    const pos = b.length ? ('pos' in m ? m.pos % b.length : 0) : 0;
    switch (m.op) {
      case 'flip':
        if (b.length) b[pos] = b[pos]! ^ (1 << m.bit);
        break;
      case 'set':
        if (b.length) b[pos] = m.byte;
        break;
      case 'insert': {
        const next = new Uint8Array(b.length + 1);
        next.set(b.subarray(0, pos));
        next[pos] = m.byte;
        next.set(b.subarray(pos), pos + 1);
        b = next;
        break;
      }
      case 'delete': {
        const cut = Math.min(m.n, b.length - pos);
        const next = new Uint8Array(b.length - cut);
        next.set(b.subarray(0, pos));
        next.set(b.subarray(pos + cut), pos);
        b = next;
        break;
      }
      case 'truncate':
        b = b.slice(0, pos);
        break;
      case 'length': {
        const at = fields[m.field % fields.length]!;
        if (at + 1 >= b.length) break;
        const old = (b[at]! << 8) | b[at + 1]!;
        const v = { zero: 0, one: 1, max: 0xffff, plus: (old + 1) & 0xffff, minus: (old + 0xffff) & 0xffff }[m.to];
        b[at] = v >> 8;
        b[at + 1] = v & 0xff;
        break;
      }
    }
  }
  return b;
}

describe('(b) decoding random and mutated bytes', () => {
  it('random bytes: decode or ItlError, never another exception', () => {
    fc.assert(fc.property(blob(400), (b) => void assertDecodeContract(b)), { seed: SEED, numRuns: 1500 });
  });

  it('random bytes after a plausible start (01 0002 0102 02 0002 ...)', () => {
    const start = fc.tuple(fc.nat(0xffff), blob(300)).map(([hl, rest]) => Uint8Array.from([1, 0, 2, 1, 2, 2, 0, 2, hl >> 8, hl & 0xff, ...rest]));
    const nearby = fc.tuple(blob(300), fc.integer({ min: -8, max: 8 })).map(([rest, d]) => {
      const hl = Math.max(0, Math.min(0xffff, 10 + rest.length + d));
      return Uint8Array.from([1, 0, 2, 1, 2, 2, 0, 2, hl >> 8, hl & 0xff, ...rest]);
    });
    fc.assert(fc.property(fc.oneof(start, nearby), (b) => void assertDecodeContract(b)), { seed: SEED, numRuns: 1500 });
  });

  it('mutations of every valid vector (bit flips, inserts, deletes, truncations, length fields 0/1/0xffff/±1)', () => {
    const arb = fc.tuple(fc.nat(validBytes.length - 1), fc.array(mutation, { minLength: 1, maxLength: 3 }));
    let decoded = 0;
    fc.assert(
      fc.property(arb, ([i, ms]) => {
        if (assertDecodeContract(mutate(validBytes[i]!, lengthOffsets[i]!, ms))) decoded++;
      }),
      { seed: SEED, numRuns: 4500 },
    );
    // Both outcomes are exercised: many mutations still decode, many are refused.
    expect(decoded).toBeGreaterThan(500);
    expect(decoded).toBeLessThan(4000);
  });

  it('every single length-field edit of every valid vector', () => {
    let decoded = 0;
    let refused = 0;
    validBytes.forEach((bytes, i) => {
      for (const at of lengthOffsets[i]!) {
        for (const to of ['zero', 'one', 'max', 'plus', 'minus'] as const) {
          if (assertDecodeContract(mutate(bytes, [at], [{ op: 'length', field: 0, to }]), false)) decoded++;
          else refused++;
        }
      }
    });
    expect(refused).toBeGreaterThan(decoded); // most length edits break the structure, and are caught
  });
});

// ---- (c) fromJSON robustness --------------------------------------------------------------------

const JSON_CODES = new Set(['ERR_JSON', 'ERR_VALUE', 'ERR_TOO_LARGE']);

/** fromJSON's contract; returns whether it accepted the input. */
function assertJsonContract(input: unknown): boolean {
  let list: TrustList;
  try {
    list = fromJSON(input);
  } catch (e) {
    if (!(e instanceof ItlError)) throw e;
    if (!JSON_CODES.has(e.code)) throw new Error(`fromJSON threw ${e.code}`);
    return false;
  }
  try {
    const bytes = encodeTrustList(list);
    // What encodes also decodes (or is refused with an ItlError): no crash either way.
    assertDecodeContract(bytes, false);
  } catch (e) {
    if (!(e instanceof ItlError)) throw e;
    if (!JSON_CODES.has(e.code)) throw new Error(`encoding fromJSON's result threw ${e.code}`);
  }
  return true;
}

const jsonForms = validBytes.map((b) => toJSON(decodeTrustList(b)));

/** Every path in a JSON value, as key lists. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

type JsonEdit = { op: 'replace' | 'delete' | 'duplicate' | 'tag'; at: number; value: unknown };

function editJson(doc: unknown, edits: JsonEdit[]): unknown {
  let root = structuredClone(doc);
  for (const ed of edits) {
    const all = paths(root);
    const path = all[ed.at % all.length]!;
    if (path.length === 0) {
      if (ed.op === 'replace') root = ed.value;
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    const key = path.at(-1)!;
    if (ed.op === 'replace') parent[key] = ed.value;
    else if (ed.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (ed.op === 'duplicate' && Array.isArray(parent)) parent.splice(Number(key), 0, structuredClone(parent[key as number]));
    else if (ed.op === 'tag' && parent[key] && typeof parent[key] === 'object' && 'tag' in (parent[key] as object)) {
      (parent[key] as { tag: unknown }).tag = typeof ed.value === 'number' ? ed.value : 3;
    }
  }
  return root;
}

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  op: fc.constantFrom('replace' as const, 'delete' as const, 'duplicate' as const, 'tag' as const),
  at: fc.nat(),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.integer({ min: -1, max: 300 }), fc.constantFrom('', 'zz', '1.2', 'sha1', 'SAST', '10.0.0.1', '00', 'ffff')),
});

describe('(c) fromJSON on random and mutated JSON', () => {
  it('random JSON values and JSON text', () => {
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), fc.json(), fc.string()), (j) => void assertJsonContract(j)), { seed: SEED, numRuns: 1500 });
  });

  it('random values in the shape of the JSON form', () => {
    const element = fc.record(
      { tag: fc.oneof(byte, fc.jsonValue({ maxDepth: 0 })), value: fc.jsonValue({ maxDepth: 1 }), hex: fc.oneof(fc.string(), blob(8).map(hexOf)), children: fc.array(fc.record({ tag: byte, hex: blob(4).map(hexOf) }), { maxLength: 2 }) },
      { requiredKeys: ['tag'] },
    );
    const doc = fc.record(
      { format: fc.constantFrom('itl-codec/trust-list@1'), kind: fc.constantFrom('ITL', 'CTL', 'XTL'), header: fc.array(element, { maxLength: 6 }), records: fc.array(fc.record({ elements: fc.array(element, { maxLength: 4 }) }), { maxLength: 3 }), trailing: fc.oneof(fc.string(), blob(4).map(hexOf)) },
      { requiredKeys: ['format', 'header', 'records'] },
    );
    let accepted = 0;
    fc.assert(
      fc.property(doc, (d) => {
        if (assertJsonContract(d)) accepted++;
      }),
      { seed: SEED, numRuns: 1500 },
    );
    expect(accepted).toBeGreaterThan(20);
  });

  it('mutations of the JSON form of every valid vector', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat(jsonForms.length - 1), fc.array(jsonEdit, { minLength: 1, maxLength: 3 }), (i, edits) => {
        if (assertJsonContract(editJson(jsonForms[i], edits))) accepted++;
      }),
      { seed: SEED, numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(1800);
  });
});
