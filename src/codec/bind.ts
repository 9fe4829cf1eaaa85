import { ItlError } from '../errors.js';
import type { Binding } from '../format/bindings.js';
import type { Element } from '../model/types.js';
import type { DecodeContext } from './context.js';

/** Depth-first walk over elements and the children of containers. */
export function* walkElements(elements: readonly Element[]): Generator<Element> {
  for (const el of elements) {
    yield el;
    if (el.children) yield* walkElements(el.children);
  }
}

/**
 * Which element carries each typed field: the first element of the tag whose value is absent
 * (a placeholder) or decodes as that field. Later ones (duplicates, wrong sizes) stay raw.
 * The decoder, the encoder and the JSON form all use this one rule, so they agree.
 */
export function boundElements<M>(elements: readonly Element[], byTag: ReadonlyMap<number, Binding<M>>): Map<Element, Binding<M>> {
  const bound = new Map<Element, Binding<M>>();
  const seen = new Set<number>();
  for (const el of walkElements(elements)) {
    if (el.children || seen.has(el.tag)) continue;
    const b = byTag.get(el.tag);
    if (!b) continue;
    if (el.value === undefined || b.codec.decode(el.value) !== undefined) {
      bound.set(el, b);
      seen.add(el.tag);
    }
  }
  return bound;
}

/** Set the typed fields of `model` from its decoded elements; report values of the wrong size. */
export function bindDecoded<M>(
  model: M,
  elements: readonly Element[],
  byTag: ReadonlyMap<number, Binding<M>>,
  ctx: DecodeContext,
  pathPrefix: string,
): void {
  const bound = boundElements(elements, byTag);
  for (const [el, b] of bound) b.set(model, b.codec.decode(el.value!));
  for (const el of walkElements(elements)) {
    const b = byTag.get(el.tag);
    if (!b || el.children || bound.has(el) || el.value === undefined) continue;
    if (b.codec.size !== undefined && el.value.length !== b.codec.size) {
      ctx.tolerate(
        new ItlError('ERR_VALUE_LENGTH', `${b.path} must be ${b.codec.size} byte(s), found ${el.value.length}`, {
          offset: el.offset,
          path: `${pathPrefix}/${b.path}`,
        }),
      );
    }
  }
}
