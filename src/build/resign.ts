import { signTrustList, type SignOptions } from '../crypto/sign.js';
import { decodeTrustList } from '../codec/decode.js';
import type { Signer } from '../model/certificate.js';
import type { TrustList } from '../model/types.js';
import { findCertificateRecord } from './signer-record.js';

/**
 * Re-sign a trust list with another key, keeping every record byte for byte: what CUCM's
 * `utils itl reset localkey|remotekey` does (format.md §7.5). The header's signer fields are
 * copied from the list's own record of the new signer when it has one (so they match what
 * phones stored), else derived from the certificate. HeaderLength and padding are recomputed.
 */
export async function resignTrustList(input: TrustList | Uint8Array, signer: Signer, options: SignOptions = {}): Promise<Uint8Array> {
  const list = input instanceof Uint8Array ? decodeTrustList(input) : input;
  const own = findCertificateRecord(list, signer.certificate);
  const nameStyle = options.nameStyle ?? guessNameStyle(list);
  return signTrustList(list, signer, { ...(own && !options.signerInfo && { signerRecord: own.record }), ...options, nameStyle });
}

/** certutils writes `,`-joined names; CUCM `;`-joined (format.md §4.3). */
function guessNameStyle(list: TrustList): 'cucm' | 'certutils' {
  const name = list.header.signer?.name ?? list.records.find((r) => r.subjectName)?.subjectName ?? '';
  return name.includes(';') || !name.includes(',') ? 'cucm' : 'certutils';
}
