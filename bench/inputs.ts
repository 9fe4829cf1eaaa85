/**
 * Benchmark inputs, built with the public API from the TEST ONLY keys in vectors/keys/ and a
 * fixed timestamp, so every run measures the same bytes.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RecordSpec, TrustList } from '../src/index.js';
import type { LoadedSigner, ParsedCertificate } from '../src/x509/index.js';
import { core, x509 } from './dist.js';

const { buildTrustList, decodeTrustList } = core;
const { loadSigner, parseCertificate } = x509;

const KEYS = fileURLToPath(new URL('../vectors/keys/', import.meta.url));
/** 2024-01-01T00:00:00Z: fixed, so the inputs (and their signatures) are the same every run. */
export const TIMESTAMP = 1_704_067_200;

export const read = (name: string): Uint8Array => new Uint8Array(readFileSync(KEYS + name));
export const cert = (stem: string): ParsedCertificate => parseCertificate(read(`${stem}.cert.der`));

export interface Inputs {
  /** RSA 2048 ITLRecovery-style signer (rsa2048-a). */
  signer: LoadedSigner;
  /** The same identity with a WebCrypto key already imported for SHA-1 signing. */
  signerCryptoKey: CryptoKey;
  certs: Record<string, ParsedCertificate>;
  files: { small: Uint8Array; typical: Uint8Array; large: Uint8Array };
  lists: { small: TrustList; typical: TrustList; large: TrustList };
}

export async function buildInputs(): Promise<Inputs> {
  const signer = await loadSigner(read('rsa2048-a.cert.der'), read('rsa2048-a.key.pem'));
  const signerCryptoKey = await crypto.subtle.importKey('pkcs8', signer.privateKey as Uint8Array<ArrayBuffer>, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-1' }, false, ['sign']);
  const stems = ['rsa2048-a', 'rsa1024-a', 'rsa1024-b', 'rsa2048-b', 'rsa4096-a', 'leaf-a', 'ca-a', 'ec256-a', 'ec384-a'];
  const certs = Object.fromEntries(stems.map((s) => [s, cert(s)]));
  const common = { signer, timestamp: TIMESTAMP, digest: 'sha1' as const };

  // 1 record: the signer as SAST, nothing else.
  const small = await buildTrustList({ ...common, kind: 'ITL', records: [{ certificate: certs['rsa2048-a']!, role: 'SAST' }] });

  // A typical CUCM CTL: two SAST (ITLRecovery and the publisher's CallManager), two CCM+TFTP, CAPF, TFTP.
  const typical = await buildTrustList({
    ...common,
    kind: 'CTL',
    records: [
      { certificate: certs['rsa2048-a']!, role: 'SAST', dnsName: 'cucm-pub', ipAddress: '10.0.0.10' },
      { certificate: certs['rsa1024-a']!, role: 'SAST', dnsName: 'cucm-pub', ipAddress: '10.0.0.10' },
      { certificate: certs['rsa1024-a']!, role: 'CCM+TFTP', dnsName: 'cucm-pub', ipAddress: '10.0.0.10' },
      { certificate: certs['rsa1024-b']!, role: 'CCM+TFTP', dnsName: 'cucm-sub1', ipAddress: '10.0.0.11' },
      { certificate: certs['rsa4096-a']!, role: 'CAPF', dnsName: 'cucm-pub', ipAddress: '10.0.0.10' },
      { certificate: certs['leaf-a']!, role: 'TFTP', dnsName: 'cucm-tftp', ipAddress: '10.0.0.12' },
    ],
  });

  // A large ITL (~60 KB, 40+ records): a few certificates reused in many records with different
  // roles, DNS names and addresses. Fine for decode speed, which does not look inside certificates.
  const reuse = ['rsa1024-a', 'rsa1024-b', 'rsa2048-b', 'rsa4096-a', 'leaf-a', 'ca-a', 'ec256-a', 'ec384-a'];
  const roles = ['CCM+TFTP', 'TVS', 'TFTP', 'CAPF', 'APP-SERVER', 'CCM'];
  const records: RecordSpec[] = [{ certificate: certs['rsa2048-a']!, role: 'SAST', dnsName: 'cucm-pub', ipAddress: '10.0.0.10' }];
  for (let i = 0; records.length < 41; i++) {
    records.push({
      certificate: certs[reuse[i % reuse.length]!]!,
      role: roles[i % roles.length]!,
      dnsName: `cucm-node-${String(i).padStart(2, '0')}.example.invalid`,
      ipAddress: `10.0.${Math.floor(i / 200)}.${(i % 200) + 20}`,
    });
  }
  const large = await buildTrustList({ ...common, kind: 'ITL', records });

  const files = { small, typical, large };
  const lists = { small: decodeTrustList(small), typical: decodeTrustList(typical), large: decodeTrustList(large) };
  return { signer, signerCryptoKey, certs, files, lists };
}
