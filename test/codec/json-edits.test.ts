import { describe, it, expect } from '@jest/globals';
import { decodeTrustList, encodeTrustList, fromJSON, toJSON, ItlError, type ElementJSON, type TrustListJSON } from '../../src/index.js';
import { readFileSync } from 'node:fs';

const file = new URL('../../vectors/structural/', import.meta.url);

function firstNonCanonical(json: TrustListJSON): ElementJSON {
  for (const rec of json.records) for (const el of rec.elements) if (el.hex !== undefined && el.value !== undefined) return el;
  for (const el of json.header) if (el.hex !== undefined && el.value !== undefined) return el;
  throw new Error('vector has no non-canonical element');
}

describe('JSON edits: value and hex', () => {
  const bytes = new Uint8Array(readFileSync(new URL('string-without-nul.tlv', file)));
  const json = toJSON(decodeTrustList(bytes));

  it('keeps a non-canonical string when value and hex agree', () => {
    expect(firstNonCanonical(json).hex).toBeDefined();
    expect(encodeTrustList(fromJSON(json))).toEqual(bytes);
  });

  it('refuses value and hex that disagree, naming the element', () => {
    const edited = structuredClone(json);
    const el = firstNonCanonical(edited);
    el.value = `${String(el.value)}-edited`;
    let err: unknown;
    try {
      fromJSON(edited);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ItlError);
    expect((err as ItlError).code).toBe('ERR_JSON');
    expect((err as ItlError).message).toMatch(/disagree/);
    expect((err as ItlError).path).toMatch(/^(header|records\[\d+\])/);
  });

  it('writes an edited value once hex is removed', () => {
    const edited = structuredClone(json);
    const fn = edited.header.find((e) => e.tag === 14)!;
    fn.value = 'ITLSEP001122334455.tlv';
    delete fn.hex;
    expect(decodeTrustList(encodeTrustList(fromJSON(edited))).header.filename).toBe('ITLSEP001122334455.tlv');
  });

  it('ignores an informational HEADER_LENGTH value that disagrees with its hex', () => {
    const edited = structuredClone(json);
    const hl = edited.header.find((e) => e.tag === 2)!;
    hl.value = 1;
    hl.hex = '0001';
    expect(encodeTrustList(fromJSON(edited))).toEqual(bytes);
  });
});
