/** Small byte helpers (no Node built-ins: this folder must run in a browser). */

/**
 * A copy-free view when possible, typed as WebCrypto's `BufferSource` wants it since TypeScript
 * 5.7 (`Uint8Array<ArrayBuffer>`); copies when the bytes live in a SharedArrayBuffer.
 */
export function bufferSource(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? (bytes as Uint8Array<ArrayBuffer>)
    : new Uint8Array(bytes);
}

/**
 * A fresh plain Uint8Array copy. (`Buffer.prototype.slice` returns a view, so `.slice()` on bytes
 * that may be a Node Buffer would share memory with the caller.)
 */
export function copyBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Strips leading zero bytes, keeping at least one byte (big-endian unsigned magnitude). */
export function stripLeadingZeros(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return copyBytes(bytes.subarray(i));
}

/** Bit length of a big-endian unsigned integer. */
export function bitLength(bytes: Uint8Array): number {
  const m = stripLeadingZeros(bytes);
  const first = m[0] ?? 0;
  if (first === 0) return 0;
  return (m.length - 1) * 8 + (32 - Math.clz32(first));
}

export function utf8Encode(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** Each byte as one code point 0..255 (ISO-8859-1). */
export function latin1Decode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}
