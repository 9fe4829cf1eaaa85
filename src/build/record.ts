import { ItlError } from '../errors.js';
import { parseRole } from '../format/roles.js';
import type { CertificateFields } from '../model/certificate.js';
import type { TrustRecord } from '../model/types.js';
import { recordLayout, type Layout } from './layouts.js';

/** A role by name (`SAST`, `CCM+TFTP`, `TFTP`, `CAPF`, `APP-SERVER`, `TVS`, ...) or by code. */
export type RoleInput = string | number;

export interface RecordOptions {
  layout?: Layout;
  dnsName?: string;
  ipAddress?: string;
}

/** A role code from a name or number, or `ERR_BUILD`. */
export function roleCode(role: RoleInput, path: string): number {
  const code = parseRole(role);
  if (code === undefined) throw new ItlError('ERR_BUILD', `unknown role ${JSON.stringify(role)}`, { path });
  return code;
}

/** One trust-list record for a certificate in a role, with the fields its layout writes. */
export function recordFromCertificate(cert: CertificateFields, role: RoleInput, options: RecordOptions = {}): TrustRecord {
  const layout = options.layout ?? 'cucm';
  const style = layout;
  const record: TrustRecord = {
    subjectName: cert.subject[style],
    role: roleCode(role, 'role'),
    issuerName: cert.issuer[style],
    serialNumber: cert.serialNumber,
    publicKey: cert.publicKey,
    signature: cert.signature,
    certificate: cert.der,
    elements: recordLayout(layout),
  };
  if (options.dnsName !== undefined) record.dnsName = options.dnsName;
  if (options.ipAddress !== undefined) record.ipAddress = options.ipAddress;
  return record;
}
