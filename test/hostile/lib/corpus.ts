/**
 * The fuzzing corpus: every committed vector (structural, signed, hostile), which of them are
 * genuinely signed, and the signed messages of the genuine ones, so that a "valid" verdict on a
 * mutant can be checked against what the signers really signed.
 */
import { createHash, verify as cryptoVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeTrustList, type TrustList } from '../../../src/index.js';
import { walk } from './tlv.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const VECTORS = join(ROOT, 'vectors');

export interface CorpusFile {
  /** Path relative to vectors/. */
  name: string;
  bytes: Uint8Array;
  /** `.sgn` files are signed files (header + opaque payload); everything else is a trust list. */
  format: 'tlv' | 'sgn';
}

export interface GenuineFile extends CorpusFile {
  /** Certificate (DER) that verifies a `.sgn` file; trust lists verify with their own records. */
  certificate?: Uint8Array;
  /** A decoded copy, for use as an installed trust list. */
  list?: TrustList;
}

export const readVector = (name: string): Uint8Array => new Uint8Array(readFileSync(join(VECTORS, name)));
export const readRoot = (path: string): Uint8Array => new Uint8Array(readFileSync(join(ROOT, path)));

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'found') out.push(...filesUnder(full)); // fuzzer finds are checked on their own
    } else if (/\.(tlv|sgn)$/.test(entry)) out.push(full);
  }
  return out;
}

/** Every .tlv / .sgn / .bin under vectors/ except the keys. */
export function allVectors(): CorpusFile[] {
  return ['structural', 'signed', 'hostile']
    .flatMap((d) => filesUnder(join(VECTORS, d)))
    .map((full) => {
      const name = relative(VECTORS, full);
      return { name, bytes: new Uint8Array(readFileSync(full)), format: name.endsWith('.sgn') ? ('sgn' as const) : ('tlv' as const) };
    });
}

interface SignedManifest {
  vectors: { file: string; kind: string; signature: { valid: boolean; signer?: string } }[];
}
interface HostileManifestLite {
  bases: { file: string; format: 'tlv' | 'sgn'; signer: string }[];
  vectors: { file: string; format: 'tlv' | 'sgn'; expect: { verify?: { valid: boolean } }; verifyCertificate?: string }[];
}

const derOf = (pem: string): Uint8Array => readRoot(pem.replace(/\.pem$/, '.der'));

/** Every genuinely signed file that verifies as it is: signed/ (valid ones), hostile bases and valid hostile controls. */
export function genuineFiles(): GenuineFile[] {
  const out: GenuineFile[] = [];
  const signed = JSON.parse(readFileSync(join(VECTORS, 'signed/manifest.json'), 'utf8')) as SignedManifest;
  for (const v of signed.vectors) {
    if (!v.signature.valid) continue;
    const format = v.kind === 'SGN' ? 'sgn' : 'tlv';
    out.push({ name: v.file, bytes: readVector(v.file), format, ...(format === 'sgn' && v.signature.signer && { certificate: derOf(v.signature.signer) }) });
  }
  const hostile = JSON.parse(readFileSync(join(VECTORS, 'hostile/manifest.json'), 'utf8')) as HostileManifestLite;
  for (const b of hostile.bases) {
    const name = `hostile/${b.file}`;
    out.push({ name, bytes: readVector(name), format: b.format, ...(b.format === 'sgn' && { certificate: derOf(b.signer) }) });
  }
  for (const v of hostile.vectors) {
    if (!v.expect.verify?.valid) continue;
    const name = `hostile/${v.file}`;
    out.push({ name, bytes: readVector(name), format: v.format, ...(v.verifyCertificate && { certificate: readRoot(v.verifyCertificate) }) });
  }
  for (const g of out) if (g.format === 'tlv') g.list = decodeTrustList(g.bytes);
  return out;
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/**
 * The file minus its SIGNATURE element, and the signature, found by the independent walker
 * (format.md §5). Undefined unless the header has exactly one top-level SIGNATURE.
 */
export function splitSigned(bytes: Uint8Array, format: 'tlv' | 'sgn'): { message: Uint8Array; signature: Uint8Array } | undefined {
  const L = walk(bytes, { records: format === 'tlv' });
  const sigs = L.nodes.filter((n) => n.ns === 'header' && n.tag === 12);
  if (sigs.length !== 1 || sigs[0]!.depth !== 0) return undefined;
  const s = sigs[0]!;
  const message = new Uint8Array(bytes.length - (s.end - s.offset));
  message.set(bytes.subarray(0, s.offset));
  message.set(bytes.subarray(s.end), s.offset);
  return { message, signature: bytes.slice(s.offset + 3, s.end) };
}

/** Every RSA test certificate's public key (node:crypto, independent of src/). */
export function testRsaKeys(): KeyObject[] {
  return readdirSync(join(VECTORS, 'keys'))
    .filter((f) => f.endsWith('.cert.der'))
    .map((f) => new X509Certificate(readFileSync(join(VECTORS, 'keys', f))).publicKey)
    .filter((k) => k.asymmetricKeyType === 'rsa');
}

/**
 * Keys `sha256(message):sha256(signature)` of every corpus file whose signature verifies, under
 * node:crypto, with some test key and some digest: every message a key holder really signed
 * (genuine files, and the legitimately signed control and signer-matching cases whose verdict is
 * not "valid" because of how the signer is named). A mutant that verifies must be one of these.
 */
export function signedMessages(files: readonly CorpusFile[]): Set<string> {
  const keys = testRsaKeys();
  const set = new Set<string>();
  for (const f of files) {
    const s = splitSigned(f.bytes, f.format);
    if (!s) continue;
    const ok = keys.some((key) => ['sha1', 'sha256', 'sha512'].some((d) => cryptoVerify(d, s.message, key, s.signature)));
    if (ok) set.add(`${sha(s.message)}:${sha(s.signature)}`);
  }
  return set;
}

/**
 * Whether `bytes`, cut at the SIGNATURE element the verifier reported, is a message a signer
 * really signed with that very signature: the meaning of "untampered".
 */
export function isGenuineMessage(bytes: Uint8Array, signature: { offset: number; length: number }, messages: ReadonlySet<string>): boolean {
  const end = signature.offset + 3 + signature.length;
  const message = new Uint8Array(bytes.length - 3 - signature.length);
  message.set(bytes.subarray(0, signature.offset));
  message.set(bytes.subarray(end), signature.offset);
  return messages.has(`${sha(message)}:${sha(bytes.subarray(signature.offset + 3, end))}`);
}
