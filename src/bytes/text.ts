const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** A NUL-terminated string value: UTF-8 text up to the first NUL (format.md §4.3). */
export function decodeCString(raw: Uint8Array): string {
  // Decoding the whole value and cutting at the first U+0000 gives the same text as decoding the
  // bytes before the first NUL: only a 0x00 byte decodes to U+0000, and it ends an unfinished
  // UTF-8 sequence exactly as the end of the input does (one U+FFFD). It saves a view and a scan.
  const text = decoder.decode(raw);
  const nul = text.indexOf('\0');
  return nul < 0 ? text : text.slice(0, nul);
}

/** UTF-8 bytes plus the terminating NUL. */
export function encodeCString(text: string): Uint8Array {
  const body = encoder.encode(text);
  const out = new Uint8Array(body.length + 1);
  out.set(body);
  return out;
}

/**
 * `decodeCString(raw) === text`, without decoding while the bytes are ASCII (each then decodes to
 * the one UTF-16 unit of the same value); the first other byte falls back to decoding.
 */
export function cstringEquals(raw: Uint8Array, text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = raw[i]!;
    if (c === 0) return i === text.length;
    if (c >= 0x80) return decodeCString(raw) === text;
    if (c !== text.charCodeAt(i)) return false; // also when the text is shorter (NaN)
  }
  return n === text.length;
}
