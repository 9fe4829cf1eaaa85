/** Header tag 8 / record tag 12 digest codes (format.md §3.1, §10: SHA-512 is 3). */
export const DIGEST_CODES = { sha1: 1, sha256: 2, sha512: 3 } as const;

export type DigestName = keyof typeof DIGEST_CODES;
/** A digest: its name when the code is known, else the raw code. */
export type Digest = DigestName | number;

/** WebCrypto hash names. */
export const WEBCRYPTO_HASH: Record<DigestName, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/** Names by code (1..3), looked up: verification reads a code for every file it checks. */
const NAME_BY_CODE: ReadonlyArray<DigestName | undefined> = [undefined, 'sha1', 'sha256', 'sha512'];

export function digestFromCode(code: number): Digest {
  return NAME_BY_CODE[code] ?? code;
}

export function digestCode(d: Digest): number {
  return typeof d === 'number' ? d : DIGEST_CODES[d];
}

export function isDigestName(d: unknown): d is DigestName {
  return typeof d === 'string' && d in DIGEST_CODES;
}

/** Header tag 11: RSA signature size code (format.md §3.1). */
export const MODULUS_CODES: Record<number, number> = { 0: 64, 1: 128, 2: 256, 3: 512 };

/** The modulus code for a signature of `bytes` bytes, or `undefined` for unsupported sizes. */
export function modulusCodeFor(bytes: number): number | undefined {
  return bytes === 64 ? 0 : bytes === 128 ? 1 : bytes === 256 ? 2 : bytes === 512 ? 3 : undefined;
}
