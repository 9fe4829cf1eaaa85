import { ItlError } from '../errors.js';

/** Up to this many bytes, `bytes()` copies in a loop; above, with `TypedArray#set`. */
const SHORT_COPY = 64;

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
    // At least doubling, and never from zero: a writer made with capacity 0 must still grow.
    const cap = Math.max(this.buf.length * 2, this.length + n, 64);
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
    const n = v.length;
    this.ensure(n);
    if (n <= SHORT_COPY) {
      // Short values (names, roles, addresses) copy faster by hand than through TypedArray#set.
      const buf = this.buf;
      let at = this.length;
      for (let i = 0; i < n; i++) buf[at++] = v[i]!;
    } else {
      this.buf.set(v, this.length);
    }
    this.length += n;
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

  /** The bytes written, in a buffer of their own and of their exact size. */
  finish(): Uint8Array {
    // Sized exactly up front (and never handed out before): the buffer itself is the result.
    if (this.length === this.buf.length && this.buf.byteOffset === 0 && this.buf.buffer.byteLength === this.length) return this.buf;
    return this.buf.slice(0, this.length);
  }
}
