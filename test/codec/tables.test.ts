// Hand-written lookups that must agree with the tables they stand for.
import { describe, expect, it } from '@jest/globals';
import { sameRecordFields } from '../../src/codec/untouched.js';
import { RECORD_BINDINGS } from '../../src/format/bindings.js';
import { DIGEST_CODES, digestFromCode, MODULUS_CODES, modulusCodeFor } from '../../src/format/digests.js';
import type { TrustRecord } from '../../src/index.js';

describe('lookup tables', () => {
  it('digestFromCode names every digest code, and gives other codes back as numbers', () => {
    for (const [name, code] of Object.entries(DIGEST_CODES)) expect(digestFromCode(code)).toBe(name);
    for (const code of [0, 4, 5, 255]) expect(digestFromCode(code)).toBe(code);
  });

  it('modulusCodeFor is the inverse of MODULUS_CODES', () => {
    for (const [code, size] of Object.entries(MODULUS_CODES)) expect(modulusCodeFor(size)).toBe(Number(code));
    for (const size of [0, 63, 100, 384, 1024]) expect(modulusCodeFor(size)).toBeUndefined();
  });

  it('sameRecordFields reads every record binding at its tag, and nothing else', () => {
    expect(RECORD_BINDINGS).toHaveLength(12);
    for (const b of RECORD_BINDINGS) {
      const probe = {} as TrustRecord;
      const marker = {};
      b.set(probe, marker);
      const typed: unknown[] = [];
      typed[b.tag] = marker;
      expect({ field: b.path, same: sameRecordFields(probe, typed) }).toEqual({ field: b.path, same: true });
      expect({ field: b.path, sameAsEmpty: sameRecordFields(probe, []) }).toEqual({ field: b.path, sameAsEmpty: false });
    }
  });
});
