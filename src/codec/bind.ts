import { ItlError } from '../errors.js';
import { BindingTable, type Binding } from '../format/bindings.js';
import type { Element } from '../model/types.js';
import type { DecodeContext } from './context.js';

/** Depth-first walk over elements and the children of containers. */
export function* walkElements(elements: readonly Element[]): Generator<Element> {
  for (const el of elements) {
    yield el;
    if (el.children) yield* walkElements(el.children);
  }
}

// Binding runs for every header and record decoded or encoded, so it is written for speed: plain
// recursive loops (not walkElements: a generator step costs more than the binding), lookups in the
// tag-indexed array of a BindingTable, and the set of bound tags as the bits of one number (every
// bound tag is below 31, see MAX_BOUND_TAG).

export type Lookup<M> = ReadonlyArray<Binding<M> | undefined>;

function lookup<M>(byTag: ReadonlyMap<number, Binding<M>>): Lookup<M> {
  return byTag instanceof BindingTable ? (byTag.at as Lookup<M>) : Array.from({ length: 256 }, (_, tag) => byTag.get(tag));
}

/** The binding of a tag; only numbers are tags (a string like '1' must not index the array). */
export function bindingOf<M>(at: Lookup<M>, tag: number): Binding<M> | undefined {
  return typeof tag === 'number' ? at[tag] : undefined;
}

/**
 * Which element carries each typed field: the first element of the tag whose value is absent
 * (a placeholder) or decodes as that field. Later ones (duplicates, wrong sizes) stay raw.
 * The decoder, the encoder and the JSON form all use this one rule, so they agree.
 */
export function boundElements<M>(elements: readonly Element[], byTag: ReadonlyMap<number, Binding<M>>): Map<Element, Binding<M>> {
  const bound = new Map<Element, Binding<M>>();
  bindInto(elements, lookup(byTag), bound, 0);
  return bound;
}

/** Adds the bound elements of `elements` to `bound`; `seen` and the result are bit sets of bound tags. */
function bindInto<M>(elements: readonly Element[], at: Lookup<M>, bound: Map<Element, Binding<M>>, seen: number): number {
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    if (el.children) {
      seen = bindInto(el.children, at, bound, seen);
      continue;
    }
    const b = bindingOf(at, el.tag);
    if (!b || seen & (1 << b.tag)) continue;
    if (el.value === undefined || b.codec.accepts(el.value)) {
      bound.set(el, b);
      seen |= 1 << b.tag;
    }
  }
  return seen;
}

/**
 * Set the typed fields of `model` from its decoded elements; report values of the wrong size.
 * One pass in walk order, each value decoded once: the fields bound by the rule of
 * `boundElements` are set in walk order, then the values of the wrong size are reported, in walk
 * order too.
 */
export function bindDecoded<M>(
  model: M,
  elements: readonly Element[],
  byTag: ReadonlyMap<number, Binding<M>>,
  ctx: DecodeContext,
  pathPrefix: string,
  /** When given, also gets each typed value at the index of its tag (for snapshot.ts). */
  typed?: unknown[],
): void {
  const wrongSize: Element[] = [];
  const at = lookup(byTag);
  setDecoded(model, elements, at, 0, wrongSize, typed);
  for (const el of wrongSize) {
    const b = at[el.tag]!;
    ctx.tolerate(
      new ItlError('ERR_VALUE_LENGTH', `${b.path} must be ${b.codec.size} byte(s), found ${el.value!.length}`, {
        offset: el.offset,
        path: `${pathPrefix}/${b.path}`,
      }),
    );
  }
}

function setDecoded<M>(model: M, elements: readonly Element[], at: Lookup<M>, seen: number, wrongSize: Element[], typed: unknown[] | undefined): number {
  for (let i = 0; i < elements.length; i++) {
    const el = elements[i]!;
    if (el.children) {
      seen = setDecoded(model, el.children, at, seen, wrongSize, typed);
      continue;
    }
    const b = bindingOf(at, el.tag);
    if (!b) continue;
    const value = el.value;
    if (!(seen & (1 << b.tag))) {
      const decoded = b.codec.decode(value!);
      if (value === undefined || decoded !== undefined) {
        b.set(model, decoded);
        if (typed) typed[b.tag] = decoded;
        seen |= 1 << b.tag;
        continue;
      }
    }
    if (value !== undefined && b.codec.size !== undefined && value.length !== b.codec.size) wrongSize.push(el);
  }
  return seen;
}
