import { ItlError } from '../errors.js';

/** Up to this many bytes, values are copied in a loop; above, with `TypedArray#set`. */
const SHORT_COPY = 64;

/**
 * Growable big-endian writer, the mirror of `ByteReader`. `reserveU16` / `patchU16` fill in a
 * length once the bytes it counts are written (containers, HeaderLength, RECORDLENGTH).
 * `run` queues bytes of a source array (an untouched record of a decoded file) and merges
 * consecutive ones, so that a whole unchanged body is one copy.
 */
export class ByteWriter {
  private buf: Uint8Array;
  /** Bytes copied into `buf`; `length` adds the pending run. */
  private pos = 0;
  /** The pending run: bytes [runStart, runEnd) of `runSource`, not copied yet. */
  private runSource: Uint8Array | undefined;
  private runStart = 0;
  private runEnd = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  get length(): number {
    return this.pos + this.runEnd - this.runStart;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    // At least doubling, and never from zero: a writer made with capacity 0 must still grow.
    const cap = Math.max(this.buf.length * 2, this.pos + n, 64);
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Copy the pending run, before anything else is written after it. */
  private flush(): void {
    const n = this.runEnd - this.runStart;
    if (n === 0) return;
    this.ensure(n);
    this.buf.set(this.runSource!.subarray(this.runStart, this.runEnd), this.pos);
    this.pos += n;
    this.runStart = this.runEnd = 0;
  }

  u8(v: number): void {
    this.flush();
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number): void {
    this.flush();
    this.ensure(2);
    this.buf[this.pos++] = v >>> 8;
    this.buf[this.pos++] = v & 0xff;
  }

  bytes(v: Uint8Array): void {
    this.flush();
    this.copy(v);
  }

  /** A whole TLV element: tag, 16-bit length, value (the caller checks the length fits). */
  tlv(tag: number, v: Uint8Array): void {
    this.flush();
    this.ensure(3);
    const buf = this.buf;
    const n = v.length;
    buf[this.pos++] = tag;
    buf[this.pos++] = n >>> 8;
    buf[this.pos++] = n & 0xff;
    this.copy(v);
  }

  /**
   * Bytes [start, end) of `source`, copied later in one go with the bytes that follow them in
   * `source`, if those come next (consecutive untouched records of a decoded file).
   */
  run(source: Uint8Array, start: number, end: number): void {
    if (source === this.runSource && start === this.runEnd && this.runEnd > this.runStart) {
      this.runEnd = end;
      return;
    }
    this.flush();
    this.runSource = source;
    this.runStart = start;
    this.runEnd = end;
  }

  private copy(v: Uint8Array): void {
    const n = v.length;
    this.ensure(n);
    const buf = this.buf;
    if (n <= SHORT_COPY) {
      // Short values (names, roles, addresses) copy faster by hand than through TypedArray#set.
      let at = this.pos;
      for (let i = 0; i < n; i++) buf[at++] = v[i]!;
    } else {
      buf.set(v, this.pos);
    }
    this.pos += n;
  }

  /** Reserve two bytes for a length that is known later; returns where they are. */
  reserveU16(): number {
    this.flush();
    const at = this.pos;
    this.u16(0);
    return at;
  }

  /** Write a 16-bit value at `at` (reserved earlier), refusing what does not fit (the format's lengths are uint16). */
  patchU16(at: number, v: number, path: string): void {
    if (v > 0xffff) {
      throw new ItlError('ERR_TOO_LARGE', `${v} bytes do not fit a 16-bit length field (max 65535)`, { path });
    }
    this.buf[at] = v >>> 8;
    this.buf[at + 1] = v & 0xff;
  }

  /** Forget everything written from `at` on (a point before the pending run, such as a `length` read earlier). */
  rewind(at: number): void {
    this.flush();
    this.pos = at;
  }

  /** The bytes written, in a buffer of their own and of their exact size. */
  finish(): Uint8Array {
    this.flush();
    // Sized exactly up front (and never handed out before): the buffer itself is the result.
    if (this.pos === this.buf.length && this.buf.byteOffset === 0 && this.buf.buffer.byteLength === this.pos) return this.buf;
    return this.buf.slice(0, this.pos);
  }
}
