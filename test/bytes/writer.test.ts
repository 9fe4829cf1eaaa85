import { describe, it, expect } from '@jest/globals';
import { ByteWriter } from '../../src/bytes/writer.js';

describe('ByteWriter', () => {
  it('grows from any starting capacity, zero included', () => {
    for (const capacity of [0, 1, 3]) {
      const w = new ByteWriter(capacity);
      w.bytes(new Uint8Array(1000).fill(7));
      w.u16(0x0102);
      const out = w.finish();
      expect(out.length).toBe(1002);
      expect(out[999]).toBe(7);
      expect(Array.from(out.subarray(1000))).toEqual([1, 2]);
    }
  });

  it('refuses a length that does not fit 16 bits', () => {
    const w = new ByteWriter();
    const at = w.reserveU16();
    expect(() => w.patchU16(at, 65536, 'x')).toThrow(expect.objectContaining({ code: 'ERR_TOO_LARGE', path: 'x' }));
  });
});
