/** Test helpers: the TEST ONLY keys in vectors/keys (see vectors/keys/README.md). */
import { readFileSync } from 'node:fs';

const DIR = new URL('../../vectors/keys/', import.meta.url);

/** Bytes of a file in vectors/keys. */
export function keyFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}

/** Text of a file in vectors/keys. */
export function keyText(name: string): string {
  return readFileSync(new URL(name, DIR), 'utf8');
}

export const PASSWORD = 'test-password';

/** The other WebCrypto implementation, to prove `subtle` is pluggable. */
export async function peculiarSubtle(): Promise<SubtleCrypto> {
  const { Crypto } = await import('@peculiar/webcrypto');
  return new Crypto().subtle as SubtleCrypto;
}

/** Definite-length DER header size at `offset` (tests' own tiny reader, independent of src/). */
export function derHeader(bytes: Uint8Array, offset: number): { header: number; length: number } {
  const first = bytes[offset + 1] ?? 0;
  if (first < 0x80) return { header: 2, length: first };
  const n = first & 0x7f;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (bytes[offset + 2 + i] ?? 0);
  return { header: 2 + n, length };
}

/** The TBSCertificate bytes of a DER certificate (first element of the outer SEQUENCE). */
export function tbsOf(der: Uint8Array): Uint8Array {
  const outer = derHeader(der, 0);
  const tbs = derHeader(der, outer.header);
  return der.subarray(outer.header, outer.header + tbs.header + tbs.length);
}
