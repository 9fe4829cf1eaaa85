/**
 * "100% rejected": a changed signed file either fails to decode with an ItlError or verifies as
 * not valid. Never valid, never another exception.
 */
import { decodeSignedFile, decodeTrustList, ItlError, verifySignedFile, verifyTrustList } from '../../../src/index.js';

export interface Tally {
  tried: number;
  /** Changes that still verified: must stay empty. */
  accepted: string[];
  /** Changes that threw something other than an ItlError: must stay empty. */
  foreign: string[];
  /** How the others were rejected: decode error code or verify reason. */
  by: Record<string, number>;
}

export const newTally = (): Tally => ({ tried: 0, accepted: [], foreign: [], by: {} });

/** Check one changed file; `what` names the change in the tally. */
export async function mustReject(bytes: Uint8Array, format: 'tlv' | 'sgn', certificate: Uint8Array | undefined, what: string, t: Tally): Promise<void> {
  t.tried++;
  let label: string;
  try {
    if (format === 'tlv') {
      decodeTrustList(bytes);
      const r = await verifyTrustList(bytes);
      label = r.valid ? 'VALID' : r.reason!;
    } else {
      decodeSignedFile(bytes);
      const r = await verifySignedFile(bytes, certificate ? { certificate } : {});
      label = r.valid ? 'VALID' : r.reason!;
    }
  } catch (e) {
    if (e instanceof ItlError) label = e.code;
    else {
      t.foreign.push(`${what}: ${String(e)}`);
      label = 'FOREIGN';
    }
  }
  if (label === 'VALID') t.accepted.push(what);
  t.by[label] = (t.by[label] ?? 0) + 1;
}

/** Truncate at every offset 0 .. length-1. */
export async function truncateEverywhere(bytes: Uint8Array, format: 'tlv' | 'sgn', certificate: Uint8Array | undefined, t: Tally, name = ''): Promise<void> {
  for (let n = 0; n < bytes.length; n++) await mustReject(bytes.subarray(0, n), format, certificate, `${name} cut at ${n}`, t);
}

/** Flip each bit of `positions` (default: every byte), one at a time. */
export async function flipEveryBit(bytes: Uint8Array, format: 'tlv' | 'sgn', certificate: Uint8Array | undefined, t: Tally, name = '', masks: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128]): Promise<void> {
  const copy = bytes.slice();
  for (let i = 0; i < bytes.length; i++) {
    for (const m of masks) {
      copy[i] = bytes[i]! ^ m;
      await mustReject(copy, format, certificate, `${name} byte ${i} ^ 0x${m.toString(16)}`, t);
    }
    copy[i] = bytes[i]!;
  }
}
