import { bytesEqual } from '../bytes/hex.js';
import type { TrustRecord } from '../model/types.js';

/** Which rule paired two records (tried in this order). */
export type MatchRule = 'certificate' | 'serial+issuer' | 'role+dns';

export interface RecordMatch {
  beforeIndex: number;
  afterIndex: number;
  matchedBy: MatchRule;
}

type Key = (a: TrustRecord, b: TrustRecord) => boolean;

const sameRole: Key = (a, b) => a.role === b.role;

/** Same DER certificate bytes. */
const byCertificate: Key = (a, b) => a.certificate !== undefined && b.certificate !== undefined && bytesEqual(a.certificate, b.certificate);

/** Same serial bytes and the same issuer string (both absent counts as the same): how TVS keys a certificate (format.md §4.3). */
const bySerialIssuer: Key = (a, b) =>
  a.serialNumber !== undefined && b.serialNumber !== undefined && bytesEqual(a.serialNumber, b.serialNumber) && a.issuerName === b.issuerName;

/** No certificate and no serial: nothing identifies the record but its role and DNS name (emptied records, format.md §7.2). */
const anonymous = (r: TrustRecord) => r.certificate === undefined && r.serialNumber === undefined;

/**
 * Same role and the same non-empty DNS name (a server whose certificate was regenerated keeps both);
 * records that carry no certificate and no serial on both sides also match with no DNS name, so
 * that emptied records pair with each other.
 */
const byRoleDns: Key = (a, b) => {
  if (a.role !== b.role) return false;
  const da = a.dnsName ?? '';
  const db = b.dnsName ?? '';
  if (da !== db) return false;
  return da !== '' || (anonymous(a) && anonymous(b));
};

/**
 * Pair the records of two lists one to one. Greedy and deterministic: the rules are tried in
 * order (certificate, then serial+issuer, then role+dns). Within the first two rules, pairs with
 * the same role are made first, so that one certificate listed under two roles (SAST and
 * CCM+TFTP, format.md §6.1) pairs role with role. Each pass walks `before` in index order and
 * takes the first unpaired `after` record that fits. Returned in `before` order.
 */
export function matchRecords(before: readonly TrustRecord[], after: readonly TrustRecord[]): RecordMatch[] {
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: RecordMatch[] = [];
  const pass = (rule: MatchRule, fits: Key) => {
    before.forEach((a, i) => {
      if (usedA.has(i)) return;
      const j = after.findIndex((b, k) => !usedB.has(k) && fits(a, b));
      if (j < 0) return;
      usedA.add(i);
      usedB.add(j);
      out.push({ beforeIndex: i, afterIndex: j, matchedBy: rule });
    });
  };
  pass('certificate', (a, b) => byCertificate(a, b) && sameRole(a, b));
  pass('certificate', byCertificate);
  pass('serial+issuer', (a, b) => bySerialIssuer(a, b) && sameRole(a, b));
  pass('serial+issuer', bySerialIssuer);
  pass('role+dns', byRoleDns);
  return out.sort((x, y) => x.beforeIndex - y.beforeIndex);
}

/**
 * Pairs whose relative order changed: those outside a longest run that keeps its order (a
 * longest increasing subsequence of `afterIndex` in `beforeIndex` order; ties go to the earliest).
 * Records added or removed around a pair do not make it "moved".
 */
export function movedPairs(matches: readonly RecordMatch[]): RecordMatch[] {
  const seq = [...matches].sort((x, y) => x.beforeIndex - y.beforeIndex);
  const n = seq.length;
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (seq[j]!.afterIndex < seq[i]!.afterIndex && len[j]! + 1 > len[i]!) {
        len[i] = len[j]! + 1;
        prev[i] = j;
      }
    }
  }
  let best = -1;
  for (let i = 0; i < n; i++) if (best < 0 || len[i]! > len[best]!) best = i;
  const keep = new Set<number>();
  for (let i = best; i >= 0; i = prev[i]!) keep.add(i);
  return seq.filter((_, i) => !keep.has(i));
}
