import { bytesEqual } from '../bytes/hex.js';
import { ROLES } from '../format/roles.js';
import type { CertificateFields } from '../model/certificate.js';
import type { TrustList, TrustRecord } from '../model/types.js';

/**
 * The record of `list` that holds `cert`: same certificate bytes, else same serial number
 * (stored bytes or the DER-minimal magnitude) with a key match. A SAST record is preferred,
 * since that is the role a phone checks a new trust list against (format.md §5).
 */
export function findCertificateRecord(list: TrustList, cert: CertificateFields): { record: TrustRecord; index: number } | undefined {
  const hits = list.records
    .map((record, index) => ({ record, index }))
    .filter(({ record }) =>
      record.certificate
        ? bytesEqual(record.certificate, cert.der)
        : record.serialNumber !== undefined && bytesEqual(magnitude(record.serialNumber), magnitude(cert.serialNumber)) && record.publicKey !== undefined && bytesEqual(record.publicKey, cert.publicKey),
    );
  return hits.find(({ record }) => record.role === ROLES.SAST) ?? hits[0];
}

/** A serial without leading 00 bytes: a record may store the DER sign byte, certificate fields never do (format.md §4.4). */
function magnitude(serial: Uint8Array): Uint8Array {
  let i = 0;
  while (i < serial.length - 1 && serial[i] === 0) i++;
  return serial.subarray(i);
}
