/** Shared helpers of the signing tests: TEST ONLY keys, the signed vectors and their manifest, an own header walker. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Signer } from '../../src/index.js';
import { loadSigner, parseCertificate, type LoadedSigner, type ParsedCertificate } from '../../src/x509/index.js';
import type { SignedManifest, SignedVectorEntry } from '../../scripts/make-signed-vectors.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const VECTORS = fileURLToPath(new URL('../../vectors/', import.meta.url));

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Bytes of a file relative to the package root (`vectors/keys/...`). */
export function rootFile(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(path, `file://${ROOT}`)));
}

/** Bytes of a vector relative to vectors/ (`signed/x.tlv`). */
export function vector(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, `file://${VECTORS}`)));
}

export function manifest(): SignedManifest {
  return JSON.parse(readFileSync(new URL('signed/manifest.json', `file://${VECTORS}`), 'utf8')) as SignedManifest;
}

export function entry(file: string): SignedVectorEntry {
  const e = manifest().vectors.find((v) => v.file === `signed/${file}`);
  if (!e) throw new Error(`no manifest entry for signed/${file}`);
  return e;
}

const signers = new Map<string, Promise<LoadedSigner>>();

/** A TEST ONLY signer from vectors/keys by stem (`rsa2048-a`). */
export function signer(stem: string): Promise<LoadedSigner> {
  let s = signers.get(stem);
  if (!s) {
    s = loadSigner(rootFile(`vectors/keys/${stem}.cert.pem`), rootFile(`vectors/keys/${stem}.key.pem`));
    signers.set(stem, s);
  }
  return s;
}

export function cert(stem: string): ParsedCertificate {
  return parseCertificate(rootFile(`vectors/keys/${stem}.cert.pem`));
}

export type { Signer };

/** The other WebCrypto implementation, to prove `subtle` is pluggable. */
export async function peculiarSubtle(): Promise<SubtleCrypto> {
  const { Crypto } = await import('@peculiar/webcrypto');
  return new Crypto().subtle as SubtleCrypto;
}

/**
 * The SIGNATURE element, found by walking the header with this file's own reader (format.md §2):
 * tag 13 is one byte; tags 3, 7 and 9 are entered; everything else is skipped by its length.
 * Independent of src/ on purpose.
 */
export function findSignature(b: Uint8Array): { offset: number; length: number; headerLength: number } {
  if (b[0] !== 1 || b[5] !== 2) throw new Error('not a trust-list header');
  const headerLength = (b[8]! << 8) | b[9]!;
  let found: { offset: number; length: number } | undefined;
  let p = 0;
  while (p < headerLength) {
    const tag = b[p]!;
    if (tag === 13) {
      p += 1;
      continue;
    }
    const length = (b[p + 1]! << 8) | b[p + 2]!;
    if (tag === 12) {
      if (found) throw new Error('two SIGNATURE elements');
      found = { offset: p, length };
    }
    p += tag === 3 || tag === 7 || tag === 9 ? 3 : 3 + length;
  }
  if (!found || p !== headerLength) throw new Error('no SIGNATURE element, or the header does not end at HeaderLength');
  return { ...found, headerLength };
}

/** The signed bytes (format.md §5): the file without the SIGNATURE element, and the signature. */
export function splitSignature(b: Uint8Array): { range: Uint8Array; signature: Uint8Array; offset: number } {
  const { offset, length } = findSignature(b);
  const range = new Uint8Array(b.length - 3 - length);
  range.set(b.subarray(0, offset));
  range.set(b.subarray(offset + 3 + length), offset);
  return { range, signature: b.slice(offset + 3, offset + 3 + length), offset };
}

/** Whether `openssl` runs here (tests that need it say so loudly when it does not). */
export const OPENSSL: { available: boolean; version: string } = (() => {
  const r = spawnSync('openssl', ['version'], { encoding: 'utf8' });
  return { available: r.status === 0, version: r.status === 0 ? r.stdout.trim() : '' };
})();
