/**
 * Fixtures for the trust tests: two clusters built from the TEST ONLY keys in vectors/keys
 * (README there), at fixed timestamps so every file is reproducible, plus a small independent
 * TLV walker so tests can check bytes without trusting the decoder under test.
 *
 * Cluster A (the phones' current cluster, CUCM 12+ shape, format.md §6.1):
 *   0 SAST      rsa2048-a  ITLRecovery (the ITL signer)
 *   1 SAST      rsa1024-a  CallManager (second anchor)
 *   2 CCM+TFTP  rsa1024-a  DNS "10.48.47.153", IP 10.48.47.153 (the format.md §7.2 example)
 *   3 CAPF      rsa4096-a
 *   4 TVS       ec384-a    DNS "tvs-test-a", IP 10.48.47.154
 * Cluster B (the new cluster): SAST rsa2048-b (signer), SAST rsa1024-b, TFTP rsa1024-b.
 */
import { readFileSync } from 'node:fs';
import { buildTrustList, type BuildOptions, type RecordSpec, type Signer } from '../../src/index.js';
import { loadSigner, parseCertificate, type LoadedSigner } from '../../src/x509/index.js';

const DIR = new URL('../../vectors/keys/', import.meta.url);

export function keyFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, DIR)));
}

/** 2024-01-01T00:00:00Z and later fixed instants: builds are reproducible. */
export const T0 = 1704067200;
export const T_ROLLBACK = T0 + 86400;
export const T_B = T0 + 2 * 86400;

export type Stem = 'rsa2048-a' | 'rsa1024-a' | 'rsa4096-a' | 'ec384-a' | 'rsa2048-b' | 'rsa1024-b' | 'ec256-b' | 'leaf-a';

const signerCache = new Map<string, Promise<LoadedSigner>>();
/** A signer (certificate + PKCS#8 key) loaded with the library's own x509 loader, cached. */
export function signer(stem: Stem): Promise<LoadedSigner> {
  let p = signerCache.get(stem);
  if (!p) {
    p = loadSigner(keyFile(`${stem}.cert.pem`), keyFile(`${stem}.key.pem`));
    signerCache.set(stem, p);
  }
  return p;
}

export function cert(stem: Stem) {
  return parseCertificate(keyFile(`${stem}.cert.der`));
}

export const A_CCM_DNS = '10.48.47.153';
export const A_CCM_IP = '10.48.47.153';
export const A_TVS_DNS = 'tvs-test-a';
export const A_TVS_IP = '10.48.47.154';
export const B_TFTP_DNS = 'cucm-test-b-pub';
export const B_TFTP_IP = '10.50.0.10';

export function clusterARecords(): RecordSpec[] {
  return [
    { certificate: cert('rsa2048-a'), role: 'SAST', dnsName: 'cucm-test-a-pub', ipAddress: '10.48.47.150' },
    { certificate: cert('rsa1024-a'), role: 'SAST', dnsName: 'cucm-test-a-pub', ipAddress: '10.48.47.150' },
    { certificate: cert('rsa1024-a'), role: 'CCM+TFTP', dnsName: A_CCM_DNS, ipAddress: A_CCM_IP },
    { certificate: cert('rsa4096-a'), role: 'CAPF', dnsName: 'cucm-test-a-pub', ipAddress: '10.48.47.150' },
    { certificate: cert('ec384-a'), role: 'TVS', dnsName: A_TVS_DNS, ipAddress: A_TVS_IP },
  ];
}

export function clusterBRecords(): RecordSpec[] {
  return [
    { certificate: cert('rsa2048-b'), role: 'SAST', dnsName: B_TFTP_DNS, ipAddress: B_TFTP_IP },
    { certificate: cert('rsa1024-b'), role: 'SAST', dnsName: B_TFTP_DNS, ipAddress: B_TFTP_IP },
    { certificate: cert('rsa1024-b'), role: 'TFTP', dnsName: B_TFTP_DNS, ipAddress: B_TFTP_IP },
  ];
}

/** Build a trust list; `signer` is a stem. */
export async function build(stem: Stem, records: RecordSpec[], extra: Partial<BuildOptions> = {}): Promise<Uint8Array> {
  return buildTrustList({ signer: await signer(stem), records, timestamp: T0, ...extra });
}

const memo = new Map<string, Promise<Uint8Array>>();
/** Build once per test file: RSA signing is slow, and the same lists serve many tests. */
export function once(key: string, make: () => Promise<Uint8Array>): Promise<Uint8Array> {
  let p = memo.get(key);
  if (!p) {
    p = make();
    memo.set(key, p);
  }
  return p;
}

/** Cluster A's ITL, signed by A's ITLRecovery (rsa2048-a). */
export const itlA = () => once('itlA', () => build('rsa2048-a', clusterARecords()));
/** Cluster A's ITL without TVS records: an unknown signer is simply rejected. */
export const itlANoTvs = () => once('itlANoTvs', () => build('rsa2048-a', clusterARecords().filter((r) => r.role !== 'TVS')));
/**
 * A CUCM 8-like ITL of cluster A: the CallManager certificate only as CCM+TFTP (not SAST), no TVS.
 * Signed by ITLRecovery. Used to tell the `sast` and `sast+tftp` anchor rules apart.
 */
export const itlATftpOnly = () =>
  once('itlATftpOnly', () => build('rsa2048-a', clusterARecords().filter((r, i) => i !== 1 && r.role !== 'TVS')));
/** Cluster A's CTL: SAST ITLRecovery, CCM+TFTP CallManager, CAPF. */
export const ctlA = () =>
  once('ctlA', () => build('rsa2048-a', [clusterARecords()[0]!, clusterARecords()[2]!, clusterARecords()[3]!], { kind: 'CTL' }));
/** Cluster B's ITL, signed by B's ITLRecovery (rsa2048-b). */
export const itlB = () => once('itlB', () => build('rsa2048-b', clusterBRecords(), { timestamp: T_B }));
/** Cluster B's CTL. */
export const ctlB = () => once('ctlB', () => build('rsa2048-b', clusterBRecords(), { kind: 'CTL', timestamp: T_B }));

export const CONFIG_XML = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<device><fullConfig>true</fullConfig></device>\n');
export const CONFIG_NAME = 'SEP001122334455.cnf.xml.sgn';

export async function signerOf(stem: Stem): Promise<Signer> {
  return signer(stem);
}

// ---- an independent TLV walker (format.md §2), for byte-level checks ----

export interface Tlv {
  tag: number;
  offset: number;
  /** Value bytes (empty for padding and containers: see `children`). */
  value: Uint8Array;
  /** The whole element, tag to end. */
  raw: Uint8Array;
  children?: Tlv[];
}

const CONTAINERS = new Set([3, 7, 9]);
const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;

/** The header's elements (containers 3, 7, 9 entered), and HeaderLength. */
export function headerTlvs(bytes: Uint8Array): { headerLength: number; elements: Tlv[] } {
  const headerLength = u16(bytes, 8);
  const walk = (from: number, to: number): Tlv[] => {
    const out: Tlv[] = [];
    let at = from;
    while (at < to) {
      const tag = bytes[at]!;
      if (tag === 13) {
        out.push({ tag, offset: at, value: new Uint8Array(0), raw: bytes.subarray(at, at + 1) });
        at += 1;
        continue;
      }
      const len = u16(bytes, at + 1);
      const el: Tlv = { tag, offset: at, value: bytes.subarray(at + 3, at + 3 + len), raw: bytes.subarray(at, at + 3 + len) };
      if (CONTAINERS.has(tag)) el.children = walk(at + 3, at + 3 + len);
      out.push(el);
      at += 3 + len;
    }
    if (at !== to) throw new Error(`header walk ended at ${at}, not ${to}`);
    return out;
  };
  return { headerLength, elements: walk(0, headerLength) };
}

/** Depth-first list of header elements. */
export function flatTlvs(elements: Tlv[]): Tlv[] {
  return elements.flatMap((e) => [e, ...(e.children ? flatTlvs(e.children) : [])]);
}

/** The value bytes of the first header element with `tag` (any depth). */
export function headerValue(bytes: Uint8Array, tag: number): Uint8Array | undefined {
  return flatTlvs(headerTlvs(bytes).elements).find((e) => e.tag === tag && !e.children)?.value;
}

/** Each record's raw bytes, split by RECORDLENGTH (format.md §4.2). */
export function recordSlices(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = headerTlvs(bytes).headerLength;
  while (at < bytes.length) {
    if (bytes[at] !== 1 || u16(bytes, at + 1) !== 2) throw new Error(`no RECORDLENGTH at ${at}`);
    const len = u16(bytes, at + 3);
    out.push(bytes.subarray(at, at + len));
    at += len;
  }
  return out;
}

/** The TLVs of one record (flat). */
export function recordTlvs(record: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < record.length) {
    const tag = record[at]!;
    const len = u16(record, at + 1);
    out.push({ tag, offset: at, value: record.subarray(at + 3, at + 3 + len), raw: record.subarray(at, at + 3 + len) });
    at += 3 + len;
  }
  return out;
}

export function recordValue(record: Uint8Array, tag: number): Uint8Array | undefined {
  return recordTlvs(record).find((t) => t.tag === tag)?.value;
}

export const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : undefined);
export const fromHex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
export const cstr = (s: string) => new Uint8Array([...new TextEncoder().encode(s), 0]);
