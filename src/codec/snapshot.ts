import type { Binding } from '../format/bindings.js';
import type { Element } from '../model/types.js';

// What the decoder saw, so the encoder can tell an untouched header or record from an edited one
// without comparing every typed field with its stored bytes (the bulk of encoding a decoded
// list): unchanged element lists (same objects, tags, values, children) and unchanged typed
// fields mean the stored bytes are what the encoder would write, byte for byte, since
// `encodeTrustList(decodeTrustList(b))` is `b` (the lossless rule every vector and fuzz case
// checks). The encoder then copies them from the input in one go.

/** Where a decoded header or record came from, and what it held. */
export interface Snapshot {
  /** The decoded input; the model's values are views of it. */
  source: Uint8Array;
  start: number;
  end: number;
  /** Every element in walk order, as [element, tag, value, children] quadruples. */
  flat: unknown[];
  /** Each binding's typed value, in binding order; a Version is followed by its major and minor. */
  typed: unknown[];
}

/** Keyed by the header or record object; dies with it. */
const SNAPSHOTS = new WeakMap<object, Snapshot>();

/** Record what `model` holds now, as decoded from `source[start, end)`. */
export function remember<M extends object>(model: M, elements: readonly Element[], bindings: ReadonlyArray<Binding<M>>, source: Uint8Array, start: number, end: number): void {
  const flat: unknown[] = [];
  flatten(elements, flat);
  const typed: unknown[] = [];
  for (let i = 0; i < bindings.length; i++) pushTyped(typed, bindings[i]!.get(model));
  SNAPSHOTS.set(model, { source, start, end, flat, typed });
}

/** The snapshot of `model` if nothing in it changed since it was decoded, else `undefined`. */
export function untouched<M extends object>(model: M, elements: readonly Element[], bindings: ReadonlyArray<Binding<M>>): Snapshot | undefined {
  const snap = SNAPSHOTS.get(model);
  if (snap === undefined) return undefined;
  const typed = snap.typed;
  let t = 0;
  for (let i = 0; i < bindings.length; i++) {
    const v = bindings[i]!.get(model);
    if (v !== typed[t++]) return undefined;
    if (isVersion(v) && (v.major !== typed[t++] || v.minor !== typed[t++])) return undefined;
  }
  const flat = snap.flat;
  return sameElements(elements, flat, 0) === flat.length ? snap : undefined;
}

function flatten(elements: readonly Element[], flat: unknown[]): void {
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    flat.push(el, el.tag, el.value, el.children);
    if (el.children) flatten(el.children, flat);
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

function pushTyped(typed: unknown[], v: unknown): void {
  typed.push(v);
  if (isVersion(v)) typed.push(v.major, v.minor);
}

/** A Version object (the only typed value that is a plain object; its numbers may be edited in place). */
function isVersion(v: unknown): v is { major: unknown; minor: unknown } {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array);
}
