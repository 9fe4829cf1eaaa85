/**
 * Whether the signature of an inspected trust list verifies with its own SAST record (format.md §5),
 * as `itl verify FILE` would say. Works on lenient decodes too: the signed range comes from the bytes.
 */
import type { TrustList } from '../../index.js';
import { verifyHeadered } from '../../crypto/verify.js';
import { digestName, signerJson } from '../output.js';

export interface VerificationReport {
  valid: boolean;
  /** `SIGNATURE_MISMATCH`, `SIGNER_NOT_FOUND`, ... when not valid; `null` when valid. */
  reason: string | null;
  message: string;
  digest: string | null;
  /** 1-based number of the record whose key verified (or was tried), with its role and subject. */
  record: number | null;
  role: string | null;
  subjectName: string | null;
}

export async function checkSignature(bytes: Uint8Array, list: TrustList): Promise<VerificationReport> {
  try {
    const r = await verifyHeadered(bytes, list.header, list.records);
    const s = signerJson(r.signer);
    return {
      valid: r.valid,
      reason: r.reason ?? null,
      message: r.message,
      digest: digestName(r.digest),
      record: (s?.record as number | null | undefined) ?? null,
      role: (s?.role as string | null | undefined) ?? null,
      subjectName: (s?.subjectName as string | null | undefined) ?? null,
    };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (typeof code !== 'string') throw e; // not input trouble: a bug, reported as such
    return { valid: false, reason: code, message: `the signature could not be checked: ${(e as Error).message}`, digest: null, record: null, role: null, subjectName: null };
  }
}
