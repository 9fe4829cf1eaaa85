import { ItlError } from '../errors.js';

/**
 * Growable big-endian writer, the mirror of `ByteReader`. `reserveU16` / `patchU16` fill in a
 * length once the bytes it counts are written (containers, HeaderLength, RECORDLENGTH).
 */
export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  u16(v: number): void {
    this.ensure(2);
    this.buf[this.length++] = v >>> 8;
    this.buf[this.length++] = v & 0xff;
  }

  bytes(v: Uint8Array): void {
    this.ensure(v.length);
    this.buf.set(v, this.length);
    this.length += v.length;
  }

  /** Reserve two bytes for a length that is known later; returns where they are. */
  reserveU16(): number {
    const at = this.length;
    this.u16(0);
    return at;
  }

  /** Write a 16-bit value at `at`, refusing what does not fit (the format's lengths are uint16). */
  patchU16(at: number, v: number, path: string): void {
    if (v > 0xffff) {
      throw new ItlError('ERR_TOO_LARGE', `${v} bytes do not fit a 16-bit length field (max 65535)`, { path });
    }
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v & 0xff;
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
