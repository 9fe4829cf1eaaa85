import { ROLES } from '../format/roles.js';
import type { TrustList, TrustRecord } from '../model/types.js';

/** Roles that anchor trust in configuration files and TVS, and that a rollback ITL empties (format.md §7.1). */
const ANCHOR_ROLES: readonly number[] = [ROLES.TFTP, ROLES['CCM+TFTP'], ROLES.TVS];

/** A record with no key material: no certificate and no public key (format.md §7.2). */
export function isEmptyRecord(record: TrustRecord): boolean {
  return record.certificate === undefined && record.publicKey === undefined;
}

/**
 * A blank (rollback) ITL: it has TFTP, CCM+TFTP or TVS entries and every one of them is empty.
 * Cisco: a phone holding one "accepts any unsigned configuration file ... and also accepts any new
 * ITL file" (format.md §7.1).
 */
export function isBlankItl(list: TrustList): boolean {
  const anchors = list.records.filter((r) => r.role !== undefined && ANCHOR_ROLES.includes(r.role));
  return anchors.length > 0 && anchors.every(isEmptyRecord);
}
