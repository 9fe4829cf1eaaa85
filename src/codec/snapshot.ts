import type { Element, TrustListHeader, TrustRecord } from '../model/types.js';

// What the decoder saw, so the encoder can tell an untouched header or record from an edited one
// (untouched.ts) without comparing every typed field with its stored bytes.
//
// Decoded headers and records are instances of the classes below, which keep the snapshot in a
// private field: invisible to keys, spread, JSON and structuredClone (a copy has no snapshot and
// is encoded field by field), and, unlike a WeakMap, free for the garbage collector.

/** Where a decoded header or record came from, and what it held. */
export interface Snapshot {
  /** The decoded input; the model's values are views of it. */
  readonly source: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** Every element in walk order, as [element, tag, value, children] quadruples. */
  readonly flat: unknown[];
  /** Each typed value at the index of its tag. */
  readonly typed: unknown[];
  /** [tag, major, minor] of each Version among them: a Version object may be edited in place. */
  readonly versions: number[] | undefined;
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
    model.#snapshot = { source, start, end, flat: flatten(elements), typed, versions };
  }

  /** What `model` was decoded from and held then, if the decoder made it. */
  static snapshotOf(model: object): Snapshot | undefined {
    return #snapshot in model ? model.#snapshot : undefined;
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
export const snapshotOf = Decoded.snapshotOf;

/** [element, tag, value, children] per element, in walk order. */
function flatten(elements: readonly Element[]): unknown[] {
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

/** Tags whose typed value may be a Version (header VERSION and SIGNER_VERSION; record tag 1 holds a number). */
const VERSION_TAGS = [1, 28];

/** A Version object (the only typed value that is a plain object; its numbers may be edited in place). */
function isVersion(v: unknown): v is { major: unknown; minor: unknown } {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}

