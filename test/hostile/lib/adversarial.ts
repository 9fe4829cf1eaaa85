/**
 * Well-framed trust lists of any size built to stress the decoder (test/hostile/resources.test.ts,
 * scripts/linearity.ts): every one decodes, so the decoder walks all of it.
 *
 *  - `random`:      records of random sizes (up to 4 KB) made of elements with random tags and values;
 *  - `tiny-records`: thousands of 5-byte records (RECORDLENGTH only), the most records per byte;
 *  - `max-tlvs`:    65 535-byte records holding one 65 527-byte element, the longest TLVs;
 *  - `empty-elements`: 65 535-byte records of 3-byte empty elements, the most elements per byte;
 *  - `padded-header`: a 65 535-byte header of padding (one element per byte), then tiny records.
 */
import { concat, setU16 } from './tlv.js';

/** Record tags without a fixed size (any value length decodes): 2, 3, 5-9, 11, and unknown tags. */
const FREE_TAGS = [2, 3, 5, 6, 7, 8, 9, 11, 13, 14, 20, 33, 200];

export const SHAPES = ['random', 'tiny-records', 'max-tlvs', 'empty-elements', 'padded-header'] as const;
export type Shape = (typeof SHAPES)[number];

/** A deterministic xorshift generator, so inputs are the same in every run. */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** VERSION, HEADER_LENGTH, FILENAME, TIMESTAMP, then `pads` padding bytes. */
export function header(pads = 0): Uint8Array {
  const fixed = Uint8Array.of(1, 0, 2, 1, 2, 2, 0, 2, 0, 0, 14, 0, 12, ...new TextEncoder().encode('ITLFile.tlv'), 0, 15, 0, 4, 0x69, 0x7e, 0x7e, 0x00);
  const h = new Uint8Array(fixed.length + pads).fill(13);
  h.set(fixed);
  setU16(h, 8, h.length);
  return h;
}

/** A trust list of about `size` bytes (a few bytes short when a record cannot fill the rest), in the given shape. */
export function adversarial(shape: Shape, size: number, seed = 1): Uint8Array {
  const head = shape === 'padded-header' ? header(Math.max(0, Math.min(0xffff, size) - header().length)) : header();
  const out = new Uint8Array(Math.max(size, head.length));
  out.set(head);
  let p = head.length;
  const next = rng(seed);
  /** A record of `length` bytes at p: RECORDLENGTH, then what `fill` writes in [at, end). */
  const record = (length: number, fill: (at: number, end: number) => void = () => {}) => {
    out.set([1, 0, 2], p);
    setU16(out, p + 3, length);
    fill(p + 5, p + length);
    p += length;
  };
  const element = (at: number, tag: number, length: number, value: (i: number) => number) => {
    out[at] = tag;
    setU16(out, at + 1, length);
    for (let i = 0; i < length; i++) out[at + 3 + i] = value(i);
  };
  for (;;) {
    const room = Math.min(out.length - p, 0xffff);
    if (room < 8) break;
    switch (shape) {
      case 'tiny-records':
      case 'padded-header':
        record(5);
        break;
      case 'max-tlvs':
        record(room, (at, end) => element(at, 9, end - at - 3, (i) => i & 0xff));
        break;
      case 'empty-elements':
        record(5 + 3 * Math.floor((room - 5) / 3), (at, end) => {
          for (let q = at; q < end; q += 3) element(q, 11, 0, () => 0);
        });
        break;
      case 'random':
        record(Math.min(room, 8 + (next() % 4096)), (at, end) => {
          let q = at;
          while (q < end) {
            let v = Math.min(end - q - 3, next() % 300);
            if (end - (q + 3 + v) < 3) v = end - q - 3; // never leave 1 or 2 stray bytes
            element(q, FREE_TAGS[next() % FREE_TAGS.length]!, v, () => next() & 0xff);
            q += 3 + v;
          }
        });
        break;
    }
  }
  if (out.length - p >= 5) record(5);
  return p < out.length ? out.slice(0, p) : out;
}
