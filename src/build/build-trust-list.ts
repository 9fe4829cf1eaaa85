import { bytesEqual } from '../bytes/hex.js';
import { signTrustList } from '../crypto/sign.js';
import { ItlError } from '../errors.js';
import type { DigestName } from '../format/digests.js';
import type { Version } from '../format/fields.js';
import { ROLES } from '../format/roles.js';
import type { CertificateFields, Signer } from '../model/certificate.js';
import { toTimestamp } from '../model/time.js';
import type { TrustList, TrustListKind, TrustRecord } from '../model/types.js';
import { headerLayout, type Layout } from './layouts.js';
import { recordFromCertificate, roleCode, type RoleInput } from './record.js';

export interface RecordSpec {
  certificate: CertificateFields;
  /** One role, or several: a certificate with several roles gets one record per role. */
  role?: RoleInput;
  roles?: RoleInput[];
  dnsName?: string;
  ipAddress?: string;
}

export interface BuildOptions {
  kind?: TrustListKind;
  signer: Signer;
  records: RecordSpec[];
  /** Default SHA-1: every Cisco-made file seen uses it, and old phones know no other. */
  digest?: DigestName;
  /** TIMESTAMP. Pass it for reproducible files; default: now. */
  timestamp?: Date | number;
  /** FILENAME. Default `ITLFile.tlv` / `CTLFile.tlv`; per-device files keep the generic name (format.md §6.3). */
  filename?: string;
  /** Element order and name style: CUCM (default) or certutils. */
  layout?: Layout;
  /** SIGNER_VERSION (tag 28), e.g. `'1.1'`. certutils always writes it (default 1.0); CUCM never seen to. */
  signerVersion?: string | Version;
  /** Allow a signer that is not also a SAST record (phones could not verify a later file). Default false. */
  allowSignerWithoutSast?: boolean;
  subtle?: SubtleCrypto;
}

/** Phones accept at most two SAST records per file (format.md §4.8). */
export const MAX_SAST_RECORDS = 2;

/** The unsigned model `buildTrustList` signs: records in the given order, one per role. */
export function trustListModel(options: BuildOptions): TrustList {
  const kind = options.kind ?? 'ITL';
  const layout = options.layout ?? 'cucm';
  const records: TrustRecord[] = [];
  options.records.forEach((spec, i) => {
    const roles = [...(spec.role !== undefined ? [spec.role] : []), ...(spec.roles ?? [])];
    if (roles.length === 0) throw new ItlError('ERR_BUILD', 'a record needs a role', { path: `records[${i}]` });
    for (const role of roles) {
      roleCode(role, `records[${i}]/role`);
      records.push(recordFromCertificate(spec.certificate, role, { layout, ...pick(spec) }));
    }
  });
  const sast = records.filter((r) => r.role === ROLES.SAST);
  if (sast.length > MAX_SAST_RECORDS) throw new ItlError('ERR_BUILD', `${sast.length} SAST records; phones accept at most ${MAX_SAST_RECORDS}`, { path: 'records' });
  if (!options.allowSignerWithoutSast && !sast.some((r) => r.certificate && bytesEqual(r.certificate, options.signer.certificate.der))) {
    throw new ItlError('ERR_BUILD', 'the signer certificate is not a SAST record, so phones could not verify the next file; add it or set allowSignerWithoutSast', {
      path: 'records',
    });
  }
  const signerVersion = parseVersion(options.signerVersion ?? (layout === 'certutils' ? '1.0' : undefined));
  const header: TrustList['header'] = {
    version: { major: 1, minor: 2 },
    filename: options.filename ?? (kind === 'CTL' ? 'CTLFile.tlv' : 'ITLFile.tlv'),
    timestamp: toTimestamp(options.timestamp ?? new Date()),
    elements: headerLayout(layout, signerVersion !== undefined),
  };
  if (signerVersion) header.signerVersion = signerVersion;
  return { kind, header, records };
}

/** Build and sign an ITL or CTL from certificates. Same inputs and timestamp give the same bytes. */
export async function buildTrustList(options: BuildOptions): Promise<Uint8Array> {
  const list = trustListModel(options);
  return signTrustList(list, options.signer, {
    digest: options.digest ?? 'sha1',
    nameStyle: options.layout ?? 'cucm',
    ...(options.subtle && { subtle: options.subtle }),
  });
}

function pick(spec: RecordSpec): { dnsName?: string; ipAddress?: string } {
  return { ...(spec.dnsName !== undefined && { dnsName: spec.dnsName }), ...(spec.ipAddress !== undefined && { ipAddress: spec.ipAddress }) };
}

function parseVersion(v: string | Version | undefined): Version | undefined {
  if (v === undefined || typeof v === 'object') return v;
  const m = /^(\d{1,3})\.(\d{1,3})$/.exec(v);
  if (!m) throw new ItlError('ERR_BUILD', `signer version must look like "1.1", got ${JSON.stringify(v)}`, { path: 'signerVersion' });
  return { major: Number(m[1]), minor: Number(m[2]) };
}
