/** Byte-flip sweeps over signed files: every changed byte must be rejected (invalid signature or an ItlError). */
import { isItlError, verifySignedFile, verifyTrustList } from '../../src/index.js';

export interface SweepResult {
  tried: number;
  /** Changes that still verified: must stay empty. */
  accepted: { offset: number; mask: number }[];
  /** Changes that threw something other than an ItlError: must stay empty. */
  foreign: { offset: number; mask: number; error: string }[];
  /** How the others were rejected, by verify reason or error code. */
  rejectedBy: Record<string, number>;
}

/** Flip `mask` at each offset of `positions` and check the result is rejected. */
export async function sweep(bytes: Uint8Array, positions: Iterable<number>, masks: readonly number[], kind: 'tlv' | 'sgn' = 'tlv', options: { certificate?: Uint8Array } = {}): Promise<SweepResult> {
  const out: SweepResult = { tried: 0, accepted: [], foreign: [], rejectedBy: {} };
  const copy = bytes.slice();
  for (const offset of positions) {
    for (const mask of masks) {
      copy[offset] = bytes[offset]! ^ mask;
      out.tried++;
      let label: string;
      try {
        const r = kind === 'tlv' ? await verifyTrustList(copy, options) : await verifySignedFile(copy, options);
        if (r.valid) out.accepted.push({ offset, mask });
        label = r.reason ?? 'VALID';
      } catch (e) {
        if (!isItlError(e)) out.foreign.push({ offset, mask, error: String(e) });
        label = isItlError(e) ? e.code : 'FOREIGN';
      }
      out.rejectedBy[label] = (out.rejectedBy[label] ?? 0) + 1;
      copy[offset] = bytes[offset]!;
    }
  }
  return out;
}

/** Every `stride`-th offset plus every header byte (offsets below HeaderLength). */
export function strided(length: number, headerLength: number, stride: number): number[] {
  const set = new Set<number>();
  for (let i = 0; i < headerLength; i++) set.add(i);
  for (let i = 0; i < length; i += stride) set.add(i);
  set.add(length - 1);
  return [...set].sort((a, b) => a - b);
}
