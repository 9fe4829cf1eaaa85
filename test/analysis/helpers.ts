/** Test helpers: trust lists built from the TEST ONLY certificates in vectors/keys. */
import { readFileSync } from 'node:fs';
import { recordFromCertificate, type TrustList, type TrustRecord } from '../../src/index.js';
import { loadSigner, parseCertificate, type LoadedSigner, type ParsedCertificate } from '../../src/x509/index.js';

const DIR = new URL('../../vectors/keys/', import.meta.url);

export type Stem = 'rsa2048-a' | 'rsa1024-a' | 'rsa4096-a' | 'ec256-a' | 'ec384-a' | 'leaf-a' | 'ca-a' | 'rsa2048-b' | 'rsa1024-b' | 'ec256-b';

const certs = new Map<string, ParsedCertificate>();

export function cert(stem: Stem): ParsedCertificate {
  let c = certs.get(stem);
  if (!c) certs.set(stem, (c = parseCertificate(new Uint8Array(readFileSync(new URL(`${stem}.cert.der`, DIR))))));
  return c;
}

export function signer(stem: Stem): Promise<LoadedSigner> {
  return loadSigner(readFileSync(new URL(`${stem}.cert.pem`, DIR), 'utf8'), readFileSync(new URL(`${stem}.key.pem`, DIR), 'utf8'));
}

/** A full CUCM-layout record for a certificate in a role. */
export function rec(stem: Stem, role: string | number, extra: { dnsName?: string; ipAddress?: string } = {}): TrustRecord {
  return recordFromCertificate(cert(stem), role, extra);
}

/** An emptied record (format.md §7.2): role, and optionally DNS name and IP. */
export function emptyRec(role: number, dnsName?: string, ipAddress?: string): TrustRecord {
  return { role, ...(dnsName !== undefined && { dnsName }), ...(ipAddress !== undefined && { ipAddress }), elements: [] };
}

export interface ModelOptions {
  signerStem?: Stem;
  kind?: 'ITL' | 'CTL';
  filename?: string;
  timestamp?: number;
  digest?: 'sha1' | 'sha256' | 'sha512';
  signerVersion?: { major: number; minor: number };
  /** Leave out the signature fields (an unsigned model). */
  unsigned?: boolean;
  modulusCode?: number;
  signatureLength?: number;
}

/**
 * A trust-list model from typed fields: header in CUCM order, naming `signerStem` (default
 * rsa2048-a) as signer, with a placeholder signature of the right size (it does not verify:
 * lint and diff do not check signatures).
 */
export function model(records: TrustRecord[], o: ModelOptions = {}): TrustList {
  const s = cert(o.signerStem ?? 'rsa2048-a');
  const sigLength = o.signatureLength ?? Math.ceil(s.keyBits / 8);
  const header: TrustList['header'] = {
    version: { major: 1, minor: 2 },
    filename: o.filename ?? (o.kind === 'CTL' ? 'CTLFile.tlv' : 'ITLFile.tlv'),
    timestamp: o.timestamp ?? 1_700_000_000,
    elements: [],
    signer: { name: s.subject.cucm, serialNumber: s.serialNumber, issuerName: s.issuer.cucm },
  };
  if (!o.unsigned) {
    header.digest = o.digest ?? 'sha1';
    header.signatureAlgorithm = 0;
    header.modulusCode = o.modulusCode ?? { 64: 0, 128: 1, 256: 2, 512: 3 }[sigLength]!;
    header.signature = Uint8Array.from({ length: sigLength }, (_, i) => (i * 31 + 7) & 0xff);
  }
  if (o.signerVersion) header.signerVersion = o.signerVersion;
  return { kind: o.kind ?? 'ITL', header, records };
}

/** A clean ITL: SAST (signer rsa2048-a), CCM+TFTP (rsa1024-a), TVS (rsa2048-b). No lint findings. */
export function cleanRecords(): TrustRecord[] {
  return [
    rec('rsa2048-a', 'SAST', { dnsName: 'cucm-a', ipAddress: '192.0.2.1' }),
    rec('rsa1024-a', 'CCM+TFTP', { dnsName: 'cucm-a', ipAddress: '192.0.2.1' }),
    rec('rsa2048-b', 'TVS', { dnsName: 'cucm-b', ipAddress: '192.0.2.2' }),
  ];
}
