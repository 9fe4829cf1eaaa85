import type { Binding } from '../format/bindings.js';
import { HEADER_FIELD_PARENT } from '../format/bindings.js';
import type { Element } from '../model/types.js';
import { boundElements } from './bind.js';

/** CUCM header element order (format.md §3.2): where a field missing from the element list goes. */
const HEADER_RANK: ReadonlyMap<number, number> = new Map([1, 2, 28, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 15, 13].map((t, i) => [t, i]));
/** CUCM record order (format.md §4.9). */
const RECORD_RANK: ReadonlyMap<number, number> = new Map([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((t, i) => [t, i]));

/** Insert `el` before the first sibling that ranks after it; unranked siblings (unknown tags, padding) are passed over. */
function insertRanked(siblings: Element[], el: Element, rank: ReadonlyMap<number, number>): void {
  const mine = rank.get(el.tag)!;
  const at = siblings.findIndex((s) => (rank.get(s.tag) ?? -1) > mine);
  siblings.splice(at < 0 ? siblings.length : at, 0, el);
}

/**
 * The element list to encode: the stored one, plus a placeholder for each typed field that is set
 * but has no element yet (a field added by the caller, or a model built from typed fields only).
 * Never mutates the caller's model.
 */
export function completeLayout<M>(
  elements: readonly Element[],
  model: M,
  bindings: ReadonlyArray<Binding<M>>,
  byTag: ReadonlyMap<number, Binding<M>>,
  namespace: 'header' | 'record',
): Element[] {
  const seen = new Set<number>();
  for (const b of boundElements(elements, byTag).values()) seen.add(b.tag);
  const missing: Binding<M>[] = [];
  for (const b of bindings) {
    if (!seen.has(b.tag) && b.get(model) !== undefined && !(b.tag === 2 && namespace === 'header') && !(b.tag === 1 && namespace === 'record')) missing.push(b);
  }
  if (missing.length === 0) return elements as Element[];
  const rank = namespace === 'header' ? HEADER_RANK : RECORD_RANK;
  const top = elements.map((e) => (e.children ? { ...e, children: [...e.children] } : e));
  for (const b of missing) {
    const parentTag = namespace === 'header' ? HEADER_FIELD_PARENT.get(b.tag) : undefined;
    insertRanked(parentTag === undefined ? top : containerFor(top, parentTag, rank), { tag: b.tag }, rank);
  }
  return top;
}

/** The children of the container `tag` (7 for 9, top level for 3 and 7), created where it is missing. */
function containerFor(top: Element[], tag: number, rank: ReadonlyMap<number, number>): Element[] {
  const grand = HEADER_FIELD_PARENT.get(tag);
  const siblings = grand === undefined ? top : containerFor(top, grand, rank);
  let found = siblings.find((s) => s.tag === tag && s.children);
  if (!found) {
    found = { tag, children: [] };
    insertRanked(siblings, found, rank);
  } else if (grand !== undefined) {
    // Copy nested containers too before inserting into them.
    const copy = { ...found, children: [...found.children!] };
    siblings[siblings.indexOf(found)] = copy;
    found = copy;
  }
  return found.children!;
}
