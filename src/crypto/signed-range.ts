// The bytes a signature covers (format.md §5): the whole file minus the SIGNATURE element.

/**
 * The signed bytes and the signature value, copied (the message, then the signature) into a
 * buffer of a small pool: what a verifier keeps while it awaits, whatever the caller does to
 * `file`. Call `release()` once the last WebCrypto call that reads them has settled. On this
 * kind of machine a fresh ArrayBuffer per verification costs more than the copy itself.
 */
export function signedParts(file: Uint8Array, offset: number, signatureLength: number): { message: Uint8Array; signature: Uint8Array; release(): void } {
  const size = 3 + signatureLength;
  const messageLength = file.length - size;
  const total = messageLength + signatureLength;
  const buffer = takeBuffer(total);
  const both = new Uint8Array(buffer, 0, total);
  both.set(file.subarray(0, offset));
  both.set(file.subarray(offset + size), offset);
  both.set(file.subarray(offset + 3, offset + size), messageLength);
  let released = false;
  return {
    message: both.subarray(0, messageLength),
    signature: both.subarray(messageLength),
    release: () => {
      if (!released) giveBuffer(buffer);
      released = true;
    },
  };
}

/** Free buffers, each at most POOLED_MAX bytes; a handful is enough for the verifications in flight. */
const POOL: ArrayBuffer[] = [];
const POOL_SIZE = 8;
const POOLED_MAX = 256 * 1024;

function takeBuffer(n: number): ArrayBuffer {
  for (let i = POOL.length - 1; i >= 0; i--) {
    if (POOL[i]!.byteLength >= n) return POOL.splice(i, 1)[0]!;
  }
  return new ArrayBuffer(n <= POOLED_MAX ? Math.max(16 * 1024, 2 ** Math.ceil(Math.log2(n))) : n);
}

function giveBuffer(buffer: ArrayBuffer): void {
  if (buffer.byteLength <= POOLED_MAX && POOL.length < POOL_SIZE) POOL.push(buffer);
}
