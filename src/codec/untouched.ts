import { RECORD_BINDINGS, type Binding } from '../format/bindings.js';
import type { Element, TrustRecord } from '../model/types.js';
import { snapshotOf, type Snapshot } from './snapshot.js';

// The encoder's side of snapshot.ts. Unchanged element lists (same objects, tags, values,
// children) and unchanged typed fields mean the stored bytes are what the encoder would write,
// byte for byte, since `encodeTrustList(decodeTrustList(b))` is `b` (the lossless rule every
// vector and fuzz case checks): the encoder then copies them from the input in one go.

/** The snapshot of `model` if nothing in it changed since it was decoded, else `undefined`. */
export function untouched<M extends object>(model: M, elements: readonly Element[], bindings: ReadonlyArray<Binding<M>>): Snapshot | undefined {
  const snap = snapshotOf(model);
  if (snap === undefined) return undefined;
  const typed = snap.typed;
  if (bindings === (RECORD_BINDINGS as ReadonlyArray<Binding<unknown>>)) {
    if (!sameRecordFields(model as unknown as TrustRecord, typed)) return undefined;
  } else {
    for (let i = 0; i < bindings.length; i++) {
      const b = bindings[i]!;
      if (b.get(model) !== typed[b.tag]) return undefined;
    }
  }
  const versions = snap.versions;
  if (versions) {
    for (let k = 0; k < versions.length; k += 3) {
      const v = typed[versions[k]!] as { major: unknown; minor: unknown };
      if (v.major !== versions[k + 1] || v.minor !== versions[k + 2]) return undefined;
    }
  }
  const flat = snap.flat;
  return sameElements(elements, flat, 0) === flat.length ? snap : undefined;
}

/** How far `elements` matches `flat` from `at` (walk order), or -1 at the first difference. Bounded by `flat`, even for a cyclic list. */
function sameElements(elements: readonly Element[], flat: readonly unknown[], at: number): number {
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    if (at >= flat.length || el !== flat[at] || el.tag !== flat[at + 1] || el.value !== flat[at + 2] || el.children !== flat[at + 3]) return -1;
    at += 4;
    if (el.children) {
      at = sameElements(el.children, flat, at);
      if (at < 0) return -1;
    }
  }
  return at;
}

/**
 * `b.get(record) === typed[b.tag]` for every record binding, written out: twelve plain property
 * reads instead of twelve calls through the binding table, for every record encoded.
 * test/codec/tables.test.ts ties it to RECORD_BINDINGS, so the two lists cannot drift apart.
 */
export function sameRecordFields(r: TrustRecord, t: readonly unknown[]): boolean {
  return (
    r.recordLength === t[1] &&
    r.dnsName === t[2] &&
    r.subjectName === t[3] &&
    r.role === t[4] &&
    r.issuerName === t[5] &&
    r.serialNumber === t[6] &&
    r.publicKey === t[7] &&
    r.signature === t[8] &&
    r.certificate === t[9] &&
    r.ipAddress === t[10] &&
    r.certificateHash === t[11] &&
    r.hashAlgorithm === t[12]
  );
}
