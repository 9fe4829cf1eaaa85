import { toColonHex } from '../bytes/hex.js';
import { ROLES } from '../format/roles.js';
import type { TrustList } from '../model/types.js';
import { isEmptyRecord } from './blank.js';
import type { Candidate } from './candidate.js';

export type RemedyCode = 'ERASE_TRUST_LIST' | 'ROLLBACK_ITL' | 'RESIGN' | 'SIGN_CONFIG' | 'TVS_TRUST' | 'UPDATE_CTL';

/** A concrete way out of a rejection. */
export interface Remedy {
  code: RemedyCode;
  text: string;
  /** Installed certificates whose keys would work, where the remedy needs one. */
  keys?: { list: 'ITL' | 'CTL'; subjectName?: string; serialNumber?: string }[];
}

/** The remedies for a rejected candidate, most general first. */
export function remediesFor({ candidate, itl, ctl }: { candidate: Candidate; itl?: TrustList; ctl?: TrustList }): Remedy[] {
  const out: Remedy[] = [
    {
      code: 'ERASE_TRUST_LIST',
      text: 'Erase the trust list on each phone: Settings > Security > Trust List (or Security Configuration) > erase, or press **# during boot on older models; the phone then takes the next file on first use.',
    },
  ];
  const keysOf = (list: TrustList | undefined, name: 'ITL' | 'CTL', roles: number[]) =>
    (list?.records ?? [])
      .filter((r) => r.role !== undefined && roles.includes(r.role) && !isEmptyRecord(r))
      .map((r) => ({ list: name, ...(r.subjectName && { subjectName: r.subjectName }), ...(r.serialNumber && { serialNumber: toColonHex(r.serialNumber) }) }));
  const sast = keysOf(itl, 'ITL', [ROLES.SAST]);
  if (itl && sast.length > 0) {
    out.push({
      code: 'ROLLBACK_ITL',
      text: `Serve a blank rollback ITL signed by a key the phones hold (${sast.map((k) => k.subjectName ?? k.serialNumber).join(' or ')}): itl rollback --from INSTALLED_ITL --signer KEY_AND_CERT -o ITLFile.tlv; once phones take it, they accept the new cluster's files.`,
      keys: sast,
    });
  }
  if (candidate.kind === 'config') {
    const tftp = [...keysOf(ctl, 'CTL', [ROLES.TFTP, ROLES['CCM+TFTP']]), ...keysOf(itl, 'ITL', [ROLES.TFTP, ROLES['CCM+TFTP']])];
    if (tftp.length > 0) {
      out.push({ code: 'SIGN_CONFIG', text: `Sign the configuration with a TFTP key the phones hold (${tftp.map((k) => k.subjectName).join(' or ')}): itl sign-file CONFIG --signer KEY_AND_CERT.`, keys: tftp });
    }
  } else if (sast.length > 0 || ctl) {
    const keys = [...keysOf(ctl, 'CTL', [ROLES.SAST, ROLES['CCM+TFTP']]), ...sast];
    out.push({ code: 'RESIGN', text: `Re-sign the new ${candidate.kind} with a key the phones hold: itl resign NEW.tlv --signer KEY_AND_CERT -o OUT.tlv (the new key should also be listed as SAST, so later files verify).`, keys });
  }
  const tvs = itl?.records.filter((r) => r.role === ROLES.TVS && !isEmptyRecord(r)) ?? [];
  if (tvs.length > 0) {
    out.push({
      code: 'TVS_TRUST',
      text: `Have the old cluster's TVS (${tvs.map((r) => r.dnsName || r.ipAddress || r.subjectName).join(', ')}) trust the new cluster's certificates (import them as Phone-SAST-trust / CallManager-trust), so phones can ask TVS about the new signer.`,
    });
  }
  if (ctl) {
    out.push({ code: 'UPDATE_CTL', text: 'The phones also hold a CTL: have the old cluster publish a CTL that lists the new cluster (or erase it on the phones) before moving them.' });
  }
  return out;
}
