// viewTrustList: the lazy, zero-copy read of a trust list. It must accept and refuse exactly what
// strict decodeTrustList does (the fuzzer checks that on every mutant, test/hostile/lib/invariants.ts
// invariant 7); here: every committed vector, the kind guess over arbitrary filenames, what is
// shared with the caller's buffer, and the view used wherever a TrustList goes.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  decodeTrustList,
  encodeTrustList,
  ItlError,
  toJSON,
  TrustListView,
  verifyTrustList,
  viewTrustList,
  type TrustList,
} from '../../src/index.js';
import { catchItl, VECTORS_DIR } from './helpers.js';

/** Every `.tlv` under vectors/ (structural, signed, hostile). */
function allVectors(): [string, Uint8Array][] {
  const out: [string, Uint8Array][] = [];
  for (const dir of ['structural', 'signed', 'hostile']) {
    for (const f of readdirSync(new URL(`${dir}/`, VECTORS_DIR)).filter((n) => n.endsWith('.tlv'))) {
      out.push([`${dir}/${f}`, new Uint8Array(readFileSync(new URL(`${dir}/${f}`, VECTORS_DIR)))]);
    }
  }
  return out;
}

const vectors = allVectors();
const decodable = vectors.filter(([, b]) => {
  try {
    decodeTrustList(b);
    return true;
  } catch {
    return false;
  }
});

/** The model without its identity: what toEqual compares (a view is a class instance). */
const plain = (l: TrustList) => ({ kind: l.kind, header: l.header, records: l.records });

describe('viewTrustList against decodeTrustList', () => {
  it('covers both outcomes', () => {
    expect(decodable.length).toBeGreaterThan(40);
    expect(vectors.length - decodable.length).toBeGreaterThan(20);
  });

  it.each(vectors)('%s: same acceptance, same error, same model', (_, bytes) => {
    let decoded: TrustList | undefined;
    let error: ItlError | undefined;
    try {
      decoded = decodeTrustList(bytes);
    } catch (e) {
      error = e as ItlError;
    }
    if (error) {
      const e = catchItl(() => viewTrustList(bytes));
      expect({ code: e.code, offset: e.offset, path: e.path, message: e.message }).toEqual({ code: error.code, offset: error.offset, path: error.path, message: error.message });
      return;
    }
    const view = viewTrustList(bytes);
    expect(view.kind).toBe(decoded!.kind);
    expect(view.recordCount).toBe(decoded!.records.length);
    expect(view.headerLength).toBe(decoded!.header.headerLength);
    for (let i = 0; i < view.recordCount; i++) expect(view.recordOffset(i)).toBe(decoded!.records[i]!.offset);
    expect(plain(view)).toEqual(plain(decoded!));
    expect(plain(view.toTrustList())).toEqual(plain(decoded!));
  });

  it('decodes one record without the others, and each only once', () => {
    const [, bytes] = decodable.find(([, b]) => decodeTrustList(b).records.length >= 3)!;
    const view = viewTrustList(bytes);
    const third = view.record(2);
    expect(third).toEqual(decodeTrustList(bytes).records[2]);
    expect(view.record(2)).toBe(third);
    expect(view.records[2]).toBe(third);
    expect(view.records).toBe(view.records);
    expect(view.header).toBe(view.header);
  });

  it('refuses a record index that does not exist with an ItlError', () => {
    const view = viewTrustList(decodable[0]![1]);
    for (const i of [-1, view.recordCount, 1.5]) expect(catchItl(() => view.record(i)).code).toBe('ERR_VALUE');
  });

  it('refuses what is not a Uint8Array, as decodeTrustList does', () => {
    expect(catchItl(() => viewTrustList('ITL' as unknown as Uint8Array)).code).toBe('ERR_VALUE');
    expect(catchItl(() => viewTrustList(new Uint8Array(0))).code).toBe('ERR_EMPTY');
  });
});

describe('the kind guess reads FILENAME in place', () => {
  const [, base] = decodable.find(([n]) => n === 'signed/itl-rsa2048-sha1.tlv')!;
  const withFilename = (name: string | Uint8Array): Uint8Array => {
    const list = decodeTrustList(base);
    if (typeof name === 'string') list.header.filename = name;
    else {
      const el = list.header.elements.find((e) => e.tag === 14)!;
      el.value = name;
      delete list.header.filename;
    }
    return encodeTrustList(list);
  };

  it('agrees with decodeTrustList on paths, cases and non-ASCII names', () => {
    const names = ['ITLFile.tlv', 'itlfile.tlv', 'CTLFile.tlv', 'ctl', 'Ctl', 'IT', 'CT', '', 'x/ITLSEP1.tlv', 'C:\\tftp\\ctlfile.tlv', 'ITL/x.tlv', 'ıtl.tlv', 'ctl\u00e9', 'ÇTL', 'ﬁITL', 'a/ıTL'];
    const kinds = names.map((n) => viewTrustList(withFilename(n)).kind);
    expect(kinds).toEqual(names.map((n) => decodeTrustList(withFilename(n)).kind));
    expect(kinds.slice(0, 5)).toEqual(['ITL', 'ITL', 'CTL', 'CTL', 'CTL']);
    expect(viewTrustList(withFilename('ıtl.tlv')).kind).toBe('ITL'); // 'ı'.toUpperCase() is 'I'
  });

  it('agrees on 2 000 random names and raw byte values (invalid UTF-8, NULs)', () => {
    const letters = fc.constantFrom('I', 'i', 'ı', 'T', 't', 'L', 'l', 'C', 'c', '/', '\\', '.', 'é', 'ß', 'x');
    const name = fc.oneof(fc.string({ unit: letters, maxLength: 12 }), fc.string({ maxLength: 12 }).filter((s) => !s.includes('\0')));
    fc.assert(
      fc.property(fc.oneof(name, fc.uint8Array({ maxLength: 12 })), (n) => {
        const bytes = withFilename(n);
        expect(viewTrustList(bytes).kind).toBe(decodeTrustList(bytes).kind);
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('takes a forced kind', () => {
    expect(viewTrustList(base, { kind: 'CTL' }).kind).toBe('CTL');
  });
});

describe('a view shares the caller’s bytes', () => {
  const [, original] = decodable.find(([n]) => n === 'signed/itl-rsa2048-sha1.tlv')!;

  it('its values are views of the input (no copy), plain Uint8Arrays even for a Buffer', () => {
    const buffer = Buffer.from(original);
    const view = viewTrustList(buffer);
    expect(view.bytes).toBe(buffer);
    const cert = view.records[0]!.certificate!;
    expect(cert.buffer).toBe(buffer.buffer);
    expect(Object.getPrototypeOf(cert)).toBe(Uint8Array.prototype);
    const certElement = decodeTrustList(original).records[0]!.elements.find((e) => e.tag === 9)!;
    expect(cert.byteOffset - buffer.byteOffset).toBe(certElement.offset! + 3);
  });

  it('toTrustList() is a model of its own: editing it leaves the view and the bytes alone', () => {
    const bytes = original.slice();
    const view = viewTrustList(bytes);
    const copy = view.toTrustList();
    copy.header.filename = 'CTLFile.tlv';
    copy.records[0]!.certificate!.fill(0);
    expect(view.header.filename).toBe('ITLFile.tlv');
    expect(bytes).toEqual(original);
    expect(copy).not.toBeInstanceOf(TrustListView);
  });
});

describe('a view goes wherever a TrustList goes', () => {
  const [, bytes] = decodable.find(([n]) => n === 'signed/itl-rsa2048-sha1.tlv')!;

  it('encodes to its bytes, has the same JSON form, and verifies', async () => {
    const view = viewTrustList(bytes);
    expect(encodeTrustList(view)).toEqual(bytes);
    expect(toJSON(view)).toEqual(toJSON(decodeTrustList(bytes)));
    const r = await verifyTrustList(view);
    expect(r).toMatchObject({ valid: true, signer: { recordIndex: 0 } });
  });
});
