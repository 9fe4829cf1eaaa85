/**
 * Writes the signed test vectors: vectors/signed/*.tlv, *.sgn, manifest.json and README.md.
 *
 *   npm run vectors:signed                         (= tsx scripts/make-signed-vectors.ts)
 *   npx tsx scripts/make-signed-vectors.ts --out DIR   (writes DIR/signed/ instead of vectors/signed/)
 *
 * Unlike the structural vectors, these are made WITH itl-codec's public API (buildTrustList,
 * signFile, resignTrustList, buildRollbackItl; signTrustList is not called directly) from the
 * committed TEST ONLY keys in vectors/keys/. They are deterministic: fixed timestamps, and RSA
 * PKCS#1 v1.5 signatures carry no randomness, so running this script again changes no byte
 * (test/signing/ checks that).
 *
 * What a vector must decode to ("expect") is NOT read back from the library: it comes from the
 * inputs (roles, names, serials, keys, certificate hashes from node:crypto's X509Certificate)
 * and from format.md's length arithmetic (§3.3, §4.2). The script checks its own arithmetic
 * against the bytes with a tiny header walker of its own and refuses to write a vector that
 * disagrees, so a builder bug shows up here as an error instead of as a wrong vector.
 *
 * "signature" says what `verifyTrustList(bytes)` (for .sgn: `verifySignedFile(bytes, with)`)
 * must return; "verifyWith" lists more verifications with options (a certificate, a trust list
 * that a phone holds, roles). Paths: `file` and `trustList` are relative to vectors/,
 * certificates relative to the package root.
 *
 * TEST ONLY: every key here is public. Never use these files on a real cluster or phone.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildRollbackItl,
  buildTrustList,
  decodeTrustList,
  resignTrustList,
  signFile,
  type BuildOptions,
  type RecordSpec,
  type Signer,
  type TrustList,
} from '../src/index.js';
import { loadSigner, parseCertificate } from '../src/x509/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'scripts/make-signed-vectors.ts';
const KEYS = 'vectors/keys';

/** 2026-01-01T00:00:00Z. Every vector uses this or a fixed offset from it. */
export const BASE_TIMESTAMP = 1767225600;

// ---------------------------------------------------------------------------------------------
// Manifest types
// ---------------------------------------------------------------------------------------------

type DigestName = 'sha1' | 'sha256' | 'sha512';
type LayoutName = 'cucm' | 'certutils';

export interface RecordExpect {
  role: number;
  roleName: string;
  /** Length from format.md §4.2 arithmetic (RECORDLENGTH counts its own 5 bytes). */
  length: number;
  /** Record tags in file order. */
  layout: string;
  /** Certificate file the record was built from, relative to the package root. */
  certificate?: string;
  dnsName?: string;
  subjectName?: string;
  issuerName?: string;
  serialNumber?: string;
  publicKeyLength?: number;
  publicKeySha1?: string;
  signatureLength?: number;
  certificateLength?: number;
  certificateSha1?: string;
  ipAddress?: string;
  /** A rollback record with only RECORDLENGTH, [DNSNAME], FUNCTION, [IPADDRESS] (format.md §7.2). */
  emptied?: boolean;
}

export interface HeaderExpect {
  kind: 'ITL' | 'CTL' | 'SGN';
  headerLength: number;
  headerLayout: string;
  padding: number;
  version: string;
  signerVersion?: string;
  signer: { name: string; serialNumber: string; issuerName: string };
  digest: DigestName;
  signatureAlgorithm: 0;
  modulusCode: number;
  signatureLength: number;
  /** Offset of the SIGNATURE tag byte, and how many bytes the signature covers (file size - 3 - N). */
  signatureOffset: number;
  signedBytes: number;
  filename: string;
  timestamp: number;
  recordCount?: number;
  roles?: string[];
  records?: RecordExpect[];
  payloadLength?: number;
  payloadSha256?: string;
}

/** Options of one verification, in file form. */
export interface VerifyWith {
  certificate?: string;
  publicKey?: string;
  trustList?: string;
  roles?: number[];
}

export interface SignatureExpect {
  valid: boolean;
  reason?: string;
  /** Certificate whose key made the signature. */
  signer?: string;
  digest?: DigestName;
  /** Where the verifier found the signer: the file's own records, the given trust list, ... */
  source?: 'file' | 'trust-list' | 'certificate' | 'public-key';
  recordIndex?: number;
  /** Options of this verification (none: the file's own records). */
  with?: VerifyWith;
}

export interface SignedVectorEntry {
  file: string;
  source: string;
  description: string;
  kind: 'ITL' | 'CTL' | 'SGN';
  size: number;
  sha256: string;
  /** How it was made (informational). */
  build: Record<string, unknown>;
  expect: HeaderExpect;
  signature: SignatureExpect;
  verifyWith?: SignatureExpect[];
}

export interface SignedManifest {
  description: string;
  /** Signers the builders must refuse: no vector is written for them. */
  refused: { what: string; error: string }[];
  vectors: SignedVectorEntry[];
}

export interface GeneratedVectors {
  /** File name under signed/ → bytes. */
  files: Map<string, Uint8Array>;
  manifest: SignedManifest;
}

// ---------------------------------------------------------------------------------------------
// Certificates, seen through node:crypto (an oracle independent of itl-codec/x509)
// ---------------------------------------------------------------------------------------------

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const sha1 = (b: Uint8Array): string => createHash('sha1').update(b).digest('hex');
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const utf8Len = (s: string): number => Buffer.byteLength(s, 'utf8');

interface CertFacts {
  path: string;
  der: Uint8Array;
  cucm: string;
  certutils: string;
  issuerCucm: string;
  issuerCertutils: string;
  serial: string;
  publicKey: Uint8Array;
  signature: Uint8Array;
  rsaBits?: number;
}

const CUCM_ORDER = ['CN', 'OU', 'O', 'L', 'ST', 'C'];

/** Names as format.md §4.3 describes them, from node's one-attribute-per-line DER-order text. */
function nameStyles(text: string): { cucm: string; certutils: string } {
  const lines = text.split('\n');
  for (const l of lines) {
    const key = l.slice(0, l.indexOf('='));
    if (!CUCM_ORDER.includes(key) || /[,;+\\"]/.test(l)) throw new Error(`vector certificates must have simple names; got ${JSON.stringify(l)}`);
  }
  const cucm = CUCM_ORDER.flatMap((k) => lines.filter((l) => l.startsWith(`${k}=`))).join(';');
  return { cucm, certutils: lines.join(',') };
}

/** DER element at `at`: header size and value length (definite lengths only). */
function derAt(b: Uint8Array, at: number): { hdr: number; len: number } {
  const first = b[at + 1]!;
  if (first < 0x80) return { hdr: 2, len: first };
  let len = 0;
  for (let i = 0; i < (first & 0x7f); i++) len = len * 256 + b[at + 2 + i]!;
  return { hdr: 2 + (first & 0x7f), len };
}

/** The certificate's signatureValue: third element of the outer SEQUENCE, BIT STRING minus its unused-bits byte. */
function certSignature(der: Uint8Array): Uint8Array {
  const outer = derAt(der, 0);
  let at = outer.hdr;
  for (let i = 0; i < 2; i++) {
    const e = derAt(der, at);
    at += e.hdr + e.len;
  }
  if (der[at] !== 0x03) throw new Error('certificate signatureValue is not a BIT STRING');
  const bs = derAt(der, at);
  return der.slice(at + bs.hdr + 1, at + bs.hdr + bs.len);
}

const certCache = new Map<string, CertFacts>();

function cert(stem: string): CertFacts {
  const hit = certCache.get(stem);
  if (hit) return hit;
  const der = new Uint8Array(readFileSync(join(ROOT, KEYS, `${stem}.cert.der`)));
  const x = new X509Certificate(der);
  const subject = nameStyles(x.subject);
  const issuer = nameStyles(x.issuer);
  const key = x.publicKey;
  let publicKey: Uint8Array;
  let rsaBits: number | undefined;
  if (key.asymmetricKeyType === 'rsa') {
    publicKey = new Uint8Array(key.export({ type: 'pkcs1', format: 'der' }));
    rsaBits = key.asymmetricKeyDetails?.modulusLength;
  } else {
    const jwk = key.export({ format: 'jwk' });
    publicKey = Uint8Array.from([4, ...Buffer.from(jwk.x!, 'base64url'), ...Buffer.from(jwk.y!, 'base64url')]);
  }
  const facts: CertFacts = {
    path: `${KEYS}/${stem}.cert.pem`,
    der,
    cucm: subject.cucm,
    certutils: subject.certutils,
    issuerCucm: issuer.cucm,
    issuerCertutils: issuer.certutils,
    serial: x.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, ''),
    publicKey,
    signature: certSignature(der),
    ...(rsaBits !== undefined && { rsaBits }),
  };
  certCache.set(stem, facts);
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Expected structure from format.md arithmetic
// ---------------------------------------------------------------------------------------------

const ROLE_CODES: Record<string, number> = { SAST: 0, CCM: 1, 'CCM+TFTP': 2, TFTP: 3, CAPF: 4, 'APP-SERVER': 7, TVS: 21 };
const ROLE_NAMES = new Map(Object.entries(ROLE_CODES).map(([n, c]) => [c, n]));
const MODULUS_CODE: Record<number, number> = { 64: 0, 128: 1, 256: 2, 512: 3 };
const DIGEST_LABEL: Record<DigestName, string> = { sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' };

/** Record tag order of each layout (format.md §4.9; CUCM ascending, certutils 1,3,5,6,4,7,8,9). */
const RECORD_ORDER: Record<LayoutName, number[]> = { cucm: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], certutils: [1, 2, 3, 5, 6, 4, 7, 8, 9, 10] };

function fullRecord(stem: string, role: string, layout: LayoutName, dnsName?: string, ipAddress?: string): RecordExpect {
  const c = cert(stem);
  const subjectName = layout === 'cucm' ? c.cucm : c.certutils;
  const issuerName = layout === 'cucm' ? c.issuerCucm : c.issuerCertutils;
  const sizes: Record<number, number | undefined> = {
    1: 2,
    2: dnsName === undefined ? undefined : utf8Len(dnsName) + 1,
    3: utf8Len(subjectName) + 1,
    4: 2,
    5: utf8Len(issuerName) + 1,
    6: c.serial.length / 2,
    7: c.publicKey.length,
    8: c.signature.length,
    9: c.der.length,
    10: ipAddress === undefined ? undefined : 4,
  };
  const tags = RECORD_ORDER[layout].filter((t) => sizes[t] !== undefined);
  return {
    role: ROLE_CODES[role]!,
    roleName: role,
    length: tags.reduce((n, t) => n + 3 + sizes[t]!, 0),
    layout: tags.join(','),
    certificate: c.path,
    ...(dnsName !== undefined && { dnsName }),
    subjectName,
    issuerName,
    serialNumber: c.serial,
    publicKeyLength: c.publicKey.length,
    publicKeySha1: sha1(c.publicKey),
    signatureLength: c.signature.length,
    certificateLength: c.der.length,
    certificateSha1: sha1(c.der),
    ...(ipAddress !== undefined && { ipAddress }),
  };
}

/** format.md §7.4 default: a TFTP / CCM+TFTP / TVS record keeps only its role, DNS name and IP. */
function emptiedRecord(r: RecordExpect): RecordExpect {
  const tags = [1, ...(r.dnsName !== undefined ? [2] : []), 4, ...(r.ipAddress !== undefined ? [10] : [])];
  const length = 5 + (r.dnsName !== undefined ? 3 + utf8Len(r.dnsName) + 1 : 0) + 5 + (r.ipAddress !== undefined ? 7 : 0);
  return {
    role: r.role,
    roleName: r.roleName,
    length,
    layout: tags.join(','),
    ...(r.dnsName !== undefined && { dnsName: r.dnsName }),
    ...(r.ipAddress !== undefined && { ipAddress: r.ipAddress }),
    emptied: true,
  };
}

interface HeaderInputs {
  kind: HeaderExpect['kind'];
  layout: LayoutName;
  signerVersion?: string;
  version?: string;
  signer: { name: string; serialNumber: string; issuerName: string };
  digest: DigestName;
  signatureLength: number;
  filename: string;
  timestamp: number;
  records?: RecordExpect[];
  payload?: Uint8Array;
}

/** Header size and layout by format.md §3.1-§3.3: every element, then 0x0D to a multiple of 4. */
function headerExpect(h: HeaderInputs): HeaderExpect {
  const signerInfo = 3 + (3 + utf8Len(h.signer.name) + 1) + (3 + h.signer.serialNumber.length / 2) + (3 + utf8Len(h.signer.issuerName) + 1);
  const beforeSig = 5 + 5 + (h.signerVersion ? 5 : 0) + signerInfo + 18;
  const unpadded = beforeSig + 3 + h.signatureLength + (3 + utf8Len(h.filename) + 1) + 7;
  const padding = (4 - (unpadded % 4)) % 4;
  const info = h.layout === 'cucm' ? '4,5,6' : '4,6,5';
  const headerLayout = ['1,2', ...(h.signerVersion ? ['28'] : []), `3{${info}},7{8,9{10,11}},12,14,15`, ...Array<string>(padding).fill('13')].join(',');
  const headerLength = unpadded + padding;
  const body = h.records ? h.records.reduce((n, r) => n + r.length, 0) : h.payload!.length;
  return {
    kind: h.kind,
    headerLength,
    headerLayout,
    padding,
    version: h.version ?? '1.2',
    ...(h.signerVersion && { signerVersion: h.signerVersion }),
    signer: h.signer,
    digest: h.digest,
    signatureAlgorithm: 0,
    modulusCode: MODULUS_CODE[h.signatureLength]!,
    signatureLength: h.signatureLength,
    signatureOffset: beforeSig,
    signedBytes: headerLength + body - 3 - h.signatureLength,
    filename: h.filename,
    timestamp: h.timestamp,
    ...(h.records && { recordCount: h.records.length, roles: h.records.map((r) => r.roleName), records: h.records }),
    ...(h.payload && { payloadLength: h.payload.length, payloadSha256: sha256(h.payload) }),
  };
}

// ---------------------------------------------------------------------------------------------
// The script's own header walker (format.md §2): checks the library's bytes against the arithmetic
// ---------------------------------------------------------------------------------------------

interface Walked {
  headerLength: number;
  layout: string;
  /** Offset and value offset of each top-level or nested element, by tag (first occurrence). */
  at: Map<number, { offset: number; length: number }>;
  recordLengths: number[];
}

function walk(b: Uint8Array, withRecords: boolean): Walked {
  const headerLength = (b[8]! << 8) | b[9]!;
  const at = new Map<number, { offset: number; length: number }>();
  const walkRange = (from: number, to: number): string => {
    const out: string[] = [];
    let p = from;
    while (p < to) {
      const tag = b[p]!;
      if (tag === 13) {
        out.push('13');
        p += 1;
        continue;
      }
      const length = (b[p + 1]! << 8) | b[p + 2]!;
      if (!at.has(tag)) at.set(tag, { offset: p, length });
      if (tag === 3 || tag === 7 || tag === 9) out.push(`${tag}{${walkRange(p + 3, p + 3 + length)}}`);
      else out.push(String(tag));
      p += 3 + length;
    }
    if (p !== to) throw new Error(`walker: element overruns at ${p}`);
    return out.join(',');
  };
  const layout = walkRange(0, headerLength);
  const recordLengths: number[] = [];
  if (withRecords) {
    for (let p = headerLength; p < b.length; ) {
      if (b[p] !== 1) throw new Error(`walker: record at ${p} does not start with tag 1`);
      const len = (b[p + 3]! << 8) | b[p + 4]!;
      recordLengths.push(len);
      p += len;
    }
  }
  return { headerLength, layout, at, recordLengths };
}

function check(file: string, bytes: Uint8Array, e: HeaderExpect): void {
  const w = walk(bytes, e.kind !== 'SGN');
  const facts = {
    headerLength: w.headerLength,
    headerLayout: w.layout,
    signatureOffset: w.at.get(12)?.offset,
    signatureLength: w.at.get(12)?.length,
    size: bytes.length,
    ...(e.records && { recordLengths: w.recordLengths }),
  };
  const wanted = {
    headerLength: e.headerLength,
    headerLayout: e.headerLayout,
    signatureOffset: e.signatureOffset,
    signatureLength: e.signatureLength,
    size: e.signedBytes + 3 + e.signatureLength,
    ...(e.records && { recordLengths: e.records.map((r) => r.length) }),
  };
  if (JSON.stringify(facts) !== JSON.stringify(wanted)) {
    throw new Error(`${file}: the bytes disagree with format.md arithmetic:\n  bytes ${JSON.stringify(facts)}\n  expect ${JSON.stringify(wanted)}`);
  }
}

/** Flip bits of the value byte of the first header element with `tag` (its walker offset + 3 + index). */
function patchHeaderValue(bytes: Uint8Array, tag: number, index: number, value: number): Uint8Array {
  const out = bytes.slice();
  const el = walk(out, true).at.get(tag);
  if (!el) throw new Error(`no header tag ${tag}`);
  out[el.offset + 3 + index] = value;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The vectors
// ---------------------------------------------------------------------------------------------

interface Rec {
  stem: string;
  roles: string[];
  dnsName?: string;
  ipAddress?: string;
}

/** The realistic cluster-A ITL (CUCM 12+ style: signed by ITLRecovery), TEST-NET-1 addresses. */
const DEMO_RECORDS: Rec[] = [
  { stem: 'rsa2048-a', roles: ['SAST'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' }, // ITLRecovery
  { stem: 'rsa1024-a', roles: ['SAST', 'TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' }, // CallManager: one record per role
  { stem: 'rsa4096-a', roles: ['CAPF'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
  { stem: 'leaf-a', roles: ['TVS'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' }, // a CA-signed certificate: issuer != subject
  { stem: 'ec384-a', roles: ['TVS'], dnsName: 'test-a-sub1', ipAddress: '192.0.2.11' }, // an EC certificate as a record
];

const MIN_RECORDS: Rec[] = [{ stem: 'rsa1024-a', roles: ['SAST'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' }];

export async function makeSignedVectors(options: { subtle?: SubtleCrypto } = {}): Promise<GeneratedVectors> {
  const subtle = options.subtle;
  const signers = new Map<string, Signer>();
  const signer = async (stem: string): Promise<Signer> => {
    let s = signers.get(stem);
    if (!s) {
      const dir = join(ROOT, KEYS);
      s = await loadSigner(readFileSync(join(dir, `${stem}.cert.pem`)), readFileSync(join(dir, `${stem}.key.pem`)), { ...(subtle && { subtle }) });
      signers.set(stem, s);
    }
    return s;
  };
  const files = new Map<string, Uint8Array>();
  const vectors: SignedVectorEntry[] = [];
  const bytesOf = (name: string): Uint8Array => {
    const b = files.get(name);
    if (!b) throw new Error(`vector ${name} is made later`);
    return b;
  };
  const add = (name: string, bytes: Uint8Array, entry: Omit<SignedVectorEntry, 'file' | 'source' | 'size' | 'sha256'>): void => {
    if (files.has(name)) throw new Error(`duplicate vector ${name}`);
    check(name, bytes, entry.expect);
    files.set(name, bytes);
    vectors.push({ file: `signed/${name}`, source: SOURCE, description: entry.description, kind: entry.kind, size: bytes.length, sha256: sha256(bytes), build: entry.build, expect: entry.expect, signature: entry.signature, ...(entry.verifyWith && { verifyWith: entry.verifyWith }) });
  };

  const signerFields = (stem: string, layout: LayoutName) => {
    const c = cert(stem);
    return layout === 'cucm'
      ? { name: c.cucm, serialNumber: c.serial, issuerName: c.issuerCucm }
      : { name: c.certutils, serialNumber: c.serial, issuerName: c.issuerCertutils };
  };
  const sigLen = (stem: string): number => cert(stem).rsaBits! / 8;

  interface TrustListVector {
    name: string;
    description: string;
    kind: 'ITL' | 'CTL';
    signer: string;
    records: Rec[];
    digest: DigestName;
    layout: LayoutName;
    timestamp: number;
    filename?: string;
    signerVersion?: string;
    allowSignerWithoutSast?: boolean;
    signature?: SignatureExpect;
    verifyWith?: SignatureExpect[];
  }
  const recordExpects = (v: { records: Rec[]; layout: LayoutName }): RecordExpect[] =>
    v.records.flatMap((r) => r.roles.map((role) => fullRecord(r.stem, role, v.layout, r.dnsName, r.ipAddress)));
  const signerIndex = (records: RecordExpect[], stem: string): number => records.findIndex((r) => r.role === 0 && r.certificate === cert(stem).path);

  const trustList = async (v: TrustListVector): Promise<void> => {
    const s = await signer(v.signer);
    const specs: RecordSpec[] = v.records.map((r) => ({
      certificate: parseCertificate(readFileSync(join(ROOT, KEYS, `${r.stem}.cert.pem`))),
      roles: r.roles,
      ...(r.dnsName !== undefined && { dnsName: r.dnsName }),
      ...(r.ipAddress !== undefined && { ipAddress: r.ipAddress }),
    }));
    const opts: BuildOptions = {
      kind: v.kind,
      signer: s,
      records: specs,
      digest: v.digest,
      timestamp: v.timestamp,
      layout: v.layout,
      ...(v.filename !== undefined && { filename: v.filename }),
      ...(v.signerVersion !== undefined && { signerVersion: v.signerVersion }),
      ...(v.allowSignerWithoutSast && { allowSignerWithoutSast: true }),
      ...(subtle && { subtle }),
    };
    const bytes = await buildTrustList(opts);
    const records = recordExpects(v);
    const signerVersion = v.signerVersion ?? (v.layout === 'certutils' ? '1.0' : undefined);
    const expect = headerExpect({
      kind: v.kind,
      layout: v.layout,
      ...(signerVersion && { signerVersion }),
      signer: signerFields(v.signer, v.layout),
      digest: v.digest,
      signatureLength: sigLen(v.signer),
      filename: v.filename ?? `${v.kind}File.tlv`,
      timestamp: v.timestamp,
      records,
    });
    add(v.name, bytes, {
      description: v.description,
      kind: v.kind,
      build: {
        api: 'buildTrustList',
        signer: cert(v.signer).path,
        layout: v.layout,
        digest: v.digest,
        timestamp: v.timestamp,
        records: v.records.map((r) => ({ certificate: cert(r.stem).path, roles: r.roles, ...(r.dnsName && { dnsName: r.dnsName }), ...(r.ipAddress && { ipAddress: r.ipAddress }) })),
        ...(v.filename && { filename: v.filename }),
        ...(v.signerVersion && { signerVersion: v.signerVersion }),
        ...(v.allowSignerWithoutSast && { allowSignerWithoutSast: true }),
      },
      expect,
      signature: v.signature ?? { valid: true, signer: cert(v.signer).path, digest: v.digest, source: 'file', recordIndex: signerIndex(records, v.signer) },
      ...(v.verifyWith && { verifyWith: v.verifyWith }),
    });
  };

  const DEMO = 'itl-rsa2048-sha1.tlv';
  const A2048 = cert('rsa2048-a').path;
  const A1024 = cert('rsa1024-a').path;
  const B2048 = cert('rsa2048-b').path;
  const T = BASE_TIMESTAMP;

  // --- the demo ITL (npm start inspects it) --------------------------------------------------
  await trustList({
    name: DEMO,
    description:
      'The demo ITL (`npm start`): cluster A in CUCM 12+ style, signed by ITLRecovery (RSA 2048, serial with the high bit set) with SHA-1. Records: SAST ITLRecovery, SAST + TFTP CallManager (one certificate, two roles = two records), CAPF (RSA 4096), TVS (CA-signed RSA 2048) and TVS (EC P-384) on a subscriber. CUCM layout, short DNS names, TEST-NET-1 addresses.',
    kind: 'ITL',
    signer: 'rsa2048-a',
    records: DEMO_RECORDS,
    digest: 'sha1',
    layout: 'cucm',
    timestamp: T,
    verifyWith: [
      { with: { certificate: A2048 }, valid: true, source: 'certificate' },
      { with: { trustList: `signed/${DEMO}` }, valid: true, source: 'trust-list', recordIndex: 0 },
      { with: { certificate: B2048 }, valid: false, reason: 'SIGNATURE_MISMATCH' },
      // A 1024-bit key cannot have made a 256-byte signature.
      { with: { certificate: A1024 }, valid: false, reason: 'MODULUS_MISMATCH' },
    ],
  });

  // --- small RSA 1024 ITLs, one per digest (tamper and openssl tests) -------------------------
  for (const [digest, offset] of [['sha1', 1], ['sha256', 2], ['sha512', 3]] as const) {
    await trustList({
      name: `itl-rsa1024-${digest}-min.tlv`,
      description: `Smallest signed ITL: one SAST record (CallManager, RSA 1024), ${DIGEST_LABEL[digest]}, CUCM layout. Used for exhaustive tamper tests and the openssl cross-check.`,
      kind: 'ITL',
      signer: 'rsa1024-a',
      records: MIN_RECORDS,
      digest,
      layout: 'cucm',
      timestamp: T + offset,
    });
  }

  // --- CTLs ---------------------------------------------------------------------------------
  await trustList({
    name: 'ctl-rsa1024-sha1.tlv',
    description: 'Tokenless CTL (CUCM 10.x style): signed with SHA-1 by the publisher CallManager key (RSA 1024), which is both SAST and CCM+TFTP; ITLRecovery as second SAST; CAPF.',
    kind: 'CTL',
    signer: 'rsa1024-a',
    records: [
      { stem: 'rsa1024-a', roles: ['SAST', 'CCM+TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { stem: 'rsa4096-a', roles: ['CAPF'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { stem: 'rsa2048-a', roles: ['SAST'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
    ],
    digest: 'sha1',
    layout: 'cucm',
    timestamp: T + 10,
  });
  await trustList({
    name: 'ctl-rsa1024-sha512-certutils.tlv',
    description: 'CTL in the certutils layout (header 1,2,28,3{4,6,5}; records 1,3,5,6,4,7,8,9; names `,`-joined in DER order; signer version 1.0 by default), SHA-512, RSA 1024 signer.',
    kind: 'CTL',
    signer: 'rsa1024-a',
    records: [
      { stem: 'rsa1024-a', roles: ['SAST', 'CCM+TFTP'] },
      { stem: 'rsa4096-a', roles: ['CAPF'] },
    ],
    digest: 'sha512',
    layout: 'certutils',
    timestamp: T + 11,
  });

  // --- other signers, digests, layouts and signer versions ------------------------------------
  await trustList({
    name: 'itl-rsa4096-sha256.tlv',
    description: 'ITL signed with SHA-256 by an RSA 4096 SAST (512-byte signature, modulus code 3); TFTP CallManager; an EC P-256 certificate as APP-SERVER.',
    kind: 'ITL',
    signer: 'rsa4096-a',
    records: [
      { stem: 'rsa4096-a', roles: ['SAST'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { stem: 'rsa1024-a', roles: ['TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { stem: 'ec256-b', roles: ['APP-SERVER'], dnsName: 'apps', ipAddress: '192.0.2.20' },
    ],
    digest: 'sha256',
    layout: 'cucm',
    timestamp: T + 20,
  });
  await trustList({
    name: 'itl-rsa2048-sha1-certutils.tlv',
    description: 'ITL as certutils builds it (compare format.md Appendix B): SHA-1, RSA 2048 SAST whose serial has the high bit set (stored without the sign byte), CCM, two APP-SERVER certificates; signer version 1.0; no DNS names or IPs.',
    kind: 'ITL',
    signer: 'rsa2048-a',
    records: [
      { stem: 'rsa2048-a', roles: ['SAST'] },
      { stem: 'rsa1024-a', roles: ['CCM'] },
      { stem: 'leaf-a', roles: ['APP-SERVER'] },
      { stem: 'ca-a', roles: ['APP-SERVER'] },
    ],
    digest: 'sha1',
    layout: 'certutils',
    timestamp: T + 21,
  });
  await trustList({
    name: 'itl-rsa2048-sha512-certutils-v1.1.tlv',
    description: 'certutils layout with SIGNER_VERSION 1.1 (what certutils needs for an EC certificate in the TFTP role, format.md §3.1), SHA-512: SAST RSA 2048, TFTP EC P-256, APP-SERVER EC P-384.',
    kind: 'ITL',
    signer: 'rsa2048-a',
    records: [
      { stem: 'rsa2048-a', roles: ['SAST'] },
      { stem: 'ec256-b', roles: ['TFTP'] },
      { stem: 'ec384-a', roles: ['APP-SERVER'] },
    ],
    digest: 'sha512',
    layout: 'certutils',
    signerVersion: '1.1',
    timestamp: T + 22,
  });
  await trustList({
    name: 'ITLSEP001122334455.tlv',
    description: 'A per-device ITL (served as ITLSEP001122334455.tlv) whose header FILENAME stays ITLFile.tlv (format.md §6.3): the cluster anchors plus an extra APP-SERVER certificate for that phone.',
    kind: 'ITL',
    signer: 'rsa2048-a',
    records: [
      { stem: 'rsa2048-a', roles: ['SAST'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { stem: 'rsa1024-a', roles: ['SAST', 'TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { stem: 'leaf-a', roles: ['APP-SERVER'], dnsName: 'apps', ipAddress: '192.0.2.20' },
    ],
    digest: 'sha1',
    layout: 'cucm',
    filename: 'ITLFile.tlv',
    timestamp: T + 23,
  });

  const demo = decodeTrustList(bytesOf(DEMO));
  const demoRecords = recordExpects({ records: DEMO_RECORDS, layout: 'cucm' });

  // --- signed configuration files (.sgn) -------------------------------------------------------
  const sgn = async (name: string, filename: string, payload: Uint8Array, stem: string, digest: DigestName, timestamp: number, description: string): Promise<void> => {
    const bytes = await signFile(payload, await signer(stem), { filename, digest, timestamp, ...(subtle && { subtle }) });
    add(name, bytes, {
      description,
      kind: 'SGN',
      build: { api: 'signFile', signer: cert(stem).path, digest, timestamp, filename },
      expect: headerExpect({ kind: 'SGN', layout: 'cucm', version: '1.0', signer: signerFields(stem, 'cucm'), digest, signatureLength: sigLen(stem), filename, timestamp, payload }),
      // The TFTP record of the demo ITL (index 2) is what a phone checks a config against.
      signature: { valid: true, signer: cert(stem).path, digest, source: 'trust-list', recordIndex: 2, with: { trustList: `signed/${DEMO}` } },
      verifyWith: [
        { with: { certificate: cert(stem).path }, valid: true, source: 'certificate' },
        { with: { trustList: 'signed/ctl-rsa1024-sha1.tlv' }, valid: true, source: 'trust-list', recordIndex: 1 },
        { with: { trustList: 'signed/itl-rsa1024-sha1-min.tlv' }, valid: false, reason: 'SIGNER_NOT_SAST' },
        { with: { trustList: 'signed/itl-rsa1024-sha1-min.tlv', roles: [0] }, valid: true, source: 'trust-list', recordIndex: 0 },
        // That list names the same certificate in certutils style: the header's CUCM-style issuer does not match it.
        { with: { trustList: 'signed/itl-rsa2048-sha1-certutils.tlv' }, valid: false, reason: 'SIGNER_NOT_FOUND' },
        { with: {}, valid: false, reason: 'SIGNER_NOT_FOUND' },
      ],
    });
  };
  const config = new TextEncoder().encode(
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<device>',
      '  <!-- TEST ONLY: itl-codec signed-file vector -->',
      '  <deviceProtocol>SIP</deviceProtocol>',
      '  <devicePool><callManagerGroup><members><member priority="0"><callManager>',
      '    <processNodeName>192.0.2.10</processNodeName>',
      '  </callManager></member></members></callManagerGroup></devicePool>',
      '  <loadInformation>sip88xx.14-2-1-0001-14</loadInformation>',
      '</device>',
      '',
    ].join('\n'),
  );
  await sgn('SEP001122334455.cnf.xml.sgn', 'SEP001122334455.cnf.xml.sgn', config, 'rsa1024-a', 'sha1', T + 30, 'A signed phone configuration (.sgn, header version 1.0) signed with SHA-1 by the CallManager key, which is the TFTP record of the demo ITL.');
  const tones = new TextEncoder().encode('<tones>\n  <!-- TEST ONLY -->\n  <tone name="dial" frequencies="400,450" cadence="continuous"/>\n</tones>\n');
  await sgn('New_Zealand-g3-tones.xml.sgn', 'New_Zealand/g3-tones.xml.sgn', tones, 'rsa1024-a', 'sha512', T + 31, 'A signed static file whose FILENAME has a path (format.md §8), SHA-512.');

  // --- rollback and re-signed ITLs -----------------------------------------------------------
  const rollbackTs = T + 40;
  const rollback = await buildRollbackItl({ from: bytesOf(DEMO), signer: await signer('rsa2048-a'), timestamp: rollbackTs, ...(subtle && { subtle }) });
  const rollbackRecords = demoRecords.map((r) => ([3, 2, 21].includes(r.role) ? emptiedRecord(r) : r));
  add('itl-rollback-rsa2048-sha1.tlv', rollback, {
    description:
      'Blank rollback ITL (format.md §7.4 defaults) built from the demo ITL and signed by the ITLRecovery key the phones hold: SAST and CAPF records kept byte for byte, TFTP and TVS records emptied to role + DNS name + IP; header signer fields copied from the installed SAST record.',
    kind: 'ITL',
    build: { api: 'buildRollbackItl', from: `signed/${DEMO}`, signer: A2048, timestamp: rollbackTs },
    expect: headerExpect({ kind: 'ITL', layout: 'cucm', signer: signerFields('rsa2048-a', 'cucm'), digest: 'sha1', signatureLength: 256, filename: 'ITLFile.tlv', timestamp: rollbackTs, records: rollbackRecords }),
    signature: { valid: true, signer: A2048, digest: 'sha1', source: 'file', recordIndex: 0 },
    verifyWith: [{ with: { trustList: `signed/${DEMO}` }, valid: true, source: 'trust-list', recordIndex: 0 }],
  });

  const resignTs = T + 50;
  const resigned = await resignTrustList(bytesOf(DEMO), await signer('rsa1024-a'), { timestamp: resignTs, ...(subtle && { subtle }) });
  add('itl-resigned-rsa1024-sha1.tlv', resigned, {
    description:
      'The demo ITL re-signed by the CallManager key (`utils itl reset localkey`, format.md §7.5): records byte for byte, header signer fields copied from its SAST record, digest kept (SHA-1), new timestamp.',
    kind: 'ITL',
    build: { api: 'resignTrustList', from: `signed/${DEMO}`, signer: A1024, timestamp: resignTs },
    expect: headerExpect({ kind: 'ITL', layout: 'cucm', signer: signerFields('rsa1024-a', 'cucm'), digest: 'sha1', signatureLength: 128, filename: 'ITLFile.tlv', timestamp: resignTs, records: demoRecords }),
    signature: { valid: true, signer: A1024, digest: 'sha1', source: 'file', recordIndex: 1 },
    verifyWith: [
      { with: { trustList: `signed/${DEMO}` }, valid: true, source: 'trust-list', recordIndex: 1 },
      // Names are compared as stored: that list writes the CallManager issuer certutils-style, so nothing matches.
      { with: { trustList: 'signed/itl-rsa2048-sha1-certutils.tlv' }, valid: false, reason: 'SIGNER_NOT_FOUND' },
      { with: { trustList: 'signed/invalid-itl-signer-not-sast.tlv' }, valid: false, reason: 'SIGNER_NOT_SAST' },
    ],
  });

  // --- deliberately invalid signatures ---------------------------------------------------------
  const demoExpect = (over: Partial<HeaderInputs>): HeaderExpect =>
    headerExpect({ kind: 'ITL', layout: 'cucm', signer: signerFields('rsa2048-a', 'cucm'), digest: 'sha1', signatureLength: 256, filename: 'ITLFile.tlv', timestamp: T, records: demoRecords, ...over });

  {
    // One byte of a record flipped after signing: the last IP byte of the CAPF record (192.0.2.10 -> .11).
    const bytes = bytesOf(DEMO).slice();
    const w = walk(bytes, true);
    let p = w.headerLength;
    for (let i = 0; i < 3; i++) p += w.recordLengths[i]!; // record 4 = CAPF
    const last = p + w.recordLengths[3]! - 1;
    bytes[last] = bytes[last]! ^ 0x01;
    const records = demoRecords.map((r, i) => (i === 3 ? { ...r, ipAddress: '192.0.2.11' } : r));
    add('invalid-itl-record-byte-flipped.tlv', bytes, {
      description: `The demo ITL with one byte changed after signing: the last byte of the CAPF record's IP (offset ${last}, 192.0.2.10 -> 192.0.2.11). Decodes; the signature must not verify.`,
      kind: 'ITL',
      build: { api: 'buildTrustList', from: `signed/${DEMO}`, patch: { offset: last, xor: 1 } },
      expect: demoExpect({ records }),
      signature: { valid: false, reason: 'SIGNATURE_MISMATCH', source: 'file', recordIndex: 0 },
    });
  }
  {
    // Header names ITLRecovery A (a SAST record of the file), but the key is cluster B's.
    const bytes = await resignTrustList(bytesOf(DEMO), await signer('rsa2048-b'), { signerInfo: demo.header.signer!, timestamp: T + 60, ...(subtle && { subtle }) });
    add('invalid-itl-wrong-key.tlv', bytes, {
      description:
        "The demo ITL signed by cluster B's ITLRecovery key (resignTrustList with signerInfo copied from the demo header), so the header names A's ITLRecovery, a SAST record of the file, while the signature is B's.",
      kind: 'ITL',
      build: { api: 'resignTrustList', from: `signed/${DEMO}`, signer: B2048, signerInfo: 'copied from the demo header', timestamp: T + 60 },
      expect: demoExpect({ timestamp: T + 60 }),
      signature: { valid: false, reason: 'SIGNATURE_MISMATCH', source: 'file', recordIndex: 0 },
      verifyWith: [
        { with: { certificate: B2048 }, valid: true, source: 'certificate' },
        { with: { certificate: A2048 }, valid: false, reason: 'SIGNATURE_MISMATCH' },
        { with: { trustList: `signed/${DEMO}` }, valid: false, reason: 'SIGNATURE_MISMATCH' },
      ],
    });
  }
  {
    // Re-signed by a key the file does not list: the header names B.
    const bytes = await resignTrustList(bytesOf(DEMO), await signer('rsa2048-b'), { timestamp: T + 61, ...(subtle && { subtle }) });
    add('invalid-itl-signer-not-found.tlv', bytes, {
      description: "The demo ITL re-signed by cluster B's ITLRecovery key, which no record of the file (or of the demo ITL a phone holds) lists. The signature itself is good: it verifies with B's certificate.",
      kind: 'ITL',
      build: { api: 'resignTrustList', from: `signed/${DEMO}`, signer: B2048, timestamp: T + 61 },
      expect: demoExpect({ signer: signerFields('rsa2048-b', 'cucm'), timestamp: T + 61 }),
      signature: { valid: false, reason: 'SIGNER_NOT_FOUND' },
      verifyWith: [
        { with: { certificate: B2048 }, valid: true, source: 'certificate' },
        { with: { trustList: `signed/${DEMO}` }, valid: false, reason: 'SIGNER_NOT_FOUND' },
      ],
    });
  }
  await trustList({
    name: 'invalid-itl-signer-not-sast.tlv',
    description: 'Signed by the CallManager key, which the file lists only as TFTP (built with allowSignerWithoutSast): SIGNER_NOT_SAST by default, valid when the TFTP role is allowed.',
    kind: 'ITL',
    signer: 'rsa1024-a',
    records: [
      { stem: 'rsa2048-a', roles: ['SAST'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
      { stem: 'rsa1024-a', roles: ['TFTP'], dnsName: 'test-a-pub', ipAddress: '192.0.2.10' },
    ],
    digest: 'sha1',
    layout: 'cucm',
    allowSignerWithoutSast: true,
    timestamp: T + 62,
    signature: { valid: false, reason: 'SIGNER_NOT_SAST' },
    verifyWith: [
      { with: { roles: [3] }, valid: true, source: 'file', recordIndex: 1 },
      { with: { roles: [0, 3] }, valid: true, source: 'file', recordIndex: 1 },
      { with: { certificate: A1024 }, valid: true, source: 'certificate' },
    ],
  });
  {
    const min = 'itl-rsa1024-sha1-min.tlv';
    const minExpect = (over: Partial<HeaderInputs>): HeaderExpect =>
      headerExpect({ kind: 'ITL', layout: 'cucm', signer: signerFields('rsa1024-a', 'cucm'), digest: 'sha1', signatureLength: 128, filename: 'ITLFile.tlv', timestamp: T + 1, records: recordExpects({ records: MIN_RECORDS, layout: 'cucm' }), ...over });
    const modulus = patchHeaderValue(bytesOf(min), 11, 0, 2);
    add('invalid-itl-modulus-code.tlv', modulus, {
      description: `${min} with SIGNATURE_MODULUS patched from 1 (128 bytes) to 2 (256 bytes) after signing; the signature is still 128 bytes.`,
      kind: 'ITL',
      build: { api: 'buildTrustList', from: `signed/${min}`, patch: { tag: 11, value: 2 } },
      expect: { ...minExpect({}), modulusCode: 2 },
      signature: { valid: false, reason: 'MODULUS_MISMATCH' },
    });
    const digest = patchHeaderValue(bytesOf(min), 8, 0, 2);
    add('invalid-itl-digest-code.tlv', digest, {
      description: `${min} with DIGEST_ALGORITHM patched from 1 (SHA-1) to 2 (SHA-256) after signing: the file claims another digest than the one signed.`,
      kind: 'ITL',
      build: { api: 'buildTrustList', from: `signed/${min}`, patch: { tag: 8, value: 2 } },
      expect: minExpect({ digest: 'sha256' }),
      signature: { valid: false, reason: 'SIGNATURE_MISMATCH', source: 'file', recordIndex: 0 },
    });
  }

  return {
    files,
    manifest: {
      description:
        'Signed test vectors for itl-codec, made with its public API from the TEST ONLY keys in vectors/keys (never use them on a real cluster or phone). Each entry: file (relative to vectors/), expect (what decodeTrustList / decodeSignedFile must give; from the inputs and format.md arithmetic, not from the library), signature (what verifyTrustList(bytes) must return; for .sgn verifySignedFile(bytes, with)), verifyWith (more verifications with options; certificate paths are relative to the package root, trustList paths to vectors/). Regenerate: npm run vectors:signed.',
      refused: [
        { what: 'buildTrustList with an EC signer (vectors/keys/ec256-a.cert.pem): trust lists are signed with RSA only (format.md §5)', error: 'ERR_SIGNER' },
        { what: 'an RSA signer whose modulus is not 512, 1024, 2048 or 4096 bits (no SIGNATURE_MODULUS code)', error: 'ERR_SIGNER' },
      ],
      vectors,
    },
  };
}

// ---------------------------------------------------------------------------------------------

/** Writes `generated` under `root`/signed/, removing vectors that are no longer made. */
export function writeSignedVectors(generated: GeneratedVectors, root: string): string {
  const dir = join(root, 'signed');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if ((f.endsWith('.tlv') || f.endsWith('.sgn')) && !generated.files.has(f)) unlinkSync(join(dir, f));
  for (const [name, bytes] of generated.files) writeFileSync(join(dir, name), bytes);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(generated.manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'README.md'), readme(generated.manifest));
  return dir;
}

/** vectors/signed/README.md: the vector list, generated so it cannot drift from the manifest. */
export function readme(m: SignedManifest): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = m.vectors.map((v) => {
    const e = v.expect;
    const what = `${v.kind}, ${DIGEST_LABEL[e.digest]}, RSA ${e.signatureLength * 8}${e.signerVersion ? `, signer version ${e.signerVersion}` : ''}${e.roles ? `, ${e.roles.join(' + ')}` : ''}`;
    const result = v.signature.valid ? 'valid' : `\`${v.signature.reason}\``;
    return `| \`${v.file.replace(/^signed\//, '')}\` | ${v.size} | ${cell(what)} | ${result} | ${cell(v.description)} |`;
  });
  return [
    '# Signed test vectors (TEST ONLY)',
    '',
    '**Every key that signed these files is public (vectors/keys/). Never put these files on a real CUCM',
    'cluster or phone.**',
    '',
    'Made by [`scripts/make-signed-vectors.ts`](../../scripts/make-signed-vectors.ts) with the public API',
    '(`buildTrustList`, `signFile`, `resignTrustList`, `buildRollbackItl`) at fixed timestamps, so',
    '`npm run vectors:signed` changes no byte (test/signing/vectors.test.ts checks it). What each file must',
    'decode to and how it must verify is in [`manifest.json`](manifest.json); those expectations come from',
    "the generator's inputs, node:crypto and format.md's length arithmetic, not from the library.",
    '',
    'This file is generated too.',
    '',
    '| file | bytes | what | verifyTrustList / verifySignedFile | notes |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    'Refused on purpose (no vector; tested in test/signing/errors.test.ts):',
    '',
    ...m.refused.map((r) => `- ${r.what}: \`${r.error}\``),
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const i = argv.indexOf('--out');
  const root = i >= 0 ? resolve(argv[i + 1] ?? '') : join(ROOT, 'vectors');
  if (i >= 0 && !argv[i + 1]) throw new Error('usage: make-signed-vectors.ts [--out DIR]');
  if (!existsSync(join(ROOT, KEYS))) throw new Error(`missing ${KEYS}`);
  const generated = await makeSignedVectors();
  const dir = writeSignedVectors(generated, root);
  const invalid = generated.manifest.vectors.filter((v) => !v.signature.valid).length;
  console.log(`wrote ${generated.files.size} signed vectors (${invalid} with an invalid signature), manifest.json and README.md to ${dir}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main(process.argv.slice(2));
