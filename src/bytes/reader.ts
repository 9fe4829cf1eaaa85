import { ItlError, type ItlErrorCode } from '../errors.js';

/**
 * Makes views (no copy) of one byte array. It calls the Uint8Array constructor on the buffer, which
 * gives what `subarray` gives at a third of the cost (decoding makes one view per element), and a
 * plain Uint8Array even when the input is a subclass such as Node's Buffer, so a model's values
 * have one type whatever the caller passed.
 */
export class Views {
  private readonly buffer: ArrayBufferLike;
  private readonly base: number;

  constructor(readonly bytes: Uint8Array) {
    this.buffer = bytes.buffer;
    this.base = bytes.byteOffset;
  }

  /** `bytes.subarray(start, end)`, as a plain Uint8Array. */
  of(start: number, end: number): Uint8Array {
    return new Uint8Array(this.buffer, this.base + start, end - start);
  }
}

/**
 * Bounds-checked big-endian reader over a window of a byte array. Every failure is an
 * `ItlError` carrying the absolute byte offset, never a RangeError.
 */
export class ByteReader {
  pos: number;
  private views: Views | undefined;

  constructor(
    readonly bytes: Uint8Array,
    start = 0,
    readonly end = bytes.length,
    readonly path = '',
    /**
     * The code for running past `end` when a length field set it (a container, a record, the
     * header). Without one, `end` is the end of the input and running past it is `ERR_TRUNCATED`.
     */
    readonly overrunCode?: ItlErrorCode,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private need(n: number, what: string): void {
    if (this.pos + n > this.end) {
      const code = this.overrunCode ?? 'ERR_TRUNCATED';
      const limit = this.overrunCode ? `its enclosing element ends at ${this.end}` : `the input ends at ${this.end}`;
      throw new ItlError(code, `${what} needs ${n} byte(s) at ${this.pos} but ${limit}`, {
        offset: this.pos,
        path: this.path || undefined,
      });
    }
  }

  u8(what = 'a byte'): number {
    this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  u16(what = 'a 16-bit length'): number {
    this.need(2, what);
    const v = (this.bytes[this.pos]! << 8) | this.bytes[this.pos + 1]!;
    this.pos += 2;
    return v;
  }

  /** A view (no copy) of the next `n` bytes. */
  bytesView(n: number, what = 'a value'): Uint8Array {
    this.need(n, what);
    const v = (this.views ??= new Views(this.bytes)).of(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** A reader over the next `n` bytes, for a container or a record; this reader skips past them. */
  sub(n: number, path: string, what = 'an element'): ByteReader {
    this.need(n, what);
    const r = new ByteReader(this.bytes, this.pos, this.pos + n, path, 'ERR_OVERRUN');
    this.pos += n;
    return r;
  }
}
