const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** A NUL-terminated string value: UTF-8 text up to the first NUL (format.md §4.3). */
export function decodeCString(raw: Uint8Array): string {
  const nul = raw.indexOf(0);
  return decoder.decode(nul < 0 ? raw : raw.subarray(0, nul));
}

/** UTF-8 bytes plus the terminating NUL. */
export function encodeCString(text: string): Uint8Array {
  const body = encoder.encode(text);
  const out = new Uint8Array(body.length + 1);
  out.set(body);
  return out;
}
