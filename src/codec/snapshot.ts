import { RECORD_BINDINGS, type Binding } from '../format/bindings.js';
import type { Element, TrustListHeader, TrustRecord } from '../model/types.js';

// What the decoder saw, so the encoder can tell an untouched header or record from an edited one
// without comparing every typed field with its stored bytes (the bulk of encoding a decoded
// list): unchanged element lists (same objects, tags, values, children) and unchanged typed
// fields mean the stored bytes are what the encoder would write, byte for byte, since
// `encodeTrustList(decodeTrustList(b))` is `b` (the lossless rule every vector and fuzz case
// checks). The encoder then copies them from the input in one go.
//
// Decoded headers and records are instances of the classes below, which keep the snapshot in a
// private field: invisible to keys, spread, JSON and structuredClone (a copy has no snapshot and
// is encoded field by field), and, unlike a WeakMap, free for the garbage collector.

/** Where a decoded header or record came from, and what it held. */
export class Snapshot {
  constructor(
    /** The decoded input; the model's values are views of it. */
    readonly source: Uint8Array,
    readonly start: number,
    readonly end: number,
    /** Every element in walk order, as [element, tag, value, children] quadruples. */
    readonly flat: unknown[],
    /** Each typed value at the index of its tag. */
    readonly typed: unknown[],
    /** [tag, major, minor] of each Version among them: a Version object may be edited in place. */
    readonly versions: number[] | undefined,
  ) {}
}

/** A header or record made by the decoder. */
class Decoded {
  #snapshot: Snapshot | undefined = undefined;

  /**
   * Record what `model` holds now, as decoded from `source[start, end)`; `typed` has each typed
   * value at the index of its tag, as `bindDecoded` set them.
   */
  static remember(model: object, elements: readonly Element[], typed: unknown[], source: Uint8Array, start: number, end: number): void {
    if (!(#snapshot in model)) return;
    let versions: number[] | undefined;
    for (const tag of VERSION_TAGS) {
      const v = typed[tag];
      if (isVersion(v)) (versions ??= []).push(tag, v.major as number, v.minor as number);
    }
    model.#snapshot = new Snapshot(source, start, end, flatten(elements), typed, versions);
  }

  /** The snapshot of `model` if nothing in it changed since it was decoded, else `undefined`. */
  static untouched<M extends object>(model: M, elements: readonly Element[], bindings: ReadonlyArray<Binding<M>>): Snapshot | undefined {
    if (!(#snapshot in model)) return undefined;
    const snap = model.#snapshot;
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
}

export class DecodedHeader extends Decoded implements TrustListHeader {
  declare elements: Element[];

  constructor(elements: Element[]) {
    super();
    this.elements = elements;
  }
}

export class DecodedRecord extends Decoded implements TrustRecord {
  declare elements: Element[];
  declare offset: number;

  constructor(elements: Element[], offset: number) {
    super();
    this.elements = elements;
    this.offset = offset;
  }
}

export const remember = Decoded.remember;
export const untouched = Decoded.untouched;

/** [element, tag, value, children] per element, in walk order. */
function flatten(elements: readonly Element[]): unknown[] {
  let nested = false;
  for (let i = 0; i < elements.length && !nested; i++) nested = elements[i]!.children !== undefined;
  if (!nested) {
    // Records (no containers): sized up front.
    const flat = new Array<unknown>(elements.length * 4);
    for (let i = 0, at = 0; i < elements.length; i++, at += 4) {
      const el = elements[i]!;
      flat[at] = el;
      flat[at + 1] = el.tag;
      flat[at + 2] = el.value;
      flat[at + 3] = el.children;
    }
    return flat;
  }
  const flat: unknown[] = [];
  flattenInto(elements, flat);
  return flat;
}

function flattenInto(elements: readonly Element[], flat: unknown[]): void {
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    const at = flat.length;
    flat[at] = el;
    flat[at + 1] = el.tag;
    flat[at + 2] = el.value;
    flat[at + 3] = el.children;
    if (el.children) flattenInto(el.children, flat);
  }
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

/** Tags whose typed value may be a Version (header VERSION and SIGNER_VERSION; record tag 1 holds a number). */
const VERSION_TAGS = [1, 28];

/** A Version object (the only typed value that is a plain object; its numbers may be edited in place). */
function isVersion(v: unknown): v is { major: unknown; minor: unknown } {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}

/**
 * `b.get(record) === typed[b.tag]` for every record binding, written out: twelve plain property
 * reads instead of twelve calls through the binding table, for every record encoded. The check
 * below ties it to RECORD_BINDINGS, so the two lists cannot drift apart.
 */
function sameRecordFields(r: TrustRecord, t: readonly unknown[]): boolean {
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

for (const b of RECORD_BINDINGS) {
  const probe = {} as TrustRecord;
  const marker = {};
  b.set(probe, marker);
  const typed: unknown[] = [];
  typed[b.tag] = marker;
  if (!sameRecordFields(probe, typed) || sameRecordFields(probe, [])) throw new Error(`snapshot.ts: sameRecordFields does not read ${b.path} at tag ${b.tag}`);
}
if (RECORD_BINDINGS.length !== 12) throw new Error('snapshot.ts: sameRecordFields lists 12 record fields');
