import { signTrustList } from '../crypto/sign.js';
import { decodeTrustList } from '../codec/decode.js';
import { boundElements } from '../codec/bind.js';
import { encodeValue } from '../codec/encode.js';
import { ItlError } from '../errors.js';
import { RECORD_BINDING_BY_TAG } from '../format/bindings.js';
import type { DigestName } from '../format/digests.js';
import { ROLES } from '../format/roles.js';
import type { Signer } from '../model/certificate.js';
import type { Element, TrustList, TrustRecord } from '../model/types.js';
import { headerLayout } from './layouts.js';
import { recordFromCertificate, roleCode, type RoleInput } from './record.js';
import { findCertificateRecord } from './signer-record.js';
import { toTimestamp } from '../model/time.js';

/** Roles whose records a rollback ITL empties: the ones that anchor trust in configs and TVS (format.md §7.1). */
export const ROLLBACK_EMPTIED_ROLES: readonly number[] = [ROLES.TFTP, ROLES['CCM+TFTP'], ROLES.TVS];

export interface RollbackOptions {
  /** The ITL the phones hold now: its names, serials, DNS names, IPs and TFTP/TVS entries are copied. */
  from?: TrustList | Uint8Array;
  /** The certificate and key the phones already trust (a SAST record of `from`). */
  signer: Signer;
  timestamp?: Date | number;
  /** Default SHA-1, for old phones (format.md §7.3). */
  digest?: DigestName;
  /** Leave out every SAST record (the header still names the signer). Default false. Unconfirmed either way (format.md §7.4). */
  blankSast?: boolean;
  /** Keep the CAPF record unchanged. Default true. */
  keepCapf?: boolean;
  /** Keep a SAST record other than the signer's (ITLRecovery or CallManager) unchanged. Default true. */
  keepSecondSast?: boolean;
  /** What an emptied record keeps: its role only, or role plus the old DNS name and IP (default). */
  emptyRecordFields?: 'role-only' | 'role+dns+ip';
  /** Without `from`: the roles of the empty records to write. Default TFTP and TVS. */
  emptyRoles?: RoleInput[];
  /** Allow a signer that `from` does not list (phones will reject the file). Default false. */
  allowUnknownSigner?: boolean;
  filename?: string;
  subtle?: SubtleCrypto;
}

/**
 * Build a blank rollback ITL (format.md §7.4): signed by a key the phones already trust, with the
 * TFTP, CCM+TFTP and TVS records emptied, so that phones accept the next ITL and unsigned
 * configuration files from any cluster. Header in CUCM order, no SIGNER_VERSION; with `from`, the
 * header's signer fields are copied byte for byte from the phones' installed signer record.
 * The layout is a reconstruction from Cisco's description: unconfirmed on hardware.
 */
export async function buildRollbackItl(options: RollbackOptions): Promise<Uint8Array> {
  const from = options.from instanceof Uint8Array ? decodeTrustList(options.from) : options.from;
  const fields = options.emptyRecordFields ?? 'role+dns+ip';
  if (fields !== 'role-only' && fields !== 'role+dns+ip') throw new ItlError('ERR_BUILD', `emptyRecordFields must be 'role-only' or 'role+dns+ip'`);
  const own = from ? findCertificateRecord(from, options.signer.certificate) : undefined;
  if (from && !own && !options.allowUnknownSigner) {
    throw new ItlError('ERR_BUILD', 'the signer certificate is not in the installed ITL, so phones would reject the rollback ITL; sign with a key they hold', {
      path: 'signer',
    });
  }
  const records = from ? rollbackRecords(from, own?.record, options, fields) : standaloneRecords(options);
  const list: TrustList = {
    kind: 'ITL',
    header: {
      version: { major: 1, minor: 2 },
      filename: options.filename ?? from?.header.filename ?? 'ITLFile.tlv',
      timestamp: toTimestamp(options.timestamp ?? new Date()),
      elements: headerLayout('cucm', false),
    },
    records,
  };
  return signTrustList(list, options.signer, {
    digest: options.digest ?? 'sha1',
    nameStyle: 'cucm',
    ...(own && { signerRecord: own.record }),
    ...(options.subtle && { subtle: options.subtle }),
  });
}

function rollbackRecords(from: TrustList, signerRecord: TrustRecord | undefined, options: RollbackOptions, fields: 'role-only' | 'role+dns+ip'): TrustRecord[] {
  const out: TrustRecord[] = [];
  for (const record of from.records) {
    const role = record.role;
    if (role !== undefined && ROLLBACK_EMPTIED_ROLES.includes(role)) out.push(emptiedRecord(record, fields));
    else if (role === ROLES.SAST) {
      if (options.blankSast) continue;
      if (record === signerRecord || options.keepSecondSast !== false) out.push(record);
    } else if (role === ROLES.CAPF) {
      if (options.keepCapf !== false) out.push(record);
    } else out.push(record);
  }
  return out;
}

/**
 * An emptied record: RECORDLENGTH, [DNSNAME], FUNCTION, [IPADDRESS], as CUCM empties CTL records
 * (format.md §7.2). DNS name and IP bytes are copied as stored; a missing DNS name is written empty.
 */
export function emptiedRecord(record: TrustRecord, fields: 'role-only' | 'role+dns+ip'): TrustRecord {
  const role = record.role!;
  if (fields === 'role-only') return { role, elements: [{ tag: 1 }, { tag: 4 }] };
  const stored = storedValues(record);
  const elements: Element[] = [{ tag: 1 }, { tag: 2, value: stored.get(2) ?? Uint8Array.of(0) }, { tag: 4 }];
  const out: TrustRecord = { role, dnsName: record.dnsName ?? '', elements };
  if (record.ipAddress !== undefined && stored.has(10)) {
    elements.push({ tag: 10, value: stored.get(10)! });
    out.ipAddress = record.ipAddress;
  }
  return out;
}

function storedValues(record: TrustRecord): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const [el, b] of boundElements(record.elements ?? [], RECORD_BINDING_BY_TAG)) {
    if (b.get(record) !== undefined) out.set(b.tag, encodeValue(b, record, el.value, 'record'));
  }
  return out;
}

function standaloneRecords(options: RollbackOptions): TrustRecord[] {
  const roles = (options.emptyRoles ?? ['TFTP', 'TVS']).map((r) => roleCode(r, 'emptyRoles'));
  const sast = options.blankSast ? [] : [recordFromCertificate(options.signer.certificate, 'SAST')];
  return [...sast, ...roles.map((role): TrustRecord => ({ role, elements: [{ tag: 1 }, { tag: 4 }] }))];
}
